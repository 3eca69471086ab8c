import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountsAnswer } from '../../../common/protocol.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { ImapAccount } from '../../../server/sources/imap/imap-account.ts';
import { parseImapConfig } from '../../../server/sources/imap/imap-config.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { silentLogger } from '../../../server/log.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';
import { clientToken, getCounts, pollUntil, startSourceServer } from '../../helpers/source-server.ts';
import { waitForMailbox } from '../../helpers/store-wait.ts';

const users = {
  ann: { user: 'ann@example.com', password: 'ann-imap-password-1' },
  bob: { user: 'bob@example.com', password: 'bob-imap-password-2' },
  carol: { user: 'carol@example.com', password: 'carol-imap-password-3' },
} satisfies Record<string, DovecotUser>;

function mail(from: string, subject: string): string {
  return `From: ${from}\r\nTo: ann@example.com\r\nSubject: ${subject}\r\nDate: Sat, 21 Nov 2026 08:55:00 +0000\r\n` +
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>\r\n\r\nThe body, never shown.\r\n`;
}

describe('the newest unseen messages and mark as read over IMAP, against a real Dovecot', () => {
  let dovecot: Dovecot;
  const servers: RunningServer[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: Object.values(users) });
  });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled(cleanups.map((c) => c()));
    await dovecot?.stop();
  });

  const source = (user: DovecotUser) => ({
    type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
    user: user.user, password: user.password, mailbox: 'box',
  });
  const serve = async (user: DovecotUser) => {
    const server = await startSourceServer([source(user)], {
      clients: [{ name: 'app', token: clientToken, mailboxes: '*', canMarkRead: true }],
    });
    servers.push(server);
    return server;
  };
  const mailClient = async (user: DovecotUser) => {
    const client = await dovecot.client(user);
    cleanups.push(() => client.logout());
    return client;
  };
  const box = (answer: CountsAnswer) => answer.mailboxes.find((m) => m.id === 'box')!;
  const markRead = async (server: RunningServer, body: unknown) => {
    const response = await fetch(`${server.url}/v1/mailboxes/box/read`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${clientToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() as { marked?: number; error?: { message: string } } };
  };

  it('an APPEND with encoded sender and subject shows them decoded in the held poll', async () => {
    const client = await mailClient(users.ann);
    await client.append('INBOX', mail('old@example.com', 'already here'));
    const server = await serve(users.ann);
    const first = await pollUntil(server, (a) => box(a).state === 'ok');
    expect(box(first).messages!.map((m) => m.subject)).toEqual(['already here']);

    const held = getCounts(server, first.cursor, 20);
    await client.append('INBOX', mail('=?UTF-8?B?QWxpY2UgU21pdGg=?= <alice@example.com>', '=?ISO-8859-1?Q?Caf=E9_tomorrow=3F?='));
    let answer = await held;
    while (box(answer).count !== 2 || box(answer).messages?.length !== 2) answer = await getCounts(server, answer.cursor, 20);
    expect(box(answer).messages![0]).toMatchObject({
      from: 'Alice Smith <alice@example.com>', subject: 'Café tomorrow?', date: '2026-11-21T08:55:00.000Z',
    });
    expect(JSON.stringify(answer)).not.toContain('never shown');
  });

  it('mark as read through the API lowers the count, the message leaves messages, and IDLE goes on', async () => {
    const client = await mailClient(users.bob);
    for (const subject of ['keep', 'read me']) await client.append('INBOX', mail('a@example.com', subject));
    const server = await serve(users.bob);
    const before = await pollUntil(server, (a) => box(a).count === 2 && box(a).messages?.length === 2);
    const readMe = box(before).messages!.find((m) => m.subject === 'read me')!;

    expect(await markRead(server, { messages: [readMe.id, `${readMe.id}999`] })).toEqual({ status: 200, body: { marked: 1 } });
    const after = await pollUntil(server, (a) => box(a).count === 1);
    expect(box(after).messages!.map((m) => m.subject)).toEqual(['keep']);
    // Marked on the server, for every client to see.
    const lock = await client.getMailboxLock('INBOX');
    try {
      expect(await client.search({ seen: false })).toHaveLength(1);
    } finally {
      lock.release();
    }

    // IDLE survived the STORE: new mail still arrives at once, long before the 60 s poll
    // a connection without IDLE would wait for (the bound is loose for a loaded machine).
    const started = performance.now();
    await client.append('INBOX', mail('c@example.com', 'after marking'));
    await pollUntil(server, (a) => box(a).count === 2);
    expect(performance.now() - started).toBeLessThan(10_000);

    // A message already read (by us a moment ago) is not an error.
    expect(await markRead(server, { messages: [readMe.id] })).toEqual({ status: 200, body: { marked: 0 } });
    expect(await markRead(server, { all: true })).toEqual({ status: 200, body: { marked: 2 } });
    await pollUntil(server, (a) => box(a).count === 0 && box(a).messages?.length === 0);
  });

  it('fetches each header once: a flag change or a new message does not refetch the ones known', async () => {
    const client = await mailClient(users.carol);
    for (const subject of ['one', 'two']) await client.append('INBOX', mail('a@example.com', subject));
    const fetched: string[] = [];
    const config = parseImapConfig(checkedEntry(source(users.carol)), 'sources[0]', {});
    const store = new MemoryStore();
    const account = new ImapAccount(config, { store, log: silentLogger, messagesPerMailbox: 5 }, {
      createClient: (options) => {
        const imap = new ImapFlow(options);
        const fetchAll = imap.fetchAll.bind(imap);
        imap.fetchAll = (range, query, opts) => {
          fetched.push(String(range));
          return fetchAll(range, query, opts);
        };
        return imap;
      },
    });
    cleanups.push(() => account.stop());
    await account.start();
    await waitForMailbox(store, 'box', (m) => m.messages?.length === 2);
    expect(fetched).toEqual(['2,1']);

    await client.append('INBOX', mail('b@example.com', 'three'));
    await waitForMailbox(store, 'box', (m) => m.count === 3 && m.messages?.length === 3);
    const lock = await client.getMailboxLock('INBOX');
    try {
      await client.messageFlagsAdd('1', ['\\Flagged']);
      await client.messageFlagsAdd('2', ['\\Seen']);
    } finally {
      lock.release();
    }
    await waitForMailbox(store, 'box', (m) => m.count === 2);
    expect(fetched).toEqual(['2,1', '3']);
  });
});
