import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../../../server/store/memory-store.ts';
import { ImapAccount } from '../../../../server/sources/imap/imap-account.ts';
import { parseImapConfig } from '../../../../server/sources/imap/imap-config.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';
import { type Logger, silentLogger } from '../../../../server/log.ts';
import { FakeTimers } from '../../../helpers/fake-timers.ts';
import { startScriptedImap, type ScriptedImap, type ScriptedImapOptions } from '../../../helpers/scripted-imap.ts';
import { startCountServer, type CountServer } from '../../../helpers/source-server.ts';

/** IMAP servers that behave unlike Dovecot, played by a scripted server (see test/helpers/scripted-imap.ts). */
describe('IMAP accounts on servers other than Dovecot', () => {
  const running: Array<{ stop(): Promise<void> }> = [];
  const imaps: ScriptedImap[] = [];
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((r) => r.stop()));
    await Promise.allSettled(imaps.splice(0).map((s) => s.close()));
  });

  const serveImap = async (options: ScriptedImapOptions) => {
    const imap = await startScriptedImap(options);
    imaps.push(imap);
    return imap;
  };
  const entry = (imap: ScriptedImap, extra: object = {}) => ({
    type: 'imap', host: '127.0.0.1', port: imap.port, security: 'none', user: 'ann', password: 'ann-password', mailbox: 'ann', ...extra,
  });
  /** The account on a store, with timers the test moves and a log it reads. */
  const runAccount = async (raw: Record<string, unknown>) => {
    const store = new MemoryStore();
    const timers = new FakeTimers();
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (obj, msg) => { warnings.push(typeof obj === 'string' ? obj : msg ?? ''); } };
    const account = new ImapAccount(parseImapConfig(checkedEntry(raw), 'sources[0]', {}), { store, log, messagesPerMailbox: 0 }, { timers });
    running.push(account);
    await account.start();
    const box = async () => (await store.snapshot(['ann'])).mailboxes[0]!;
    return { account, timers, warnings, box };
  };

  describe('a refused login', () => {
    it.each([
      ['Cyrus, Courier and Mailutils', 'NO authentication failure', 'authentication failure'],
      ['Dovecot and Gmail', 'NO [AUTHENTICATIONFAILED] Authentication failed.', 'AUTHENTICATIONFAILED'],
    ])('is told in the server\'s words without the command\'s tag (%s)', async (_servers, answer, said) => {
      const imap = await serveImap({ login: answer });
      const { box } = await runAccount(entry(imap));
      await vi.waitFor(async () => expect((await box()).state).toBe('error'), { timeout: 10_000 });
      expect((await box()).error).toBe(`login failed for ann: the server said ${said}; retrying in 15 min`);
    });
  });

  describe('a server that announces IDLE and never pushes', () => {
    it('is found out by the periodic check, which then comes every pollSeconds, and says so while the count stays ok', async () => {
      const imap = await serveImap({ unseen: { INBOX: 2 } });
      const { account, timers, warnings, box } = await runAccount(entry(imap, { recountSeconds: 300, pollSeconds: 60 }));
      await vi.waitFor(async () => expect((await box()).count).toBe(2), { timeout: 10_000 });
      await vi.waitFor(() => expect(imap.commands.at(-1)).toBe('IDLE'), { timeout: 10_000 });
      expect(account.note?.()).toBeUndefined();
      expect((await box()).note).toBeUndefined();

      // New mail that IDLE never reports: only the check 5 min on finds it.
      imap.setUnseen('INBOX', 3);
      timers.advance(299_000);
      expect((await box()).count).toBe(2);
      timers.advance(1000);
      await vi.waitFor(async () => expect((await box()).note).toBe('this server reports new mail late; checking for it every 60 s'), { timeout: 10_000 });

      const mailbox = await box();
      expect(mailbox).toMatchObject({ count: 3, state: 'ok' });
      expect(mailbox.error).toBeUndefined();
      expect(account.note?.()).toBe('this server reports new mail late; checking for it every 60 s');
      expect(warnings.filter((w) => w.includes('reports new mail late'))).toHaveLength(1);

      // From now on the checks come every minute.
      await vi.waitFor(() => expect(timers.delays()).toContain(60_000), { timeout: 10_000 });
      imap.setUnseen('INBOX', 5);
      timers.advance(60_000);
      await vi.waitFor(async () => expect((await box()).count).toBe(5), { timeout: 10_000 });
      expect(warnings.filter((w) => w.includes('reports new mail late'))).toHaveLength(1);
    });

    it('whose sessions never see other sessions\' reads (imap4d) does not drift: each check opens the folder again', async () => {
      const imap = await serveImap({ unseen: { INBOX: 4 }, isStale: true });
      const { timers, box } = await runAccount(entry(imap, { recountSeconds: 300 }));
      await vi.waitFor(async () => expect((await box()).count).toBe(4), { timeout: 10_000 });
      await vi.waitFor(() => expect(imap.commands.at(-1)).toBe('IDLE'), { timeout: 10_000 });

      // Read on the phone: the session still sees 4 unseen, the server 1.
      imap.setUnseen('INBOX', 1);
      timers.advance(300_000);
      await vi.waitFor(async () => expect((await box()).count).toBe(1), { timeout: 10_000 });
    });

    it('is named in /healthz and in the answer\'s mailbox, which stays ok', async () => {
      const imap = await serveImap({ unseen: { INBOX: 1 } });
      const server: CountServer = await startCountServer([entry(imap, { recountSeconds: 1, pollSeconds: 1 })]);
      running.push(server);
      await server.waitFor((boxes) => boxes.get('ann')?.count === 1);
      await vi.waitFor(() => expect(imap.commands.at(-1)).toBe('IDLE'), { timeout: 10_000 });
      imap.setUnseen('INBOX', 2);
      const boxes = await server.waitFor((found) => found.get('ann')?.note !== undefined);
      expect(boxes.get('ann')).toMatchObject({ count: 2, state: 'ok', note: 'this server reports new mail late; checking for it every 1 s' });

      await vi.waitFor(async () => {
        const health = await (await fetch(`${server.server.url}/healthz`)).json() as { status: string; sources: unknown[] };
        expect(health.status).toBe('ok');
        expect(health.sources).toEqual([{
          type: 'imap', at: 'sources[0]', state: 'ok', note: 'this server reports new mail late; checking for it every 1 s',
        }]);
      }, { timeout: 5000 });
    });
  });
});
