import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../common/protocol.ts';
import { startCountServer, type CountServer } from '../../helpers/source-server.ts';
import { startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';

const users = {
  ann: { user: 'ann@example.com', password: 'ann-filter-password-1' },
  bob: { user: 'bob@example.com', password: 'bob-filter-password-2' },
  carol: { user: 'carol@example.com', password: 'carol-filter-password-3' },
  dave: { user: 'dave@example.com', password: 'dave-filter-password-4' },
  erin: { user: 'erin@example.com', password: 'erin-filter-password-5' },
  fay: { user: 'fay@example.com', password: 'fay-filter-password-6' },
} satisfies Record<string, DovecotUser>;

/** A message with the headers a filter looks at. */
function mail(from: string, to: string, options: { date?: Date; cc?: string } = {}): string {
  const date = (options.date ?? new Date()).toUTCString().replace('GMT', '+0000');
  const cc = options.cc ? `Cc: ${options.cc}\r\n` : '';
  return `From: ${from}\r\nTo: ${to}\r\n${cc}Date: ${date}\r\nSubject: from ${from}\r\n`
    + `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>\r\n\r\nHello.\r\n`;
}

const DAY = 24 * 60 * 60 * 1000;

describe('what counts: an IMAP mailbox with a filter, against a real Dovecot', () => {
  let dovecot: Dovecot;
  const servers: CountServer[] = [];
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: Object.values(users) });
  });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled(clients.map((c) => c.logout()));
    await dovecot?.stop();
  });

  /**
   * One account feeding two mailboxes from the same folders: "all" (every
   * unread message) and "some" (under `filter`). The account writes both at
   * once, so when "all" shows a change, "some" in the same answer is final.
   */
  const watch = async (user: DovecotUser, filter: object, folders = ['INBOX']) => {
    const server = await startCountServer([{
      type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
      user: user.user, password: user.password,
      mailboxes: [{ id: 'all', folders }, { id: 'some', folders, filter }],
    }]);
    servers.push(server);
    return server;
  };
  const mailClient = async (user: DovecotUser) => {
    const client = await dovecot.client(user);
    clients.push(client);
    return client;
  };
  const counts = (m: Map<string, Mailbox>) => ({ all: m.get('all')?.count, some: m.get('some')?.count });
  /** Waits until "all" shows `all` unread, and says what "some" counted then. */
  const when = async (server: CountServer, all: number) => counts(await server.waitFor((m) => m.get('all')?.count === all && m.get('some')?.state === 'ok'));

  it('"from" counts mail from the named addresses and domains; new mail from them raises the count, other mail does not', async () => {
    const client = await mailClient(users.ann);
    await client.append('INBOX', mail('Alice <alice@example.com>', 'ann@example.com'));
    await client.append('INBOX', mail('news@lists.example.org', 'ann@example.com'));
    await client.append('INBOX', mail('Bob <bob@example.net>', 'ann@example.com'));
    await client.append('INBOX', mail('alice@example.com', 'ann@example.com'), ['\\Seen']);
    const server = await watch(users.ann, { from: ['alice@example.com', 'lists.example.org'] });
    expect(await when(server, 3)).toEqual({ all: 3, some: 2 });

    await client.append('INBOX', mail('Mallory <mallory@example.net>', 'ann@example.com'));
    expect(await when(server, 4)).toEqual({ all: 4, some: 2 });
    await client.append('INBOX', mail('"Alice S." <ALICE@Example.com>', 'ann@example.com'));
    expect(await when(server, 5)).toEqual({ all: 5, some: 3 });
  });

  it('"notFrom" leaves out the named senders and domains, now and as mail arrives', async () => {
    const client = await mailClient(users.bob);
    await client.append('INBOX', mail('noreply@shop.example', 'bob@example.com'));
    await client.append('INBOX', mail('deals@ads.example', 'bob@example.com'));
    await client.append('INBOX', mail('Carol <carol@example.com>', 'bob@example.com'));
    const server = await watch(users.bob, { notFrom: ['noreply@shop.example', '@ads.example'] });
    expect(await when(server, 3)).toEqual({ all: 3, some: 1 });

    await client.append('INBOX', mail('more@ads.example', 'bob@example.com'));
    expect(await when(server, 4)).toEqual({ all: 4, some: 1 });
    await client.append('INBOX', mail('dave@example.com', 'bob@example.com'));
    expect(await when(server, 5)).toEqual({ all: 5, some: 2 });
  });

  it('"to" takes the address, its plus forms and the listed aliases, in To or Cc', async () => {
    const client = await mailClient(users.carol);
    await client.append('INBOX', mail('a@example.net', 'carol@example.com'));
    await client.append('INBOX', mail('b@example.net', 'Carol <carol+lists@example.com>'));
    await client.append('INBOX', mail('c@example.net', 'team@example.com', { cc: 'c.lee@example.org' }));
    await client.append('INBOX', mail('d@example.net', 'team@example.com'));
    await client.append('INBOX', mail('e@example.net', 'dave@example.com'));
    const server = await watch(users.carol, { to: ['carol@example.com', 'c.lee@example.org'] });
    expect(await when(server, 5)).toEqual({ all: 5, some: 3 });

    await client.append('INBOX', mail('f@example.net', 'everyone@example.com'));
    expect(await when(server, 6)).toEqual({ all: 6, some: 3 });
    await client.append('INBOX', mail('g@example.net', 'carol+shop@example.com'));
    expect(await when(server, 7)).toEqual({ all: 7, some: 4 });
  });

  it('"flagged" counts flagged unread mail only, and follows a flag set elsewhere', async () => {
    const client = await mailClient(users.dave);
    await client.append('INBOX', mail('a@example.net', 'dave@example.com'), ['\\Flagged']);
    await client.append('INBOX', mail('b@example.net', 'dave@example.com'));
    await client.append('INBOX', mail('c@example.net', 'dave@example.com'), ['\\Flagged', '\\Seen']);
    const server = await watch(users.dave, { flagged: true });
    expect(await when(server, 2)).toEqual({ all: 2, some: 1 });

    const lock = await client.getMailboxLock('INBOX');
    try {
      await client.messageFlagsAdd('2', ['\\Flagged']);
    } finally {
      lock.release();
    }
    const flagged = await server.waitFor((m) => m.get('some')?.count === 2);
    expect(counts(flagged)).toEqual({ all: 2, some: 2 });
    await client.append('INBOX', mail('d@example.net', 'dave@example.com'));
    expect(await when(server, 3)).toEqual({ all: 3, some: 2 });
  });

  it('"newerThanDays" counts mail sent in the last days only', async () => {
    const client = await mailClient(users.erin);
    const now = Date.now();
    await client.append('INBOX', mail('a@example.net', 'erin@example.com', { date: new Date(now - 30 * DAY) }));
    await client.append('INBOX', mail('b@example.net', 'erin@example.com', { date: new Date(now - 10 * DAY) }));
    await client.append('INBOX', mail('c@example.net', 'erin@example.com', { date: new Date(now - 2 * DAY) }));
    const server = await watch(users.erin, { newerThanDays: 7 });
    expect(await when(server, 3)).toEqual({ all: 3, some: 1 });

    await client.append('INBOX', mail('d@example.net', 'erin@example.com', { date: new Date(now - 60 * DAY) }));
    expect(await when(server, 4)).toEqual({ all: 4, some: 1 });
    await client.append('INBOX', mail('e@example.net', 'erin@example.com'));
    expect(await when(server, 5)).toEqual({ all: 5, some: 2 });
  });

  it('a filter on a folder that is not the watched one is searched there and kept live', async () => {
    const client = await mailClient(users.fay);
    await client.mailboxCreate('Lists');
    await client.append('INBOX', mail('boss@example.com', 'fay@example.com'));
    await client.append('Lists', mail('boss@example.com', 'fay@example.com'));
    await client.append('Lists', mail('list@example.org', 'fay@example.com'));
    const server = await watch(users.fay, { from: ['boss@example.com'] }, ['INBOX', 'Lists']);
    expect(await when(server, 3)).toEqual({ all: 3, some: 2 });

    await client.append('Lists', mail('list@example.org', 'fay@example.com'));
    expect(await when(server, 4)).toEqual({ all: 4, some: 2 });
    await client.append('Lists', mail('boss@example.com', 'fay@example.com'));
    expect(await when(server, 5)).toEqual({ all: 5, some: 3 });
    // The watched folder is still watched after the searches elsewhere.
    await client.append('INBOX', mail('boss@example.com', 'fay@example.com'));
    expect(await when(server, 6)).toEqual({ all: 6, some: 4 });
  });

  it('Gmail\'s "primary" tab is refused on a server that does not announce X-GM-EXT-1, and the other mailbox still counts', async () => {
    const client = await mailClient(users.ann);
    await client.mailboxCreate('Tabs');
    await client.append('Tabs', mail('a@example.net', 'ann@example.com'));
    const server = await watch(users.ann, { gmailCategory: 'primary' }, ['Tabs']);
    const mailboxes = await server.waitFor((m) => m.get('all')?.state === 'ok' && m.get('some')?.state === 'error');
    expect(mailboxes.get('all')).toMatchObject({ count: 1 });
    expect(mailboxes.get('some')).toMatchObject({ state: 'error', errorKind: 'setup' });
    expect(mailboxes.get('some')?.error).toContain('X-GM-EXT-1');
  });
});
