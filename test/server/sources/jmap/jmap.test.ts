import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../../common/protocol.ts';
import type { Logger } from '../../../../server/log.ts';
import { parseJmapConfig } from '../../../../server/sources/jmap/jmap-config.ts';
import { JmapSource } from '../../../../server/sources/jmap/jmap-source.ts';
import { MemoryStore } from '../../../../server/store/memory-store.ts';
import { jmapMessage, startCyrus, type Cyrus, type CyrusUser } from '../../../helpers/cyrus.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { FakeTimers } from '../../../helpers/fake-timers.ts';
import { startJmapPush, type JmapPush } from '../../../helpers/jmap-push.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';
import { startCountServer } from '../../../helpers/source-server.ts';

/*
 * The JMAP source against a real Cyrus IMAP (its JMAP module), started from
 * the unpacked Debian packages; mail arrives over LMTP as an MTA delivers it.
 * Checks are stepped with fake timers, so a count that changes without a step
 * was pushed. Debian's Cyrus serves no push stream (204, no wslay): the push
 * tests put test/helpers/jmap-push.ts in front of it.
 */

const users = {
  ann: { user: 'ann', password: 'ann-jmap-password-1' },
  bob: { user: 'bob', password: 'bob-jmap-password-2' },
  carol: { user: 'carol', password: 'carol-jmap-password-3' },
  dave: { user: 'dave', password: 'dave-jmap-password-4' },
  erin: { user: 'erin', password: 'erin-jmap-password-5' },
} satisfies Record<string, CyrusUser>;

