import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as oidc from 'openid-client';
import type { OAuthEndpoints } from '../../common/mail-providers.ts';
import type { Translator, Words } from '../../common/i18n/translator.ts';
import type { Timers } from '../../common/timers.ts';
import { signInPage } from './sign-in-page.ts';

export interface SignInRequest {
  endpoints: OAuthEndpoints;
  clientId: string;
  /** Google's "Desktop app" clients have one, which is not secret (RFC 8252 8.5). */
  clientSecret?: string;
  /** The address the user typed, if any, so the provider can skip its account chooser. */
  loginHint?: string;
}

export interface SignInOptions {
  /** Opens the system browser (RFC 8252 8.12: never a web view the app controls). */
  openBrowser(url: string): void;
  timers: Timers;
  /** Default 5 min: then the sign-in is given up, and the loopback port closed. */
  timeoutMs?: number;
  /** The user pressed Cancel in the form. */
  signal?: AbortSignal;
  /** The app's language when the sign-in started: the browser tab's page speaks it. */
  words: Translator;
}

export type SignInProblem = 'cancelled' | 'timeout' | 'denied' | 'failed';

export type SignInOutcome =
  | { ok: true; refreshToken: string; address: string | undefined; accessToken: string; accessTokenExpiresInMs: number }
  /** `message` is worded where it is shown: in the window, and on the browser tab's page. */
  | { ok: false; problem: SignInProblem; message: Words };

/**
 * Sign-in as RFC 8252 has native apps do it: the system browser opens the
 * provider's page; the answer comes back to a one-time HTTP listener on
 * 127.0.0.1 at a port the OS picks; PKCE (S256) binds the code to this run
 * and `state` binds the answer to this request. openid-client (by the author
 * of oidc-provider, certified by the OpenID Foundation) does discovery, the
 * code exchange and the ID token checks; this file only runs the listener.
 * Every way it can end closes the listener and leaves nothing behind.
 */
export async function signInWithBrowser(request: SignInRequest, options: SignInOptions): Promise<SignInOutcome> {
  const { endpoints } = request;
  const { words } = options;
  const isLoopbackIssuer = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(endpoints.issuer);
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(new URL(endpoints.issuer), request.clientId, request.clientSecret ?? undefined,
      request.clientSecret ? oidc.ClientSecretPost(request.clientSecret) : oidc.None(),
      // Plain HTTP only to a provider on this very machine (the tests' own).
      isLoopbackIssuer ? { execute: [oidc.allowInsecureRequests], timeout: 15 } : { timeout: 15 });
  } catch (error) {
    return { ok: false, problem: 'failed', message: { key: 'account.signIn.unreachable', values: { host: new URL(endpoints.issuer).host, reason: reason(error) } } };
  }

  const verifier = oidc.randomPKCECodeVerifier();
  const challenge = await oidc.calculatePKCECodeChallenge(verifier);
  const state = oidc.randomState();
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  const redirectUri = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

  let cancelTimeout = () => {};
  let onAbort = () => {};
  try {
    return await new Promise<SignInOutcome>((resolve) => {
      const timeoutMs = options.timeoutMs ?? 5 * 60_000;
      cancelTimeout = options.timers.after(timeoutMs, () => resolve({
        ok: false, problem: 'timeout',
        message: { key: 'account.signIn.timeout', values: { minutes: Math.round(timeoutMs / 60_000) || 1 } },
      }));
      onAbort = () => resolve({ ok: false, problem: 'cancelled', message: { key: 'account.signIn.cancelled' } });
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });

      let isAnswered = false;
      listener.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '/', redirectUri);
        // Browsers also ask for /favicon.ico and the like; only the redirect itself counts, and only once.
        if (req.method !== 'GET' || url.pathname !== '/' || isAnswered || ![...url.searchParams.keys()].some((k) => ['code', 'error', 'state'].includes(k))) {
          res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
          return;
        }
        // Any process on this machine can reach the loopback port: an answer that does not carry this
        // request's state is not the provider's answer to it, so it neither ends nor spoils the sign-in.
        if (url.searchParams.get('state') !== state) {
          answerPage(res, 400, signInPage(words, words.t('signIn.notSignedIn'), [words.t('signIn.wrongState')]));
          return;
        }
        isAnswered = true;
        void finish(config, url, verifier, state).then((outcome) => {
          const done = outcome.ok
            ? (outcome.address ? words.t('signIn.doneAs', { address: outcome.address }) : words.t('signIn.done'))
            : words.say(outcome.message);
          const page = signInPage(words, words.t(outcome.ok ? 'signIn.signedIn' : 'signIn.notSignedIn'), [done, words.t('signIn.closeTab')]);
          answerPage(res, outcome.ok ? 200 : 400, page);
          resolve(outcome);
        });
      });

      const authorizationUrl = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: `${endpoints.identityScope} ${endpoints.mailScope}`,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state,
        ...endpoints.authorizationParams,
        ...(request.loginHint ? { login_hint: request.loginHint } : {}),
      });
      options.openBrowser(authorizationUrl.href);
    });
  } finally {
    cancelTimeout();
    options.signal?.removeEventListener('abort', onAbort);
    listener.closeAllConnections();
    listener.close();
  }
}

/** Turns the redirect, whose state is this request's, into an outcome: the provider's refusal or the tokens. */
async function finish(config: oidc.Configuration, url: URL, verifier: string, state: string): Promise<SignInOutcome> {
  const error = url.searchParams.get('error');
  if (error === 'access_denied') {
    return { ok: false, problem: 'denied', message: { key: 'account.signIn.denied' } };
  }
  if (error) {
    const description = url.searchParams.get('error_description');
    return { ok: false, problem: 'failed', message: { key: 'account.signIn.refused', values: { error: `${error}${description ? `: ${description.slice(0, 200)}` : ''}` } } };
  }
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: verifier, expectedState: state });
  } catch (error) {
    return { ok: false, problem: 'failed', message: { key: 'account.signIn.notFinished', values: { reason: reason(error) } } };
  }
  if (!tokens.refresh_token) {
    return { ok: false, problem: 'failed', message: { key: 'account.signIn.noRefreshToken' } };
  }
  const claims = tokens.claims();
  const named = [claims?.email, claims?.preferred_username, claims?.upn].find((v): v is string => typeof v === 'string' && v.includes('@'));
  return {
    ok: true, refreshToken: tokens.refresh_token, address: named,
    accessToken: tokens.access_token, accessTokenExpiresInMs: (tokens.expiresIn() ?? 3600) * 1000,
  };
}

function answerPage(res: ServerResponse, status: number, page: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    // The page is done; the next request may go elsewhere.
    Connection: 'close',
  }).end(page);
}

/** An error in a few words, never a token: openid-client's messages and OAuth error codes. */
function reason(error: unknown): string {
  const err = error as { error?: unknown; code?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (typeof err.error === 'string') return err.error;
  if (typeof err.cause?.code === 'string') return err.cause.code;
  if (typeof err.message === 'string') return err.message.slice(0, 200);
  return String(error).slice(0, 200);
}
