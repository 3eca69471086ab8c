import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { startServer, type RunningServer } from '../../../server/run/start.ts';
import { message, startDovecot, type Dovecot } from '../../helpers/dovecot.ts';
import { eventually } from '../../helpers/eventually.ts';
import { appClientId, startOAuthServer, type OAuthServer } from '../../helpers/oauth-server.ts';
import { clientToken, pollUntil } from '../../helpers/source-server.ts';

const ann = { user: 'ann@example.com', password: 'ann-password-not-used' };
const bob = { user: 'bob@example.com', password: 'bob-password-not-used' };
const cat = { user: 'cat@example.com', password: 'cat-password-not-used' };

describe('IMAP accounts that sign in with OAuth2, against a real authorization server and Dovecot', () => {
  let oauth: OAuthServer;
  let dovecot: Dovecot;
  let stateDir: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    // Access tokens live 4 s, so the tests see them expire and be renewed several times
    // (shorter ones can expire between refresh and login on a loaded machine).
    oauth = await startOAuthServer({ accessTokenSeconds: 4 });
    dovecot = await startDovecot({ users: [ann, bob, cat], oauth2: { introspectionUrl: oauth.dovecotIntrospectionUrl } });
    stateDir = await mkdtemp(join(tmpdir(), 'mailtray-oauth-state-'));
  });
  // Each server refreshes every few seconds while it runs; stopped after each test, so counts of token requests are each test's own.
  afterEach(async () => {
    await Promise.allSettled(servers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await dovecot?.stop();
    await oauth?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  const source = (user: string, mailbox: string, refreshToken: string, extra: object = {}) => ({
    type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath, user, mailbox,
    auth: { type: 'oauth2', tokenUrl: oauth.tokenUrl, clientId: appClientId, refreshToken, ...extra },
  });
  const serve = async (sources: object[], options: Partial<Parameters<typeof startServer>[0]> = {}) => {
    const config = parseConfig({ listen: { host: '127.0.0.1', port: 0 }, clients: [{ name: 'test', token: clientToken, mailboxes: '*' }], sources }, { env: {} });
    const server = await startServer({ config, sourceSpacingMs: 20, ...options });
    servers.push(server);
    return server;
  };
  const mailbox = (answer: { mailboxes: Array<{ id: string }> }, id: string) => answer.mailboxes.find((m) => m.id === id) as
    { count: number; state: string; error?: string; errorKind?: string } | undefined;

  it('counts with a refresh token, renews the access token before it expires, keeps each rotated refresh token, and logs in again after a drop', async () => {
    const mail = await dovecot.client(ann);
    await mail.append('INBOX', message('one'));
    const refreshToken = await oauth.refreshTokenFor(ann.user);
    const stateFile = join(stateDir, 'ann.json');
    const rotated: string[] = [];
    const lines: string[] = [];
    const server = await serve([source(ann.user, 'ann', refreshToken, { stateFile })], {
      onRefreshToken: (_ids, token) => rotated.push(token),
      logger: { level: 'trace', stream: new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } }) },
    });
    const first = await pollUntil(server, (a) => mailbox(a, 'ann')?.state === 'ok');
    expect(mailbox(first, 'ann')?.count).toBe(1);

    // Several lifetimes of an access token: each refresh rotates the refresh token, and the provider
    // revokes the whole grant if a rotated-away one is ever used again.
    await eventually(() => oauth.tokenRequests().filter((r) => r.grant === 'refresh_token' && r.ok).length >= 3, 20_000);
    expect(oauth.tokenRequests().filter((r) => !r.ok)).toEqual([]);
    expect(rotated.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rotated).size).toBe(rotated.length);

    // The state file holds the newest one, for this user only.
    await eventually(async () => JSON.parse(await readFile(stateFile, 'utf8')).refreshToken === rotated.at(-1));
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);

    // The server drops every connection; the source logs in again with a current token and counts.
    await dovecot.kill();
    await pollUntil(server, (a) => mailbox(a, 'ann')?.state === 'error');
    await dovecot.restart();
    await mail.close();
    const again = await dovecot.client(ann);
    await again.append('INBOX', message('two'));
    await again.logout();
    const after = await pollUntil(server, (a) => mailbox(a, 'ann')?.state === 'ok' && mailbox(a, 'ann')?.count === 2, 30_000);
    expect(mailbox(after, 'ann')).toMatchObject({ count: 2, state: 'ok' });

    // No token in the logs, the counts or /metrics.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const texts = [lines.join(''), JSON.stringify(after), metrics];
    for (const token of [refreshToken, ...rotated]) for (const text of texts) expect(text).not.toContain(token);
  }, 90_000);

  it('a stand-alone server restarted with the old config token carries on with the rotated one from its state file', async () => {
    const refreshToken = await oauth.refreshTokenFor(bob.user);
    const stateFile = join(stateDir, 'bob.json');
    const first = await serve([source(bob.user, 'bob', refreshToken, { stateFile })]);
    await pollUntil(first, (a) => mailbox(a, 'bob')?.state === 'ok');
    await eventually(async () => (await readFile(stateFile, 'utf8').catch(() => '')).includes('refreshToken'));
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    // The config still names the first token, which the provider no longer accepts on its own.
    const second = await serve([source(bob.user, 'bob', refreshToken, { stateFile })]);
    const answer = await pollUntil(second, (a) => mailbox(a, 'bob')?.state !== 'pending');
    expect(mailbox(answer, 'bob')).toMatchObject({ state: 'ok', count: 0 });
  }, 30_000);

  it('a revoked refresh token puts the account in error with "sign in again", and the token endpoint is not asked again', async () => {
    const refreshToken = await oauth.refreshTokenFor(cat.user);
    let latest = refreshToken;
    const server = await serve([source(cat.user, 'cat', refreshToken)], { onRefreshToken: (_ids, token) => { latest = token; } });
    await pollUntil(server, (a) => mailbox(a, 'cat')?.state === 'ok');

    await oauth.revoke(latest);
    const answer = await pollUntil(server, (a) => mailbox(a, 'cat')?.state === 'error', 15_000);
    expect(mailbox(answer, 'cat')?.error).toMatch(/^cat@example\.com: the sign-in is no longer accepted \(127\.0\.0\.1:\d+ said invalid_grant\); sign in again$/);
    expect(mailbox(answer, 'cat')?.errorKind).toBe('auth-expired');

    const asked = oauth.tokenRequests().length;
    // Longer than an access token lives: a refresh still scheduled would have fired by now.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(oauth.tokenRequests().length).toBe(asked);
    expect(mailbox(await pollUntil(server, () => true), 'cat')?.state).toBe('error');
  }, 30_000);

  it('logs in with XOAUTH2 where the server offers no OAUTHBEARER', async () => {
    const xoauth2Only = await startDovecot({ users: [ann], oauth2: { introspectionUrl: oauth.dovecotIntrospectionUrl, mechanisms: ['xoauth2'] } });
    try {
      const server = await serve([{ ...source(ann.user, 'ann-x', await oauth.refreshTokenFor(ann.user)), port: xoauth2Only.tlsPort, ca: xoauth2Only.certPath }]);
      await pollUntil(server, (a) => mailbox(a, 'ann-x')?.state === 'ok');
      expect(await xoauth2Only.log()).toMatch(/Login: user=<ann@example\.com>, method=XOAUTH2/);
      expect(await dovecot.log()).toMatch(/Login: user=<ann@example\.com>, method=OAUTHBEARER/);
    } finally {
      await xoauth2Only.stop();
    }
  }, 30_000);
});