/** A logger that keeps what it was told, for the lines an operator would read. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const line = (obj: object | string, msg?: string) => { lines.push(typeof obj === 'string' ? obj : msg ?? ''); };
  return { lines, debug: line, info: line, warn: line, error: line };
}

describe('a JMAP account on a real Cyrus', () => {
  let cyrus: Cyrus;
  let push: JmapPush;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    cyrus = await startCyrus();
    for (const user of Object.values(users)) await cyrus.addUser(user, ['Work', 'Archive']);
    push = await startJmapPush(cyrus.url);
  });
  afterAll(async () => {
    await Promise.allSettled(cleanups.map((c) => c()));
    await push?.stop();
    await cyrus?.stop();
  });

  /** A source on fake timers: `check()` runs the next scheduled timer and resolves with the mailboxes after it. */
  const watch = async (user: CyrusUser, entry: Record<string, unknown> = {}, url = cyrus.url) => {
    const written = Object.fromEntries(Object.entries({
      type: 'jmap', url, user: user.user, password: user.password, mailbox: 'box', push: false, ...entry,
    }).filter(([, value]) => value !== undefined));
    const config = parseJmapConfig(checkedEntry(written), 'sources[0]', {});
    const store = new MemoryStore();
    await store.declare(config.mailboxes.map((m) => ({ id: m.id, name: m.id })));
    const timers = new FakeTimers(Date.parse('2026-12-05T10:00:00Z'));
    const log = recordingLogger();
    const source = new JmapSource(config, { store, log, messagesPerMailbox: 3 }, { timers, random: () => 0.5, pingSeconds: 5 });
    cleanups.push(() => source.stop());
    const mailbox = async (id = 'box'): Promise<Mailbox> => (await store.snapshot([id])).mailboxes[0]!;
    await source.start();
    await source.settled();
    return {
      source, timers, log, mailbox,
      async check(id = 'box'): Promise<Mailbox> {
        timers.runNext();
        await source.settled();
        return mailbox(id);
      },
    };
  };

  it('counts the unread mail of a folder chosen by role and of one chosen by name, each as its own mailbox', async () => {
    await cyrus.deliver('ann', jmapMessage('Alice <alice@example.com>', 'Inbox one'));
    await cyrus.deliver('ann', jmapMessage('Alice <alice@example.com>', 'Inbox two'));
    await cyrus.deliver('ann', jmapMessage('Boss <boss@example.com>', 'Work one'), 'Work');
    const server = await startCountServer([{
      type: 'jmap', url: cyrus.url, user: users.ann.user, password: users.ann.password, push: false,
      mailboxes: [
        { id: 'ann-inbox', name: 'Ann', folders: ['role:inbox'] },
        { id: 'ann-work', name: 'Ann (work)', folders: ['Work'] },
        { id: 'ann-both', folders: ['role:inbox', 'Work', 'Archive'] },
      ],
    }]);
    cleanups.push(() => server.stop());
    const seen = await server.waitFor((m) => m.get('ann-inbox')?.state === 'ok' && m.get('ann-work')?.state === 'ok');
    expect(seen.get('ann-inbox')).toMatchObject({ name: 'Ann', count: 2, state: 'ok' });
    expect(seen.get('ann-work')).toMatchObject({ name: 'Ann (work)', count: 1, state: 'ok' });
    expect(seen.get('ann-both')).toMatchObject({ count: 3, state: 'ok' });
  });

  it('shows the newest unseen messages, newest first, with their sender and subject decoded', async () => {
    await cyrus.deliver('bob', jmapMessage('Alice Smith <alice@example.com>', 'Lunch tomorrow?', new Date('2026-12-05T08:00:00Z')));
    // Cyrus keeps the arrival time (receivedAt) in whole seconds: two deliveries in one second have no order.
    await nextSecond();
    await cyrus.deliver('bob', jmapMessage('=?UTF-8?B?6rmA7LKg7IiY?= <kim@example.com>', '=?UTF-8?B?7JWI64WV7ZWY7IS47JqU?=', new Date('2026-12-05T08:05:00Z')));
    const { mailbox } = await watch(users.bob);
    const box = await mailbox();
    expect(box).toMatchObject({ state: 'ok', count: 2 });
    expect(box.messages!.map((m) => [m.from, m.subject])).toEqual([
      ['김철수 <kim@example.com>', '안녕하세요'],
      ['Alice Smith <alice@example.com>', 'Lunch tomorrow?'],
    ]);
    expect(box.messages![0]!.date).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('marks messages read at the server: one by its id, then all; the count follows at once', async () => {
    for (const subject of ['First', 'Second', 'Third']) await cyrus.deliver('carol', jmapMessage('Alice <alice@example.com>', subject));
    const { source, mailbox } = await watch(users.carol);
    const before = await mailbox();
    expect(before.count).toBe(3);
    const [newest] = before.messages!;

    expect(await source.markRead('box', { ids: [newest!.id, 'no-such-message'] })).toEqual({ marked: 1 });
    await source.settled();
    const after = await mailbox();
    expect(after.count).toBe(2);
    expect(after.messages!.map((m) => m.id)).not.toContain(newest!.id);
    // Another mail program sees it read: Cyrus itself says so over JMAP.
    expect(await seenFlags(cyrus.url, users.carol, newest!.id)).toEqual({ $seen: true });

    expect(await source.markRead('box', { all: true })).toEqual({ marked: 2 });
    await source.settled();
    expect(await mailbox()).toMatchObject({ count: 0, messages: [] });
    expect(await source.markRead('elsewhere', { all: true })).toEqual({ refused: 'the JMAP account carol does not feed the mailbox "elsewhere"' });
  });

  it('a wrong password is an auth error naming the user, and the login is not retried for 15 minutes', async () => {
    const { mailbox, timers, source } = await watch({ user: users.dave.user, password: 'not-the-password' });
    const box = await mailbox();
    expect(box).toMatchObject({ state: 'error', errorKind: 'auth', errorFacts: { user: 'dave' } });
    expect(box.error).toMatch(/refused the password of dave: the server answered 401; retrying in 15 min$/);
    expect(timers.delays()).toEqual([15 * 60_000]);
    expect(source.state()).toBe('error');
  });

  it('a folder the account does not have is a folder error of that mailbox only', async () => {
    const { mailbox } = await watch(users.dave, { mailbox: undefined, mailboxes: [{ id: 'inbox' }, { id: 'gone', folders: ['Projects'] }] });
    expect(await mailbox('inbox')).toMatchObject({ state: 'ok' });
    expect(await mailbox('gone')).toMatchObject({ state: 'error', errorKind: 'folder', error: 'dave has no "Projects"', errorFacts: { folder: 'Projects' } });
  });

  it('a server that offers no push (Debian\'s Cyrus answers 204) is asked every pollSeconds, and says so once', async () => {
    const { timers, mailbox, log, source } = await watch(users.erin, { push: true, pollSeconds: 30 });
    expect(await mailbox()).toMatchObject({ state: 'ok', count: 0 });
    await eventually(() => log.lines.some((line) => line.includes('offers no push')));
    expect(log.lines.filter((line) => line.includes('offers no push'))).toEqual([
      `jmap: ${new URL(cyrus.url).host} offers no push (the JMAP push request was answered 204); the account is asked every 30 s`,
    ]);
    expect(source.isPushed()).toBe(false);
    await cyrus.deliver('erin', jmapMessage('Alice <alice@example.com>', 'Polled'));
    expect((await mailbox()).count).toBe(0);
    // The next check is the poll, 30 s on (the push is tried again in 15 min).
    expect(timers.delays()[0]).toBe(30_000);
    const polled = await (async () => { timers.runNext(); await source.settled(); return mailbox(); })();
    expect(polled).toMatchObject({ count: 1, messages: [{ subject: 'Polled' }] });
  });

  describe('with push', () => {
    it('a message that arrives is counted at once: pushed, no poll interval waited', async () => {
      const { timers, mailbox, source } = await watch(users.ann, { push: true, pollSeconds: 3600, folders: ['Archive'] }, push.url);
      await eventually(() => source.isPushed());
      // The check the stream's start makes is over before the mail comes, so only a push can count it.
      await source.settled();
      const start = (await mailbox()).count;
      await cyrus.deliver('ann', jmapMessage('Carol <carol@example.com>', 'Pushed to you'), 'Archive');
      // No timer is stepped: polls run only when the fake clock is moved, and it never is here.
      const pushed = await eventually(async () => { const box = await mailbox(); return box.count === start + 1 && box; });
      expect(pushed.messages![0]).toMatchObject({ from: 'Carol <carol@example.com>', subject: 'Pushed to you' });
      expect(timers.delays()).toEqual(expect.arrayContaining([3600_000]));
    });

    it('a dropped stream is opened again, and a change while it was down is not lost', async () => {
      const { timers, mailbox, source } = await watch(users.bob, { push: true, pollSeconds: 3600, folders: ['Work'] }, push.url);
      await eventually(() => source.isPushed());
      const opened = push.streamsOpened();
      push.dropStreams();
      await eventually(() => !source.isPushed());
      await cyrus.deliver('bob', jmapMessage('Dan <dan@example.com>', 'While it was down'), 'Work');
      // The reconnect waits its backoff (1 s at most for the first): step it.
      await eventually(() => timers.pending.size > 0 && timers.delays().some((d) => d <= 1000));
      timers.advance(1000);
      await eventually(() => source.isPushed() && push.streamsOpened() > opened);
      await source.settled();
      await eventually(async () => (await mailbox()).messages?.[0]?.subject === 'While it was down');
    });
  });

  // Stopping and starting Cyrus takes seconds on a busy machine.
  it('a stopped server is a connection error; when it is back the counts come back', { timeout: 90_000 }, async () => {
    await cyrus.deliver('dave', jmapMessage('Alice <alice@example.com>', 'Before the stop'));
    const { check, mailbox } = await watch(users.dave, { pollSeconds: 60 });
    expect(await mailbox()).toMatchObject({ state: 'ok', count: 1 });
    await cyrus.halt();
    try {
      const down = await check();
      expect(down).toMatchObject({ state: 'error', errorKind: 'connection', count: 1 });
      expect(down.error).toMatch(/^cannot connect to 127\.0\.0\.1:\d+: connection refused; retrying in \d+ s$/);
    } finally {
      await cyrus.restart();
    }
    // The stop and start can take under a second, and receivedAt is in whole seconds (see nextSecond).
    await nextSecond();
    await cyrus.deliver('dave', jmapMessage('Alice <alice@example.com>', 'After the restart'));
    expect(await check()).toMatchObject({ state: 'ok', count: 2, messages: [{ subject: 'After the restart' }, { subject: 'Before the stop' }] });
  });
});

/** Resolves once the wall clock is in the next whole second. */
async function nextSecond(): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  await eventually(() => Math.floor(Date.now() / 1000) > second, 2000);
}

/** The keywords of one message as Cyrus reports them to any JMAP client. */
async function seenFlags(url: string, user: CyrusUser, id: string): Promise<unknown> {
  const auth = `Basic ${Buffer.from(`${user.user}:${user.password}`).toString('base64')}`;
  const response = await fetch(`${url}/jmap/`, {
    method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'], methodCalls: [['Email/get', { accountId: user.user, ids: [id], properties: ['keywords'] }, 'g']] }),
  });
  const { methodResponses } = await response.json() as { methodResponses: Array<[string, { list: Array<{ keywords: unknown }> }, string]> };
  return methodResponses[0]![1].list[0]?.keywords;
}
