import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientTokens } from '../../../server/tokens/client-tokens.ts';
import { parseConfig } from '../../../server/config/server-config.ts';
import { MAX_SIGNED_TOKEN_LENGTH, signToken, verifyToken, type SigningKey } from '../../../server/tokens/signed-tokens.ts';
import { tokenCommand } from '../../../server/cli/token-command.ts';
import { TokenTable } from '../../../server/tokens/token-table.ts';
import { startTestServer, testConfig, tokens, type TestServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';

const secret = 'a-signing-key-of-at-least-32-characters';
const key: SigningKey = { id: 'k1', secret: Buffer.from(secret) };
const keys = new Map([[key.id, key.secret]]);
const now = 1_800_000_000;
const inAYear = now + 365 * 86_400;
const nobodyDenied = () => false;
const signedConfig = (extra: Record<string, unknown> = {}) => ({ signedTokens: { keys: [{ id: 'k1', secret }], ...extra } });

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Texts that Node's lenient base64url decoder reads as the same token: padding, skipped characters, unused low bits. */
function otherSpellingsOf(token: string): string[] {
  const dot = token.lastIndexOf('.');
  const [head, signature] = [token.slice(0, dot + 1), token.slice(dot + 1)];
  // A 32-byte HMAC is 43 characters; the last one carries 4 bits and 2 unused ones.
  const last = alphabet.indexOf(signature.at(-1)!);
  return [
    `${token}=`, `${token}==`, `${head}${signature.slice(0, 10)}!${signature.slice(10)}`, `${head}!!!${signature}`,
    `${head}${signature.slice(0, 5)}%${signature.slice(5)}`, `${head}${signature.slice(0, -1)}${alphabet[last ^ 1]}`,
  ];
}

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

  it('a token verifies in exactly one spelling: padding, characters outside base64url and a re-spelled last character are refused', () => {
    const { token } = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: inAYear });
    expect(verifyToken(token, keys, now, nobodyDenied)).toMatchObject({ name: 'ann' });
    for (const spelling of otherSpellingsOf(token)) {
      expect(verifyToken(spelling, keys, now, nobodyDenied), spelling).toMatch(/signature is not valid|not written as the server wrote it/);
    }
  });

  it('a token too long to be one is refused before a key is looked at', () => {
    let keyLookups = 0;
    const clients = new ClientTokens(new TokenTable([]), { keys: () => { keyLookups += 1; return keys; }, isDenied: nobodyDenied, now: () => now * 1000 });
    const { token } = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: inAYear });
    const long = token.replace('mt1.k1.', `mt1.k1.${'A'.repeat(MAX_SIGNED_TOKEN_LENGTH)}`);
    expect(clients.find(long)).toBeUndefined();
    expect(verifyToken(long, keys, now, nobodyDenied)).toContain(`longer than the ${MAX_SIGNED_TOKEN_LENGTH} characters`);
    expect(keyLookups).toBe(0);
  });

  it('many tokens and many spellings of them keep no more verified tokens than the limit', () => {
    const clients = new ClientTokens(new TokenTable([]), { keys: () => keys, isDenied: nobodyDenied, now: () => now * 1000, cacheLimit: 50 });
    const issued = Array.from({ length: 300 }, (_, i) => signToken(key, { name: `user${i}`, mailboxes: ['%u'], exp: inAYear }).token);
    for (const token of issued) {
      expect(clients.find(token)).toBeDefined();
      for (const spelling of otherSpellingsOf(token)) expect(clients.find(spelling)).toBeUndefined();
      expect(clients.cachedTokens).toBeLessThanOrEqual(50);
    }
    expect(clients.cachedTokens).toBe(50);
  });

  it('a token in use stays verified while the limit pushes out the least recently used', () => {
    let verified = 0;
    // keys() is asked once per HMAC check, never for a token already verified.
    const clients = new ClientTokens(new TokenTable([]), {
      keys: () => { verified += 1; return keys; }, isDenied: nobodyDenied, now: () => now * 1000, cacheLimit: 3,
    });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => signToken(key, { name, mailboxes: ['%u'], exp: inAYear }).token) as [string, string, string, string];
    for (const token of [a, b, c]) clients.find(token);
    expect(verified).toBe(3);
    expect(clients.find(a)?.name).toBe('a');
    expect(clients.find(d)?.name).toBe('d');
    expect(verified).toBe(4);
    // b was the least recently used: it went; a, used since, is still known.
    expect(clients.find(a)?.name).toBe('a');
    expect(verified).toBe(4);
    expect(clients.find(b)?.name).toBe('b');
    expect(verified).toBe(5);
    expect(clients.cachedTokens).toBe(3);
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
  it('only the token as it was issued is accepted: its other spellings and an over-long token get 401', async () => {
    const { token } = signToken(key, { name: 'ann', mailboxes: ['ann'], exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await server.poll(token)).status).toBe(200);
    const long = token.replace('mt1.k1.', `mt1.k1.${'A'.repeat(MAX_SIGNED_TOKEN_LENGTH)}`);
    for (const spelling of [...otherSpellingsOf(token), long]) {
      const response = await server.poll(spelling);
      expect(response.status, spelling).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/signature is not valid|not written as|longer than/);
    }
  });

  it('a signed token with "*" sees every mailbox, as a config client with "*" does', async () => {
    const { token } = signToken(key, { name: 'dashboard', mailboxes: '*', exp: Math.floor(Date.now() / 1000) + 60 });
    const everything = (await server.counts(tokens.ops)).mailboxes.map((m) => m.id);
    expect((await server.counts(token)).mailboxes.map((m) => m.id)).toEqual(everything);
    expect(everything).toEqual(['ann', 'ann-work', 'bob']);
  });
});

