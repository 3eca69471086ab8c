import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CountsAnswer } from '../../../common/protocol.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';
import { eventually } from '../../helpers/eventually.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';
import { clientToken, pollUntil, startSourceServer } from '../../helpers/source-server.ts';

const users = {
  ann: { user: 'ann@example.com', password: 'ann-imap-password-1' },
  bob: { user: 'bob@example.com', password: 'bob-imap-password-2' },
} satisfies Record<string, DovecotUser>;

const mail = (subject: string) => `From: a@example.com\r\nTo: ann@example.com\r\nSubject: ${subject}\r\n`
  + `Message-ID: <${randomBytes(6).toString('hex')}@example.com>\r\n\r\nbody\r\n`;

let redis: TestRedis;
let dovecot: Dovecot;
let running: RunningServer[] = [];
beforeAll(async () => {
  [redis, dovecot] = await Promise.all([startRedis(), startDovecot({ users: Object.values(users) })]);
});
afterAll(async () => { await Promise.allSettled([redis?.stop(), dovecot?.stop()]); });
afterEach(async () => {
  await Promise.allSettled(running.map((s) => s.stop()));
  running = [];
});

/** An instance on the shared Redis watching the user's INBOX over IMAP, with a client that may mark read. */
async function instance(prefix: string, user: DovecotUser): Promise<RunningServer> {
  const server = await startSourceServer([{
    type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath, user: user.user, password: user.password, mailbox: 'box',
  }], {
    store: { type: 'redis', url: redis.url, prefix, leaseSeconds: 1 },
    clients: [{ name: 'app', token: clientToken, mailboxes: '*', canMarkRead: true }],
  });
  running.push(server);
  return server;
}

async function sourcesOn(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('mailtray_sources{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

const box = (answer: CountsAnswer) => answer.mailboxes.find((m) => m.id === 'box')!;
async function markRead(server: RunningServer, body: unknown) {
  const response = await fetch(`${server.url}/v1/mailboxes/box/read`, {
    method: 'POST', headers: { Authorization: `Bearer ${clientToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() as { marked?: number; error?: { code: string; message: string } } };
}

async function unseenOf(user: DovecotUser): Promise<number> {
  const client = await dovecot.client(user);
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      return ((await client.search({ seen: false })) || []).length;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe('mark as read on an instance without the source: forwarded to the one running it', { timeout: 90_000 }, () => {
  it('the instance without the lease passes it to the holder over Redis, answers 200, and the message is \\Seen at the IMAP server', async () => {
    const client = await dovecot.client(users.ann);
    for (const subject of ['keep', 'read me']) await client.append('INBOX', mail(subject));
    await client.logout();
    const prefix = `f-${randomBytes(4).toString('hex')}:`;
    const [a, b] = [await instance(prefix, users.ann), await instance(prefix, users.ann)];
    // One source, two instances: one runs it, the other does not.
    await eventually(async () => (await sourcesOn(a)) + (await sourcesOn(b)) === 1, 20_000);
    const holder = (await sourcesOn(a)) === 1 ? a : b;
    const other = holder === a ? b : a;

    const before = await pollUntil(other, (answer) => box(answer).count === 2 && box(answer).messages?.length === 2);
    // The instance without the source offers mark as read all the same: it can have it done.
    expect(box(before).canMarkRead).toBe(true);
    const readMe = box(before).messages!.find((m) => m.subject === 'read me')!;

    expect(await markRead(other, { messages: [readMe.id] })).toMatchObject({ status: 200, body: { marked: 1 } });
    expect(await unseenOf(users.ann)).toBe(1);
    const after = await pollUntil(other, (answer) => box(answer).count === 1);
    expect(box(after).messages!.map((m) => m.subject)).toEqual(['keep']);
    // Still run by the holder alone: forwarding moved no source.
    expect([await sourcesOn(holder), await sourcesOn(other)]).toEqual([1, 0]);
  });

  it('a holder that does not answer gets the client a 503 with Retry-After, and nothing is marked', async () => {
    const client = await dovecot.client(users.bob);
    await client.append('INBOX', mail('unread'));
    await client.logout();
    const prefix = `g-${randomBytes(4).toString('hex')}:`;
    const b = await instance(prefix, users.bob);
    const first = await pollUntil(b, (answer) => box(answer).count === 1 && box(answer).messages?.length === 1);
    // An instance that died without a word holds the lease now (as one that froze would): B stops its source, and asks it in vain.
    const [lease] = (await redis.command('KEYS', `{${prefix}}lease:*`)) as string[];
    await redis.command('SET', lease!, 'a-frozen-instance', 'PX', '60000');
    await eventually(async () => (await sourcesOn(b)) === 0, 20_000);

    const answer = await markRead(b, { messages: [box(first).messages![0]!.id] });
    expect([answer.status, answer.retryAfter, answer.body.error?.code]).toEqual([503, '2', 'source_unreachable']);
    expect(answer.body.error?.message).toMatch(/did not answer within 10 s; try again in a moment/);
    expect(await unseenOf(users.bob)).toBe(1);
  });
});
