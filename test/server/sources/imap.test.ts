import { Writable } from 'node:stream';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCountServer, type CountServer } from '../../helpers/source-server.ts';
import { freePort, message, startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';
import { startTcpProxy } from '../../helpers/tcp-proxy.ts';

const users = {
  ann: { user: 'ann@example.com', password: 'ann-imap-password-1' },
  bob: { user: 'bob@example.com', password: 'bob-imap-password-2' },
  carol: { user: 'carol@example.com', password: 'carol-imap-password-3' },
  dave: { user: 'dave@example.com', password: 'dave-imap-password-4' },
  erin: { user: 'erin@example.com', password: 'erin-imap-password-5' },
  fay: { user: 'fay@example.com', password: 'fay-imap-password-6' },
} satisfies Record<string, DovecotUser>;

describe('IMAP accounts counted through the count server, against a real Dovecot', () => {
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

  /** An account entry as an operator would write it: implicit TLS, trusting the test certificate. */
  const account = (user: DovecotUser, extra: object) => ({
    type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
    user: user.user, password: user.password, ...extra,
  });
  const serve = async (sources: object[], options = {}) => {
    const server = await startCountServer(sources, options);
    servers.push(server);
    return server;
  };
  const mailClient = async (user: DovecotUser) => {
    const client = await dovecot.client(user);
    clients.push(client);
    return client;
  };
  /** Runs `change` and returns how long until a held GET /v1/counts answered with `id` at `count`. */
  const timeUntil = async (server: CountServer, id: string, count: number, change: () => Promise<unknown>, from: 'start' | 'done' = 'start') => {
    const { cursor } = await server.counts();
    let started = performance.now();
    const held = server.counts(cursor, 30);
    await change();
    // 'done': from the moment the server confirmed the change (the mail is delivered), not from sending it.
    if (from === 'done') started = performance.now();
    let answer = await held;
    while (answer.mailboxes.find((m) => m.id === id)?.count !== count) answer = await server.counts(answer.cursor, 30);
    return performance.now() - started;
  };
  /**
   * Asserts a change came by push (IDLE or NOTIFY), not by the next poll (pollSeconds, 60 s here) or recount (300 s):
   * 10 s is a net a busy machine does not reach and a poll cannot beat. How fast push is, is bench/imap-latency.ts's figure.
   */
  const expectPushed = (ms: number) => {
    console.info(`IMAP change to answer: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(10_000);
  };

  it('shows the unseen count at start, and new mail by push at its APPEND, not at the next poll', async () => {
    const mail = await mailClient(users.ann);
    await mail.append('INBOX', message('one'));
    await mail.append('INBOX', message('two'), ['\\Seen']);
    await mail.append('INBOX', message('three'));
    const server = await serve([account(users.ann, { mailbox: 'ann' })]);

    const first = await server.waitFor((m) => m.get('ann')?.state === 'ok');
    expect(first.get('ann')).toMatchObject({ count: 2, state: 'ok' });

    expectPushed(await timeUntil(server, 'ann', 3, () => mail.append('INBOX', message('four'))));
  });

  it('lowers the count by push when mail is read elsewhere, deleted or moved away', async () => {
    const mail = await mailClient(users.bob);
    await mail.mailboxCreate('Archive');
    for (const subject of ['a', 'b', 'c']) await mail.append('INBOX', message(subject));
    const server = await serve([account(users.bob, { mailbox: 'bob' })]);
    await server.waitFor((m) => m.get('bob')?.count === 3);

    const lock = await mail.getMailboxLock('INBOX');
    try {
      expectPushed(await timeUntil(server, 'bob', 2, () => mail.messageFlagsAdd('1', ['\\Seen'])));
      expectPushed(await timeUntil(server, 'bob', 1, () => mail.messageDelete('2')));
      expectPushed(await timeUntil(server, 'bob', 0, () => mail.messageMove('1:*', 'Archive')));
    } finally {
      lock.release();
    }
    expect((await server.counts()).mailboxes.find((m) => m.id === 'bob')).toMatchObject({ count: 0, state: 'ok' });
  });

  it('sums several folders into one mailbox with each folder\'s count beside the sum, and feeds other folders to other mailboxes', async () => {
    const mail = await mailClient(users.carol);
    await mail.mailboxCreate('Lists');
    await mail.mailboxCreate('Family');
    await mail.append('INBOX', message('inbox 1'));
    await mail.append('Lists', message('list 1'));
    await mail.append('Lists', message('list 2'));
    await mail.append('Lists', message('list 3'), ['\\Seen']);
    await mail.append('Family', message('family 1'));
    const server = await serve([account(users.carol, {
      mailboxes: [
        { id: 'carol', name: 'Carol', folders: ['INBOX', 'Lists'] },
        { id: 'carol-family', folders: ['Family'] },
      ],
      pollSeconds: 60,
    })]);

    const first = await server.waitFor((m) => m.get('carol')?.state === 'ok' && m.get('carol-family')?.state === 'ok');
    expect(first.get('carol')).toMatchObject({ name: 'Carol', count: 3, folders: [{ name: 'INBOX', count: 1 }, { name: 'Lists', count: 2 }] });
    // One folder: the count is the folder's, no breakdown.
    expect(first.get('carol-family')).toMatchObject({ count: 1 });
    expect(first.get('carol-family')).not.toHaveProperty('folders');

    // INBOX is watched by IDLE, the other folders by NOTIFY; pollSeconds is only the safety net.
    expectPushed(await timeUntil(server, 'carol', 4, () => mail.append('INBOX', message('inbox 2'))));
    await mail.append('Lists', message('list 4'));
    await mail.append('Family', message('family 2'));
    const later = await server.waitFor((m) => m.get('carol')?.count === 5 && m.get('carol-family')?.count === 2);
    expect(later.get('carol')).toMatchObject({ state: 'ok', folders: [{ name: 'INBOX', count: 2 }, { name: 'Lists', count: 3 }] });
  });

  it('shows new mail in the third folder by NOTIFY on the one connection, not at the next poll', async () => {
    const user = { user: 'fay@example.com', password: 'fay-imap-password-6' };
    const server = await pushOnFolders(dovecot, user, {});
    const mail = await mailClient(user);
    expectPushed(await timeUntil(server, 'fay', 1, () => mail.append('Family', message('family 1')), 'done'));
    expectPushed(await timeUntil(server, 'fay', 0, async () => {
      const lock = await mail.getMailboxLock('Family');
      try { await mail.messageFlagsAdd('1', ['\\Seen']); } finally { lock.release(); }
    }, 'done'));
    expect((await dovecot.log()).match(/Login: user=<fay@example\.com>, method=PLAIN/g)).toHaveLength(3); // the folders' setup, ours (one), the test's
  });

  it('without NOTIFY, gives each folder an IDLE connection of its own up to maxConnections, and polls the rest', async () => {
    const user = { user: 'gus@example.com', password: 'gus-imap-password-7' };
    const noNotify = await startDovecot({ users: [user], notify: false });
    try {
      const lines: string[] = [];
      const logger = { level: 'info', stream: new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }) };
      const server = await pushOnFolders(noNotify, user, { maxConnections: 3 }, ['Work'], logger);
      const mail = await noNotify.client(user);
      clients.push(mail);
      expectPushed(await timeUntil(server, 'gus', 1, () => mail.append('Family', message('family 1')), 'done'));
      expectPushed(await timeUntil(server, 'gus', 2, () => mail.append('Lists', message('list 1')), 'done'));
      // Each folder's watcher feeds its own line of the breakdown.
      expect((await server.counts()).mailboxes.find((m) => m.id === 'gus')?.folders)
        .toEqual([{ name: 'INBOX', count: 0 }, { name: 'Lists', count: 1 }, { name: 'Family', count: 1 }, { name: 'Work', count: 0 }]);
      // The fourth folder is over the limit: polled every pollSeconds, as the log says.
      expect(lines.join('')).toContain('"push":"IDLE on 3 connections for 4 folders"');
      // Ours: maxConnections; and the test's setup and mail clients.
      expect((await noNotify.log()).match(/Login: user=<gus@example\.com>/g)?.length).toBe(3 + 1 + 1);
    } finally {
      await noNotify.stop();
    }
  });

  /** An account summing INBOX, Lists, Family (and `extra`), after its first count; the folders are made first. */
  const pushOnFolders = async (server: Dovecot, user: DovecotUser, fields: object, extra: string[] = [], logger?: object) => {
    const setup = await server.client(user);
    for (const folder of ['Lists', 'Family', ...extra]) await setup.mailboxCreate(folder);
    await setup.logout();
    const id = user.user.split('@')[0]!;
    const countServer = await serve([{
      type: 'imap', host: '127.0.0.1', port: server.tlsPort, security: 'tls', ca: server.certPath, user: user.user, password: user.password,
      // Polling once a minute: only push can bring a change within the second.
      mailbox: id, folders: ['INBOX', 'Lists', 'Family', ...extra], pollSeconds: 60, ...fields,
    }], logger ? { logger } : {});
    await countServer.waitFor((m) => m.get(id)?.state === 'ok');
    return countServer;
  };

  it('keeps counting one account while another fails, and logs every connection out when the server stops', async () => {
    const mail = await mailClient(users.dave);
    await mail.append('INBOX', message('hello'));
    const proxy = await startTcpProxy(dovecot.tlsPort);
    const deadPort = await freePort();
    const server = await serve([
      { ...account(users.dave, { mailbox: 'dead' }), port: deadPort },
      { ...account(users.dave, { mailbox: 'dave' }), port: proxy.port },
    ]);

    const both = await server.waitFor((m) => m.get('dave')?.state === 'ok' && m.get('dead')?.state === 'error');
    expect(both.get('dave')?.count).toBe(1);
    expect(both.get('dead')?.error).toMatch(new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${deadPort}: connection refused; retrying in \\d+ s$`));
    expect(proxy.openConnections()).toBe(1);

    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    // The socket's end reaches the proxy a moment after stop() returns.
    await vi.waitFor(() => expect(proxy.openConnections()).toBe(0), { timeout: 5000 });
    await vi.waitFor(async () => expect(await dovecot.log()).toMatch(/imap\(dave@example\.com\).*Disconnected: Logged out/), { timeout: 5000 });
    await proxy.close();
  });

  it('never shows a password in errors, logs or /metrics', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const wrong = 'not-erins-password-9';
    const server = await serve([
      account(users.erin, { mailbox: 'erin' }),
      account(users.erin, { mailbox: 'erin-wrong', password: wrong }),
    ], { logger: { level: 'trace', stream } });
    const seen = await server.waitFor((m) => m.get('erin')?.state === 'ok' && m.get('erin-wrong')?.state === 'error');
    expect(seen.get('erin-wrong')?.error).toMatch(/^login failed for erin@example\.com: the server said AUTHENTICATIONFAILED; retrying in 15 min$/);

    const metrics = await (await fetch(`${server.server.url}/metrics`)).text();
    const counts = JSON.stringify(await server.counts());
    const logs = lines.join('');
    expect(logs).toContain('imap: connected');
    for (const text of [metrics, counts, logs]) {
      expect(text).not.toContain(users.erin.password);
      expect(text).not.toContain(wrong);
    }
  });
});
