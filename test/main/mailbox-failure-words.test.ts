import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { mailboxLine } from '../../renderer/mail-view/mailbox-words.ts';
import { startDovecot, type Dovecot } from '../helpers/dovecot.ts';
import { eventually } from '../helpers/eventually.ts';
import { startAppUnderTest } from './support/app-under-test.ts';

const ann = { user: 'ann@example.com', password: 'ann-imap-password-1' };

// DESIGN.md, "Why a mailbox fails, as data": the bundled server says the kind, the app words it; nothing reads the sentence.
describe('a real login failure, from Dovecot through the bundled server to the tray and the window', () => {
  let dovecot: Dovecot;
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => { dovecot = await startDovecot({ users: [ann] }); });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => { await dovecot?.stop(); });

  it('a wrong password arrives with errorKind "auth": the tray says "login failed", the window gives the login advice', async () => {
    const settings: SettingsInput = {
      servers: { bundled: { enabled: true }, remotes: [] },
      accounts: [{
        id: 'work', name: 'Work', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
        user: ann.user, password: 'not-the-password', folders: ['INBOX'], folderChoice: 'inbox' as const,
      }],
      notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false },
    };
    const { shell } = await startAppUnderTest(cleanups, { settings });
    const counts = await eventually(
      () => shell.payloads('counts:changed').find((c) => c.mailboxes.some((m) => m.state === 'error')), 30_000);
    const work = counts.mailboxes.find((m) => m.id === 'work')!;
    expect(work).toMatchObject({
      state: 'error',
      error: expect.stringMatching(/^login failed for ann@example\.com: the server said AUTHENTICATIONFAILED; retrying in 15 min$/),
      errorKind: 'auth',
      errorFacts: { user: ann.user, host: '127.0.0.1', retryAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    expect(mailboxLine(work, Date.now(), 'bundled')).toEqual({
      tone: 'error', text: work.error, advice: 'Check the user name and password of this account in Settings.',
    });
    await eventually(() => shell.tray?.menu.some((item) => item.type === 'item' && item.label === 'Work - login failed'));
    expect(shell.tray!.tooltip).toContain('Work: 0, login failed');
  }, 60_000);
});
