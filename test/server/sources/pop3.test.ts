import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../common/protocol.ts';
import { silentLogger } from '../../../server/log.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { parsePop3Config } from '../../../server/sources/pop3/pop3-config.ts';
import { Pop3Source } from '../../../server/sources/pop3/pop3-source.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { clientToken, pollUntil, startSourceServer } from '../../helpers/source-server.ts';

/*
 * The POP3 source against a real dovecot-pop3d, serving the same Maildir as
 * the test Dovecot's IMAP, where mail is appended and deleted. Checks are
 * stepped with fake timers: a check is one login, UIDL, TOP, QUIT.
 */

const users = {
  ann: { user: 'ann@example.com', password: 'ann-pop3-password-1' },
  bob: { user: 'bob@example.com', password: 'bob-pop3-password-2' },
  carol: { user: 'carol@example.com', password: 'carol-pop3-password-3' },
  dave: { user: 'dave@example.com', password: 'dave-pop3-password-4' },
} satisfies Record<string, DovecotUser>;

/** "안녕하세요" and "김철수" in EUC-KR, as Korean mailers send them. */
const eucKrHello = Buffer.from([0xbe, 0xc8, 0xb3, 0xe7, 0xc7, 0xcf, 0xbc, 0xbc, 0xbf, 0xe4]).toString('base64');
const eucKrKim = Buffer.from([0xb1, 0xe8, 0xc3, 0xb6, 0xbc, 0xf6]).toString('base64');

