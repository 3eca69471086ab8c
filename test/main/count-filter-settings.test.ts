import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { imapSourceEntry } from '../../main/bundled/account-entry.ts';
import type { AccountInput, SettingsInput } from '../../main/ipc-contract.ts';
import { Settings } from '../../main/settings/settings.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { parseConfig } from '../../server/config/server-config.ts';
import { fakeSecrets } from './support/fake-secrets.ts';

const english = translatorFor('en');
let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'mailtray-filter-settings-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const secrets = fakeSecrets();
const openSettings = () => new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir, configName: 'settings' }), secrets);
const work = (countFilter?: unknown): AccountInput => ({
  id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann@example.com', folders: ['INBOX'], folderChoice: 'inbox', password: 'imap-password',
  ...(countFilter === undefined ? {} : { countFilter: countFilter as NonNullable<AccountInput['countFilter']> }),
});
const input = (account: AccountInput): SettingsInput => ({
  servers: { bundled: { enabled: true }, remotes: [] }, accounts: [account],
  notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
  general: { launchAtLogin: false },
});

describe('an account\'s "What counts" in the settings', () => {
  it('is kept in the file, shown to the window again, and reaches the bundled server as its source\'s "filter"', async () => {
    const settings = openSettings();
    const filter = { from: ['boss@example.com', 'example.org'], flagged: true, newerThanDays: 7, gmailCategory: 'primary', search: 'OR SUBJECT urgent SUBJECT "Rechnung (neu)"' };
    expect(settings.save(input(work(filter))).ok).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).accounts[0].countFilter).toEqual(filter);
    expect(openSettings().view().accounts[0]!.countFilter).toEqual(filter);

    const entry = imapSourceEntry(settings.bundledAccounts().accounts[0]!);
    expect(entry.filter).toEqual(filter);
    // The server takes the entry as it takes a config file's.
    const config = parseConfig({ clients: [{ name: 'app', token: 'a-client-token-of-enough-length', mailboxes: '*' }], sources: [entry] }, { env: {} });
    expect(config.sources).toHaveLength(1);
  });

  it('is left out for an account that counts all unread mail', () => {
    const settings = openSettings();
    expect(settings.save(input(work())).ok).toBe(true);
    expect(settings.view().accounts[0]!.countFilter).toBeUndefined();
    expect(imapSourceEntry(settings.bundledAccounts().accounts[0]!)).not.toHaveProperty('filter');
  });

  it.each([
    ['a sender that is no address', { from: ['Alice'] }, 'accounts.0.countFilter.from.0', 'Enter mail addresses like ann@example.com or domains like example.com, separated by commas.'],
    ['a domain as a recipient', { to: ['example.com'] }, 'accounts.0.countFilter.to.0', 'Enter mail addresses like ann@example.com, separated by commas.'],
    ['no days', { newerThanDays: 0 }, 'accounts.0.countFilter.newerThanDays', 'Enter a whole number of days from 1 to 3650, or leave it empty.'],
    ['a tab Gmail has not', { gmailCategory: 'inbox' }, 'accounts.0.countFilter.gmailCategory', 'Choose one of Gmail\'s tabs.'],
    ['an empty filter', {}, 'accounts.0.countFilter', 'Choose at least one thing that must hold, or count all unread mail.'],
    ['IMAP search text in place of a filter', 'UNSEEN FROM boss', 'accounts.0.countFilter', 'This value is not valid.'],
    ['IMAP search keys with a quote never closed', { search: 'SUBJECT "urgent' }, 'accounts.0.countFilter.search',
      'Enter IMAP SEARCH keys on one line, with every quote and parenthesis closed, like OR FROM boss SUBJECT urgent.'],
    ['IMAP search keys that would start a second command', { search: 'ALL\r\nA2 LOGOUT' }, 'accounts.0.countFilter.search',
      'Enter IMAP SEARCH keys on one line, with every quote and parenthesis closed, like OR FROM boss SUBJECT urgent.'],
    ['empty IMAP search keys', { search: '' }, 'accounts.0.countFilter.search',
      'Enter IMAP SEARCH keys on one line, with every quote and parenthesis closed, like OR FROM boss SUBJECT urgent.'],
  ])('refuses %s from the window, in words for the field, and saves nothing', (_name, filter, field, words) => {
    const settings = openSettings();
    const result = settings.save(input(work(filter)));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.map((e) => ({ field: e.field, words: english.say(e.message) }));
    expect(errors).toContainEqual({ field, words });
    expect(settings.view().accounts).toEqual([]);
  });
});
