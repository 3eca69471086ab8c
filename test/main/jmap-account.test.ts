import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSourceEntry } from '../../main/bundled/account-entry.ts';
import { testJmapAccount } from '../../main/bundled/account-test.ts';
import type { AccountInput, SettingsInput } from '../../main/ipc-contract.ts';
import { Settings } from '../../main/settings/settings.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { jmapMessage, startCyrus, type Cyrus } from '../helpers/cyrus.ts';
import { fakeSecrets } from './support/fake-secrets.ts';

const fastmail: AccountInput = {
  id: 'fastmail', name: 'Fastmail', provider: 'fastmail-jmap', protocol: 'jmap', host: 'api.fastmail.com', port: 443, security: 'tls',
  user: 'ann@fastmail.com', folders: ['INBOX'], folderChoice: 'inbox', password: 'fmu1-api-token',
};

describe('an account read over JMAP', () => {
  it('becomes a jmap source at Fastmail\'s session resource, its API token as a bearer token, INBOX as the inbox role', () => {
    expect(accountSourceEntry({ ...fastmail, password: 'fmu1-api-token' })).toEqual({
      type: 'jmap', mailbox: 'fastmail', url: 'https://api.fastmail.com/jmap/session', user: 'ann@fastmail.com',
      folders: ['role:inbox'], accessToken: 'fmu1-api-token',
    });
    // Fastmail over IMAP, as before.
    const { protocol: _jmap, ...imap } = fastmail;
    expect(accountSourceEntry({ ...imap, provider: 'fastmail', host: 'imap.fastmail.com', port: 993, password: 'app-password' })).toMatchObject({ type: 'imap', password: 'app-password' });
  });

  it('is saved with its protocol, and reaches the bundled server with its token', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailtray-settings-'));
    try {
      const settings = new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(fakeSecrets()), cwd: dir, configName: 'settings' }), fakeSecrets());
      const input = (account: AccountInput): SettingsInput => ({
        servers: { bundled: { enabled: true }, remotes: [] }, accounts: [account],
        notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
        general: { launchAtLogin: true },
      });
      expect(settings.save(input(fastmail))).toMatchObject({ ok: true });
      expect(settings.view().accounts[0]).toMatchObject({ protocol: 'jmap', provider: 'fastmail-jmap' });
      expect(settings.bundledAccounts().accounts[0]).toMatchObject({ protocol: 'jmap', password: 'fmu1-api-token' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('"Test account" against a real Cyrus', () => {
    let cyrus: Cyrus;
    beforeAll(async () => {
      cyrus = await startCyrus();
      await cyrus.addUser({ user: 'ann', password: 'ann-test-password-1' });
      await cyrus.deliver('ann', jmapMessage('Alice <alice@example.com>', 'Hello'));
    });
    afterAll(async () => { await cyrus?.stop(); });

    const entry = (password: string) => ({ type: 'jmap', mailbox: 'ann', url: cyrus.url, user: 'ann', folders: ['role:inbox'], password });

    it('counts the inbox in the person\'s words', async () => {
      expect(await testJmapAccount(entry('ann-test-password-1'))).toEqual({
        ok: true, unseen: 1, message: { key: 'account.test.counted', values: { user: 'ann', unseen: 1, folder: 'INBOX' } },
      });
    });

    it('a wrong password is the wrong-password words, naming the user', async () => {
      expect(await testJmapAccount(entry('wrong'))).toMatchObject({
        ok: false, problem: 'auth', message: { key: 'account.test.wrongPassword', values: { details: expect.stringContaining('refused the password of ann') } },
      });
    });
  });
});
