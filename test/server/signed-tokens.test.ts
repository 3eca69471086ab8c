import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientTokens } from '../../server/client-tokens.ts';
import { parseConfig } from '../../server/config.ts';
import { signToken, verifyToken, type SigningKey } from '../../server/signed-tokens.ts';
import { tokenCommand } from '../../server/token-command.ts';
import { TokenTable } from '../../server/tokens.ts';
import { startTestServer, testConfig, tokens, type TestServer } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';

const secret = 'a-signing-key-of-at-least-32-characters';
const key: SigningKey = { id: 'k1', secret: Buffer.from(secret) };
const keys = new Map([[key.id, key.secret]]);
const now = 1_800_000_000;
const inAYear = now + 365 * 86_400;
const nobodyDenied = () => false;
const signedConfig = (extra: Record<string, unknown> = {}) => ({ signedTokens: { keys: [{ id: 'k1', secret }], ...extra } });

describe('signed client tokens', () => {
  it('carry their client name, mailboxes (with %u for the name) and expiry', () => {
    const { token } = signToken(key, { name: 'ann', mailboxes: ['%u', '%u.work', 'shared'], exp: inAYear });
    expect(verifyToken(token, keys, now, nobodyDenied)).toMatchObject({ name: 'ann', view: ['ann', 'ann.work', 'shared'] });
  });

  it.each([
    ['a changed payload', (t: string) => t.replace(/\.([^.]+)\.([^.]+)$/, (_m, p: string, s: string) => `.${p.slice(0, -2)}AA.${s}`), 'signature is not valid'],
    ['an unknown key', (t: string) => t.replace('mt1.k1.', 'mt1.k2.'), 'key ("k2") the server does not have'],
    ['a cut signature', (t: string) => t.slice(0, -5), 'signature is not valid'],
  ])('refuse %s', (_what, spoil, reason) => {
    const { token } = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: inAYear });
    expect(verifyToken(spoil(token), keys, now, nobodyDenied)).toContain(reason);
  });

  it('refuse an expired token and a denied one, saying which', () => {
    const { token, id } = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: now - 1 });
    expect(verifyToken(token, keys, now, nobodyDenied)).toBe('this token has expired; ask for a new one');
    const fresh = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: inAYear, id });
    expect(verifyToken(fresh.token, keys, now, (denied) => denied === id)).toBe('this token has been revoked');
  });

  it('100,000 users each with their own token are all told apart, with no config entry each', { timeout: 180_000 }, () => {
    const clients = new ClientTokens(new TokenTable([]), { keys: () => keys, isDenied: nobodyDenied, now: () => now * 1000 });
    const issued = Array.from({ length: 100_000 }, (_, i) => signToken(key, { name: `user${i}`, mailboxes: ['%u'], exp: inAYear }).token);
    const misread = issued.filter((token, i) => clients.find(token)?.view[0] !== `user${i}`);
    expect(misread).toEqual([]);
  });
});

describe('signed tokens at the server', () => {
  let server: TestServer;
  let revokedId: string;
  beforeAll(async () => {
    revokedId = signToken(key, { name: 'x', mailboxes: ['x'], exp: inAYear }).id;
    server = await startTestServer(signedConfig({ denied: [revokedId] }));
  });
  afterAll(async () => { await server.stop(); });

  it('a signed token sees its mailboxes and nothing else; config tokens keep working', async () => {
    const { token } = signToken(key, { name: 'ann', mailboxes: ['%u', 'ann-work'], exp: Math.floor(Date.now() / 1000) + 60 });
    const body = await server.counts(token);
    expect(body.mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work']);
    expect((await server.counts(tokens.bob)).mailboxes.map((m) => m.id)).toEqual(['bob']);
  });

  it('a revoked, expired or forged token gets 401 with the reason', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const revoked = signToken(key, { name: 'ann', mailboxes: ['ann'], exp, id: revokedId }).token;
    const expired = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: 1000 }).token;
    const forged = signToken({ id: 'k1', secret: Buffer.from('another-key-of-at-least-32-characters!') }, { name: 'ann', mailboxes: ['*'], exp }).token;
    for (const [token, reason] of [[revoked, /revoked/], [expired, /expired/], [forged, /signature is not valid/]] as const) {
      const response = await server.poll(token);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
    }
  });
});

describe('mailtray-server token', () => {
  let folder: string;
  let redis: TestRedis;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'mailtray-token-'));
    redis = await startRedis();
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await redis.stop();
  });

  async function run(config: unknown, args: string[]): Promise<{ code: number; out: string; err: string }> {
    const file = join(folder, 'server.json');
    await writeFile(file, JSON.stringify(config));
    let out = '';
    let err = '';
    const code = await tokenCommand(['--config', file, ...args], (t) => { out += `${t}\n`; }, (t) => { err += `${t}\n`; });
    return { code, out, err };
  }

  it('--name --mailboxes prints a token the server accepts; --revoke with a Redis store refuses it on every instance', async () => {
    const store = { type: 'redis', url: redis.url, prefix: 'tok:' };
    const config = testConfig({ ...signedConfig(), store });
    const issued = await run(config, ['--name', 'ann', '--mailboxes', '%u,ann-work', '--days', '1']);
    expect(issued.code).toBe(0);
    const token = /token:\s+(\S+)/.exec(issued.out)![1]!;
    const id = /token id: (\S+)/.exec(issued.out)![1]!;
    expect(issued.out).toContain(`(to revoke it: mailtray-server token --config ${join(folder, 'server.json')} --revoke ${id})`);
    const [a, b] = [await startTestServer({ ...signedConfig(), store }), await startTestServer({ ...signedConfig(), store })];
    try {
      expect((await a.counts(token)).mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work']);
      expect((await b.poll(token)).status).toBe(200);
      expect((await run(config, ['--revoke', id])).code).toBe(0);
      await eventually(async () => (await a.poll(token)).status === 401 && (await b.poll(token)).status === 401, 10_000);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('--revoke on the memory store says where the deny list lives, and that a reload (not a restart) applies it', async () => {
    const issued = await run(testConfig(signedConfig()), ['--name', 'ann', '--mailboxes', '%u']);
    const token = /token:\s+(\S+)/.exec(issued.out)![1]!;
    const id = /token id: (\S+)/.exec(issued.out)![1]!;
    expect(issued.out).toContain(`(to revoke it: add "${id}" to signedTokens.denied in ${join(folder, 'server.json')} and reload the server)`);
    const result = await run(testConfig(signedConfig()), ['--revoke', id]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`add "${id}" to signedTokens.denied`);
    expect(result.err).toContain('reload the server (systemctl reload mailtray-server, or kill -HUP its process); no restart is needed');
    expect(result.err).not.toContain('restart the server');

    // Doing what it says works: the running server refuses the token after the reload.
    const server = await startTestServer(signedConfig());
    try {
      expect((await server.poll(token)).status).toBe(200);
      await server.server.reload(parseConfig(testConfig(signedConfig({ denied: [id] }))));
      const refused = await server.poll(token);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('revoked');
    } finally {
      await server.stop();
    }
  });
});