describe('held-poll limits of signed tokens', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ ...signedConfig(), limits: { heldPollsPerToken: 2 } }); });
  afterAll(async () => { await server.stop(); });

  /** Starts a poll held for up to `wait` seconds; `answered` is its status once it is answered. */
  async function hold(token: string, wait: number): Promise<{ answered: Promise<number> }> {
    const { cursor } = await server.counts(token);
    return { answered: server.poll(token, `?since=${cursor}&wait=${wait}`).then(async (r) => { await r.body?.cancel(); return r.status; }) };
  }

  it('are per token, not per name: a signed token named like a config client leaves that client its own polls', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const impostor = signToken(key, { name: 'ann-laptop', mailboxes: ['ann'], exp }).token;
    const sameNameOtherToken = signToken(key, { name: 'ann-laptop', mailboxes: ['ann'], exp }).token;
    const held = [await hold(impostor, 20), await hold(impostor, 20)];
    await eventually(async () => (await server.metric('mailtray_held_polls')) === 2);
    // The token over its own limit is told so...
    expect(await (await hold(impostor, 20)).answered).toBe(429);
    // ...while the config client of that name, and another token with the same name, are held as usual.
    const others = [await hold(tokens.ann, 1), await hold(sameNameOtherToken, 1)];
    expect(await Promise.all(others.map((poll) => poll.answered))).toEqual([200, 200]);
    await server.setCount('ann', 7);
    expect(await Promise.all(held.map((poll) => poll.answered))).toEqual([200, 200]);
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

  it('--revoke takes a token id that starts with "-", as base64url ids can, written as the hint prints it', async () => {
    const config = testConfig({ ...signedConfig(), store: { type: 'redis', url: redis.url, prefix: 'tok-dash:' } });
    const revoked = await run(config, ['--revoke', '-Hk3v0d2mQ1s']);
    expect([revoked.code, revoked.err]).toEqual([0, '']);
    expect(revoked.out).toContain('denied: -Hk3v0d2mQ1s');
  });

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

  it('--mailboxes * prints a token that sees every mailbox', async () => {
    const issued = await run(testConfig(signedConfig()), ['--name', 'dashboard', '--mailboxes', '*', '--days', '1']);
    expect(issued.code).toBe(0);
    const token = /token:\s+(\S+)/.exec(issued.out)![1]!;
    const server = await startTestServer(signedConfig());
    try {
      expect((await server.counts(token)).mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work', 'bob']);
    } finally {
      await server.stop();
    }
  });

  it('signs no token a server would refuse, and says why', async () => {
    const starInAList = await run(testConfig(signedConfig()), ['--name', 'ann', '--mailboxes', '%u,*']);
    expect(starInAList).toMatchObject({ code: 2, out: '' });
    expect(starInAList.err).toContain('names a mailbox that cannot be one ("*")');
    const tooLong = await run(testConfig(signedConfig()), ['--name', 'ann', '--mailboxes', Array.from({ length: 40 }, (_, i) => `${'m'.repeat(100)}${i}`).join(',')]);
    expect(tooLong).toMatchObject({ code: 2, out: '' });
    expect(tooLong.err).toContain(`over the ${MAX_SIGNED_TOKEN_LENGTH} a server takes`);
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
