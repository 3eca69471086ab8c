import type { OAuth2Auth } from './oauth2-config.ts';

/** What a refresh brought: a new access token, its lifetime, and a new refresh token when the provider rotates them. */
export interface TokenGrant {
  accessToken: string;
  expiresInMs: number;
  refreshToken?: string;
}

/**
 * Why a refresh failed, in words that never hold a token:
 * - `revoked`: the refresh token is revoked, expired or lacks consent; only a new sign-in helps.
 * - `setup`: the client id or secret is refused; the config must change.
 * - `connection`: the endpoint could not be reached or failed; likely to pass.
 */
export class TokenFailure extends Error {
  readonly kind: 'revoked' | 'setup' | 'connection';
  constructor(kind: TokenFailure['kind'], words: string) {
    super(words);
    this.kind = kind;
  }
}

// RFC 6749 5.2 and OpenID Connect 3.1.2.6: the answers that mean the user must sign in again.
const signInAgain = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'login_required', 'invalid_scope']);
const clientRefused = new Set(['invalid_client', 'unauthorized_client', 'unsupported_grant_type']);

/**
 * One refresh-token grant (RFC 6749 6) at the token endpoint. Written out
 * rather than through openid-client: a refresh needs no discovery, and the ID
 * token some providers add to the answer (checked against an issuer a
 * stand-alone config does not name) is of no use to a mail watcher.
 */
export async function refreshAccessToken(auth: OAuth2Auth, refreshToken: string, timeoutMs = 30_000): Promise<TokenGrant> {
  const host = new URL(auth.tokenUrl).host;
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: auth.clientId });
  if (auth.clientSecret) form.set('client_secret', auth.clientSecret.reveal());
  if (auth.scope) form.set('scope', auth.scope);
  let response: Response;
  try {
    response = await fetch(auth.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const why = (error as Error).name === 'TimeoutError' ? 'no answer' : cause ?? 'the connection failed';
    throw new TokenFailure('connection', `cannot reach the token endpoint ${host}: ${why}`);
  }
  const body = await response.json().catch(() => undefined) as Record<string, unknown> | undefined;
  if (!response.ok) {
    const code = typeof body?.error === 'string' ? body.error.slice(0, 60) : undefined;
    if (code && signInAgain.has(code)) {
      throw new TokenFailure('revoked', `the sign-in is no longer accepted (${host} said ${code}); sign in again`);
    }
    if (code && clientRefused.has(code)) {
      throw new TokenFailure('setup', `${host} refused the client id (${code}); check "clientId" and "clientSecret"`);
    }
    throw new TokenFailure('connection', `the token endpoint ${host} answered ${response.status}${code ? ` (${code})` : ''}`);
  }
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new TokenFailure('connection', `the token endpoint ${host} answered without an access token`);
  }
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
  const grant: TokenGrant = {
    accessToken: body.access_token,
    // RFC 6749 5.1: expires_in is recommended, not required; an hour is what the providers give.
    expiresInMs: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3600_000,
  };
  if (typeof body.refresh_token === 'string' && body.refresh_token !== '' && body.refresh_token !== refreshToken) {
    grant.refreshToken = body.refresh_token;
  }
  return grant;
}
