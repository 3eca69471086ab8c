import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { silentLogger } from '../../../server/log.ts';
import { ImapAccount } from '../../../server/sources/imap/imap-account.ts';
import { parseImapConfig } from '../../../server/sources/imap/imap-config.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { realTimers } from '../../../common/timers.ts';
import { startCountServer, type CountServer } from '../../helpers/source-server.ts';
import { message, startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy.ts';
import { setOne } from '../../../server/store/store.ts';

const users = {
  frank: { user: 'frank@example.com', password: 'frank-imap-password-1' },
  gina: { user: 'gina@example.com', password: 'gina-imap-password-2' },
  hugo: { user: 'hugo@example.com', password: 'hugo-imap-password-3' },
  ivy: { user: 'ivy@example.com', password: 'ivy-imap-password-4' },
} satisfies Record<string, DovecotUser>;

describe('IMAP accounts when things go wrong, against a real Dovecot', () => {
  let dovecot: Dovecot;
  let plainDovecot: Dovecot;
  const servers: CountServer[] = [];
  const accounts: ImapAccount[] = [];
  const proxies: TcpProxy[] = [];
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    [dovecot, plainDovecot] = await Promise.all([
      startDovecot({ users: Object.values(users) }),
      // An old server: no TLS, no IDLE.
      startDovecot({ users: Object.values(users), tls: false, idle: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.allSettled([...servers, ...accounts].map((s) => s.stop()));
    await Promise.allSettled(clients.map((c) => c.logout()));
    await Promise.allSettled(proxies.map((p) => p.close()));
    await Promise.allSettled([dovecot?.stop(), plainDovecot?.stop()]);
  });

  const entry = (user: DovecotUser, extra: object = {}) => ({
    type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, ca: dovecot.certPath,
    user: user.user, password: user.password, mailbox: 'box', ...extra,
  });
  /** An account run directly on a store, with timers the test steps by hand. */
  const runAccount = async (raw: Record<string, unknown>, { isRealTime = false } = {}) => {
    const store = new MemoryStore();
    const timers = new FakeTimers();
    const account = new ImapAccount(parseImapConfig(checkedEntry(raw), 'sources[0]', {}), { store, log: silentLogger },
      { timers: isRealTime ? realTimers : timers });
    accounts.push(account);
    await account.start();
    const box = async () => (await store.snapshot(['box'])).mailboxes[0]!;
    return { account, store, timers, box };
  };
  const serve = async (sources: object[]) => {
    const server = await startCountServer(sources);
    servers.push(server);
    return server;
  };

  it('says plainly when the password is wrong, and tries again only after 15 minutes', async () => {
    const { box, timers, account } = await runAccount(entry(users.frank, { password: 'wrong-password' }));
    await vi.waitFor(async () => expect((await box()).state).toBe('error'), { timeout: 10_000 });
    expect((await box()).error).toBe('login failed for frank@example.com: the server said AUTHENTICATIONFAILED; retrying in 15 min');
    // The kind says it as data, for the app to word; the retry's time is the account's clock's (the fake one starts at 0).
    expect(await box()).toMatchObject({
      errorKind: 'auth', errorFacts: { user: 'frank@example.com', host: '127.0.0.1', retryAt: new Date(15 * 60_000).toISOString() },
    });
    expect(timers.delays()).toEqual([15 * 60_000]);

    // Nothing else reaches the server meanwhile, so the account is not locked: the account's clock is the
    // test's, and the one thing on it is that retry (above); no sleep can add to that.
    const attempts = async () => (await dovecot.log()).split('\n').filter((l) => /auth failed/.test(l) && l.includes('user=<frank@example.com>'));
    await vi.waitFor(async () => expect((await attempts()).length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(await attempts()).toHaveLength(1);
    expect(timers.delays()).toEqual([15 * 60_000]);

    // A settings change makes a new account from the new settings, which connects at once.
    await account.stop();
    expect(timers.pending.size).toBe(0);
    const fixed = await runAccount(entry(users.frank));
    await vi.waitFor(async () => expect((await fixed.box()).state).toBe('ok'), { timeout: 10_000 });
  });

  it('refuses a self-signed certificate unless the config trusts it, and says which', async () => {
    const { box, timers } = await runAccount(entry(users.gina, { ca: undefined }));
    await vi.waitFor(async () => expect((await box()).state).toBe('error'), { timeout: 10_000 });
    expect((await box()).error).toMatch(
      /^the certificate of 127\.0\.0\.1 is self-signed and not trusted \(to trust it, set "ca" to its PEM file\); retrying in \d+ s$/);
    expect(await box()).toMatchObject({ errorKind: 'certificate', errorFacts: { host: '127.0.0.1' } });
    expect(timers.pending.size).toBe(1);

    const trusted = await runAccount(entry(users.gina, { security: 'starttls', port: dovecot.port }));
    await vi.waitFor(async () => expect((await trusted.box())).toMatchObject({ state: 'ok', count: 0 }), { timeout: 10_000 });
  });

  it('refuses to log in without STARTTLS when the config requires it, sending nothing in plain text', async () => {
    const { box, timers } = await runAccount(entry(users.gina, { security: 'starttls', port: plainDovecot.port, ca: undefined }));
    await vi.waitFor(async () => expect((await box()).state).toBe('error'), { timeout: 10_000 });
    expect((await box()).error).toBe(`127.0.0.1:${plainDovecot.port} does not offer STARTTLS, which "security": "starttls" requires;` +
      ' nothing was sent in plain text; retrying in 15 min');
    expect((await box()).errorKind).toBe('setup');
    expect(timers.delays()).toEqual([15 * 60_000]);
    expect(await plainDovecot.log()).not.toContain('gina@example.com');

    // Plain text only when written explicitly.
    const plain = await runAccount(entry(users.gina, { security: 'none', port: plainDovecot.port, ca: undefined }));
    await vi.waitFor(async () => expect((await plain.box()).state).toBe('ok'), { timeout: 10_000 });
  });

  it('polls a server without IDLE', async () => {
    const { box } = await runAccount(entry(users.gina, { security: 'none', port: plainDovecot.port, ca: undefined, mailbox: 'box', pollSeconds: 1 }),
      // Real timers: polling is what is being shown.
      { isRealTime: true });
    await vi.waitFor(async () => expect((await box()).state).toBe('ok'), { timeout: 10_000 });
    const before = (await box()).count;
    const mail = await plainDovecot.client(users.gina);
    clients.push(mail);
    await mail.append('INBOX', message('polled'));
    await vi.waitFor(async () => expect((await box()).count).toBe(before + 1), { timeout: 10_000 });
  });

  it('says which folder is missing', async () => {
    const account = entry(users.frank, { mailbox: undefined });
    const missingSecond = await runAccount({ ...account, mailboxes: [{ id: 'box', folders: ['INBOX', 'Nope'] }] });
    await vi.waitFor(async () => expect((await missingSecond.box()).state).toBe('error'), { timeout: 10_000 });
    expect((await missingSecond.box()).error).toMatch(/^the folder "Nope" on 127\.0\.0\.1 cannot be counted: .*(NONEXISTENT|doesn't exist)/);
    expect(await missingSecond.box()).toMatchObject({ errorKind: 'folder', errorFacts: { folder: 'Nope', host: '127.0.0.1' } });

    const missingFirst = await runAccount({ ...account, mailboxes: [{ id: 'box', folders: ['Nope'] }] });
    await vi.waitFor(async () => expect((await missingFirst.box()).state).toBe('error'), { timeout: 10_000 });
    expect((await missingFirst.box()).error).toMatch(/^the folder "Nope" on 127\.0\.0\.1 cannot be opened: .*; retrying in 15 min$/);
    expect(await missingFirst.box()).toMatchObject({ errorKind: 'folder', errorFacts: { folder: 'Nope', host: '127.0.0.1' } });
  });

  it('while connected, re-counts every 5 minutes and watches for 21 minutes of silence', async () => {
    const { box, timers, store } = await runAccount(entry(users.hugo, { mailbox: 'box' }));
    await vi.waitFor(async () => expect((await box()).state).toBe('ok'), { timeout: 10_000 });
    expect(timers.delays()).toEqual([5 * 60_000, 21 * 60_000]);

    // A change the server never reported (as with servers that do not push flag changes),
    // stood in for by a wrong count: the safety re-count puts the server's count back.
    const { count } = await box();
    await setOne(store, { id: 'box', count: count + 7 });
    timers.runNext();
    await vi.waitFor(async () => expect((await box()).count).toBe(count), { timeout: 10_000 });
    expect(timers.delays()).toEqual([5 * 60_000, 21 * 60_000]);
  });

  it('reconnects when the connection goes silent without an error', async () => {
    const mail = await dovecot.client(users.hugo);
    clients.push(mail);
    const proxy = await startTcpProxy(dovecot.tlsPort);
    proxies.push(proxy);
    const server = await serve([entry(users.hugo, { port: proxy.port, mailbox: 'hugo', idleRestartSeconds: 1 })]);
    await server.waitFor((m) => m.get('hugo')?.state === 'ok');
    // IDLE is re-issued every second, and each answer counts as word from the server.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(proxy.connectionsMade()).toBe(1);

    proxy.freeze();
    await mail.append('INBOX', message('sent while the line was dead'));
    // No error, no close: only the silence (IDLE re-issue 1 s + margin) gives it away.
    const after = await server.waitFor((m) => m.get('hugo')?.count === 1, 20_000);
    expect(after.get('hugo')?.state).toBe('ok');
    expect(proxy.connectionsMade()).toBe(2);
  });

  it('keeps the last count with an error while Dovecot is down, and comes back by itself', async () => {
    const mail = await dovecot.client(users.ivy);
    await mail.append('INBOX', message('before'));
    await mail.logout();
    const server = await serve([entry(users.ivy, { mailbox: 'ivy' })]);
    await server.waitFor((m) => m.get('ivy')?.state === 'ok' && m.get('ivy')?.count === 1);

    await dovecot.kill();
    const down = await server.waitFor((m) => m.get('ivy')?.state === 'error');
    expect(down.get('ivy')).toMatchObject({
      count: 1, error: expect.stringMatching(/^connection to 127\.0\.0\.1 lost; retrying in \d+ s$/), errorKind: 'connection',
    });
    // Later tries find nobody listening and back off.
    await server.waitFor((m) => /^cannot connect to .*: connection refused; retrying in \d+ s$/.test(m.get('ivy')?.error ?? ''));

    await dovecot.restart();
    const again = await dovecot.client(users.ivy);
    clients.push(again);
    await again.append('INBOX', message('while it was down'));
    const back = await server.waitFor((m) => m.get('ivy')?.state === 'ok' && m.get('ivy')?.count === 2, 40_000);
    expect(back.get('ivy')?.error).toBeUndefined();
  }, 60_000);
});
