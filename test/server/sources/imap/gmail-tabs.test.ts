import { afterEach, describe, expect, it, vi } from 'vitest';
import { testAccount } from '../../../../main/bundled/account-test.ts';
import { MemoryStore } from '../../../../server/store/memory-store.ts';
import { ImapAccount } from '../../../../server/sources/imap/imap-account.ts';
import { parseImapConfig } from '../../../../server/sources/imap/imap-config.ts';
import { silentLogger } from '../../../../server/log.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';
import { FakeTimers } from '../../../helpers/fake-timers.ts';
import { startScriptedImap, type ScriptedImap, type ScriptedImapOptions } from '../../../helpers/scripted-imap.ts';

/** Gmail's inbox tabs, against a scripted exchange that plays Gmail's documented answers (test/helpers/scripted-imap.ts). */
describe('Gmail\'s inbox tabs over IMAP', () => {
  const running: Array<{ stop(): Promise<void> }> = [];
  const imaps: ScriptedImap[] = [];
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((r) => r.stop()));
    await Promise.allSettled(imaps.splice(0).map((s) => s.close()));
  });

  const runAccount = async (options: ScriptedImapOptions) => {
    const imap = await startScriptedImap(options);
    imaps.push(imap);
    const store = new MemoryStore();
    const timers = new FakeTimers();
    const raw = {
      type: 'imap', host: '127.0.0.1', port: imap.port, security: 'none', user: 'ann@gmail.com', password: 'app-password', recountSeconds: 300,
      mailboxes: [
        { id: 'primary', filter: { gmailCategory: 'primary' } },
        { id: 'updates', filter: { gmailCategory: 'updates' } },
        { id: 'all' },
      ],
    };
    const account = new ImapAccount(parseImapConfig(checkedEntry(raw), 'sources[0]', {}), { store, log: silentLogger, messagesPerMailbox: 0 }, { timers });
    running.push(account);
    await account.start();
    const boxes = async () => new Map((await store.snapshot(['primary', 'updates', 'all'])).mailboxes.map((m) => [m.id, m]));
    return { imap, timers, boxes };
  };

  it('counts each tab with X-GM-RAW where the server announces X-GM-EXT-1, and follows it at the periodic check', async () => {
    const { imap, timers, boxes } = await runAccount({ unseen: { INBOX: 7 }, gmailTabs: { primary: 2, updates: 4, social: 1 } });
    await vi.waitFor(async () => expect((await boxes()).get('primary')?.state).toBe('ok'), { timeout: 10_000 });
    const first = await boxes();
    expect([first.get('primary')?.count, first.get('updates')?.count, first.get('all')?.count]).toEqual([2, 4, 7]);
    expect(imap.commands).toContain('SEARCH X-GM-RAW "category:primary is:unread"');
    expect(imap.commands).toContain('SEARCH X-GM-RAW "category:updates is:unread"');
    expect(imap.commands).toContain('SEARCH UNSEEN');

    // Gmail's IDLE tells of new mail, not of the tab it landed in; the search after any change, or the check, finds it.
    imap.setTabUnread('primary', 3);
    timers.advance(300_000);
    await vi.waitFor(async () => expect((await boxes()).get('primary')?.count).toBe(3), { timeout: 10_000 });
    expect((await boxes()).get('updates')?.count).toBe(4);
  });

  it('refuses the tabs on a server without X-GM-EXT-1, sending it no X-GM-RAW, and still counts the plain mailbox', async () => {
    const { imap, boxes } = await runAccount({ unseen: { INBOX: 5 } });
    await vi.waitFor(async () => expect((await boxes()).get('all')?.state).toBe('ok'), { timeout: 10_000 });
    const mailboxes = await boxes();
    expect(mailboxes.get('all')?.count).toBe(5);
    for (const id of ['primary', 'updates']) {
      expect(mailboxes.get(id)).toMatchObject({ state: 'error', errorKind: 'setup' });
      expect(mailboxes.get(id)?.error).toMatch(/^the mailbox cannot be counted on 127\.0\.0\.1: Gmail's "(primary|updates)" tab is counted only on Gmail, and this server does not announce X-GM-EXT-1$/);
    }
    expect(imap.commands.filter((c) => c.includes('X-GM-RAW'))).toEqual([]);
  });

  it('"Test account" tells the form the tabs may be offered only where the server announced X-GM-EXT-1', async () => {
    const gmail = await startScriptedImap({ unseen: { INBOX: 7 }, gmailTabs: { primary: 2 } });
    const other = await startScriptedImap({ unseen: { INBOX: 7 } });
    imaps.push(gmail, other);
    const entry = (port: number) => ({
      host: '127.0.0.1', port, security: 'none', user: 'ann@gmail.com', password: 'app-password', folders: ['INBOX'],
      // The account's own filter does not change the test: it counts the folder, as its words say.
      filter: { gmailCategory: 'primary' },
    });
    expect(await testAccount(entry(gmail.port))).toMatchObject({ ok: true, unseen: 7, hasGmailTabs: true });
    const elsewhere = await testAccount(entry(other.port));
    expect(elsewhere).toMatchObject({ ok: true, unseen: 7 });
    expect(elsewhere).not.toHaveProperty('hasGmailTabs');
  });
});
