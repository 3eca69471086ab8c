import { describe, expect, it } from 'vitest';
import { AccessTokens } from '../../../../server/sources/imap/access-tokens.ts';
import type { OAuth2Auth } from '../../../../server/sources/imap/oauth2-config.ts';
import { Secret } from '../../../../server/sources/imap/secret.ts';
import { TokenFailure, type TokenGrant } from '../../../../server/sources/imap/token-endpoint.ts';
import { FakeTimers } from '../../../helpers/fake-timers.ts';

const auth: OAuth2Auth = { kind: 'oauth2', tokenUrl: 'https://oauth.example.com/token', clientId: 'app', refreshToken: new Secret('rt-0') };

/** A token endpoint that hands out numbered tokens, rotating the refresh token each time, or fails as told. */
function endpoint(lifetimeMs = 3600_000) {
  const calls: string[] = [];
  let failure: TokenFailure | undefined;
  return {
    calls,
    fail(next: TokenFailure | undefined) { failure = next; },
    refresh: async (_auth: OAuth2Auth, refreshToken: string): Promise<TokenGrant> => {
      calls.push(refreshToken);
      if (failure) throw failure;
      return { accessToken: `at-${calls.length}`, expiresInMs: lifetimeMs, refreshToken: `rt-${calls.length}` };
    },
  };
}

describe('access tokens for an OAuth2 account', () => {
  it('reuses a token while it is good, and renews it a minute before an hour-long one expires', async () => {
    const timers = new FakeTimers();
    const server = endpoint();
    const tokens = new AccessTokens(auth, { timers, refresh: server.refresh });
    expect(await tokens.current()).toBe('at-1');
    expect(await tokens.current()).toBe('at-1');
    expect(timers.delays()).toEqual([3600_000 - 60_000]);
    timers.runNext();
    await Promise.resolve();
    expect(await tokens.current()).toBe('at-2');
    tokens.stop();
  });

  it('sends each rotated refresh token next, and hands it on to be kept', async () => {
    const rotated: string[] = [];
    const server = endpoint();
    const tokens = new AccessTokens(auth, { timers: new FakeTimers(), refresh: server.refresh, onRotated: (t) => rotated.push(t) });
    await tokens.renew();
    await tokens.renew();
    await tokens.renew();
    expect(server.calls).toEqual(['rt-0', 'rt-1', 'rt-2']);
    expect(rotated).toEqual(['rt-1', 'rt-2', 'rt-3']);
    tokens.stop();
  });

  it('asks once for many callers at the same moment', async () => {
    const server = endpoint();
    const tokens = new AccessTokens(auth, { timers: new FakeTimers(), refresh: server.refresh });
    expect(await Promise.all([tokens.renew(), tokens.current(), tokens.renew()])).toEqual(['at-1', 'at-1', 'at-1']);
    expect(server.calls).toHaveLength(1);
    tokens.stop();
  });

  it('after a revoked refresh token, never asks the token endpoint again', async () => {
    const timers = new FakeTimers();
    const server = endpoint(10_000);
    const revoked: string[] = [];
    const tokens = new AccessTokens(auth, { timers, refresh: server.refresh, onRevoked: (f) => revoked.push(f.message) });
    await tokens.current();
    server.fail(new TokenFailure('revoked', 'the sign-in is no longer accepted; sign in again'));
    timers.runNext();
    await new Promise((resolve) => setImmediate(resolve));
    expect(revoked).toEqual(['the sign-in is no longer accepted; sign in again']);
    expect(timers.pending.size).toBe(0);
    await expect(tokens.current()).rejects.toThrow('sign in again');
    await expect(tokens.renew()).rejects.toThrow('sign in again');
    expect(server.calls).toHaveLength(2);
  });

  it('after a failure that may pass, asks again at the next call', async () => {
    const server = endpoint();
    const tokens = new AccessTokens(auth, { timers: new FakeTimers(), refresh: server.refresh });
    server.fail(new TokenFailure('connection', 'cannot reach the token endpoint oauth.example.com: ECONNREFUSED'));
    await expect(tokens.current()).rejects.toThrow('ECONNREFUSED');
    server.fail(undefined);
    expect(await tokens.current()).toBe('at-2');
    tokens.stop();
  });
});