function mail(from: string, subject: string, minute: number): string {
  return `From: ${from}\r\nTo: ann@example.com\r\nSubject: ${subject}\r\nDate: Sat, 21 Nov 2026 08:${String(minute).padStart(2, '0')}:00 +0000\r\n` +
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>\r\n\r\nThe body, never shown.\r\n`;
}

describe('a POP3 maildrop on a real dovecot-pop3d', () => {
  let dovecot: Dovecot;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: Object.values(users), pop3: true });
  });
  afterAll(async () => {
    await Promise.allSettled(cleanups.map((c) => c()));
    await dovecot?.stop();
  });

  const mailClient = async (user: DovecotUser): Promise<ImapFlow> => {
    const client = await dovecot.client(user);
    cleanups.push(() => client.logout());
    return client;
  };

  /** A source on fake timers: `check()` runs the next scheduled check and resolves with the mailbox after it. */
  const watch = async (user: DovecotUser, entry: Record<string, unknown> = {}) => {
    const config = parsePop3Config(checkedEntry({
      type: 'pop3', host: '127.0.0.1', port: dovecot.pop3TlsPort, ca: dovecot.certPath,
      user: user.user, password: user.password, mailbox: 'box', ...entry,
    }), 'sources[0]', {});
    const store = new MemoryStore();
    await store.declare([{ id: 'box', name: 'Box' }]);
    const timers = new FakeTimers(Date.parse('2026-12-04T10:00:00Z'));
    const source = new Pop3Source(config, { store, log: silentLogger, messagesPerMailbox: 3 }, { timers, random: () => 0.5 });
    cleanups.push(() => source.stop());
    const box = async (): Promise<Mailbox> => (await store.snapshot(['box'])).mailboxes[0]!;
    await source.start();
    await source.settled();
    return {
      timers, box, stop: () => source.stop(),
      async check(): Promise<Mailbox> {
        timers.runNext();
        await source.settled();
        return box();
      },
    };
  };

  it('an inbox full of old mail starts at 0; mail that arrives after counts, the newest first with sender and subject decoded', async () => {
    const client = await mailClient(users.ann);
    await client.append('INBOX', mail('old@example.com', 'already here', 1));
    await client.append('INBOX', mail('old@example.com', 'also old', 2));
    const pop3 = await watch(users.ann);
    expect(await pop3.box()).toMatchObject({ state: 'ok', count: 0, messages: [] });
    expect(pop3.timers.delays()).toEqual([60_000]);

    await client.append('INBOX', mail('=?UTF-8?B?QWxpY2UgU21pdGg=?= <alice@example.com>', '=?ISO-8859-1?Q?Caf=E9_tomorrow=3F?=', 3));
    expect(await pop3.check()).toMatchObject({ state: 'ok', count: 1 });

    await client.append('INBOX', mail(`=?EUC-KR?B?${eucKrKim}?= <kim@example.co.kr>`, `=?ks_c_5601-1987?B?${eucKrHello}?=`, 4));
    await client.append('INBOX', mail('bob@example.com', 'third', 5));
    await client.append('INBOX', mail('bob@example.com', 'fourth', 6));
    const box = await pop3.check();
    expect(box.count).toBe(4);
    // The newest three (messagesPerMailbox), newest first; the body is never fetched.
    expect(box.messages!.map(({ from, subject, date }) => ({ from, subject, date }))).toEqual([
      { from: 'bob@example.com', subject: 'fourth', date: '2026-11-21T08:06:00.000Z' },
      { from: 'bob@example.com', subject: 'third', date: '2026-11-21T08:05:00.000Z' },
      { from: '김철수 <kim@example.co.kr>', subject: '안녕하세요', date: '2026-11-21T08:04:00.000Z' },
    ]);
    expect(JSON.stringify(box)).not.toContain('never shown');
    // The id is the message's UIDL: stable across sessions, so a client can tell the same message again.
    expect(new Set(box.messages!.map((m) => m.id)).size).toBe(3);
    expect((await pop3.check()).messages).toEqual(box.messages);
  });

  it('a message deleted from the server, old or new, leaves the count of what is new and still there', async () => {
    const client = await mailClient(users.bob);
    await client.append('INBOX', mail('old@example.com', 'old one', 1));
    const pop3 = await watch(users.bob);
    await client.append('INBOX', mail('new@example.com', 'new one', 2));
    await client.append('INBOX', mail('new@example.com', 'new two', 3));
    expect(await pop3.check()).toMatchObject({ count: 2 });

    await client.mailboxOpen('INBOX');
    await client.messageDelete({ header: { subject: 'new one' } });
    await client.messageDelete({ header: { subject: 'old one' } });
    const box = await pop3.check();
    expect(box).toMatchObject({ state: 'ok', count: 1 });
    expect(box.messages!.map((m) => m.subject)).toEqual(['new two']);
  });

  it('a restart takes the mail there as old again, unless a stateFile remembers the first sight', async () => {
    const client = await mailClient(users.dave);
    await client.append('INBOX', mail('old@example.com', 'old', 1));
    const folder = await mkdtemp(join(tmpdir(), 'mailtray-pop3-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const stateFile = join(folder, 'dave.json');
    const first = await watch(users.dave, { stateFile });
    expect(await first.box()).toMatchObject({ state: 'ok', count: 0 });
    await first.stop();
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);

    // Mail that arrives while the server is stopped.
    await client.append('INBOX', mail('new@example.com', 'while stopped', 2));
    const remembered = await watch(users.dave, { stateFile });
    expect(await remembered.box()).toMatchObject({ state: 'ok', count: 1, messages: [{ subject: 'while stopped' }] });
    const forgetful = await watch(users.dave);
    expect(await forgetful.box()).toMatchObject({ state: 'ok', count: 0 });
  });

  it('STLS on the plain port works as POP3S does; plain text with "security": "none" too', async () => {
    const client = await mailClient(users.carol);
    const stls = await watch(users.carol, { port: dovecot.pop3Port, security: 'starttls' });
    const plain = await watch(users.carol, { port: dovecot.pop3Port, security: 'none', ca: undefined });
    await client.append('INBOX', mail('dave@example.com', 'over STLS', 1));
    expect(await stls.check()).toMatchObject({ state: 'ok', count: 1, messages: [{ subject: 'over STLS' }] });
    expect(await plain.check()).toMatchObject({ state: 'ok', count: 1 });
  });

  it('a certificate nobody trusts is a certificate error; nothing is sent', async () => {
    const logins = async () => (await dovecot.log()).match(/pop3-login: Info: Login: user=<carol@/g)?.length ?? 0;
    const before = await logins();
    const pop3 = await watch(users.carol, { ca: undefined });
    const box = await pop3.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'certificate' });
    expect(box.error).toMatch(/^the certificate of 127\.0\.0\.1 is self-signed/);
    expect(await logins()).toBe(before);
  });

  it('a wrong password is an auth error, tried again after 15 minutes, not at once', async () => {
    const pop3 = await watch(users.ann, { password: 'not-the-password' });
    const box = await pop3.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'auth', errorFacts: { user: 'ann@example.com', host: '127.0.0.1', retryAt: '2026-12-04T10:15:00.000Z' } });
    expect(box.error).toMatch(/^login failed for ann@example\.com: the server said .*; retrying in 15 min$/);
    expect(pop3.timers.delays()).toEqual([15 * 60_000]);
  });

  it('a port where nothing listens is a connection error, retried soon', async () => {
    const pop3 = await watch(users.ann, { port: 1, security: 'none', ca: undefined });
    expect(await pop3.box()).toMatchObject({ state: 'error', errorKind: 'connection', errorFacts: { code: 'ECONNREFUSED' } });
    expect(pop3.timers.delays()[0]).toBeLessThanOrEqual(1000);
  });

  it('the server refuses to mark POP3 mail read (403), saying why', async () => {
    let server: RunningServer | undefined;
    try {
      server = await startSourceServer([{
        type: 'pop3', host: '127.0.0.1', port: dovecot.pop3TlsPort, ca: dovecot.certPath,
        user: users.ann.user, password: users.ann.password, mailbox: 'box',
      }], { clients: [{ name: 'app', token: clientToken, mailboxes: '*', canMarkRead: true }] });
      await pollUntil(server, (a) => a.mailboxes.find((m) => m.id === 'box')?.state === 'ok');
      const response = await fetch(`${server.url}/v1/mailboxes/box/read`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${clientToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ all: true }),
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/pop3 source, which cannot mark messages read/);
    } finally {
      await server?.stop();
    }
  });
});
