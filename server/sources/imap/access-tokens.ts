import type { Timers } from '../../../common/timers.ts';
import type { OAuth2Auth } from './oauth2-config.ts';
import { keepRefreshToken, startingRefreshToken } from './refresh-token-file.ts';
import { refreshAccessToken, TokenFailure, type TokenGrant } from './token-endpoint.ts';

export interface AccessTokensOptions {
  timers: Timers;
  /** A new refresh token came (the provider rotates them): it must outlive this process. */
  onRotated?: (refreshToken: string) => void;
  /** A scheduled refresh found the sign-in revoked. */
  onRevoked?: (failure: TokenFailure) => void;
  warn?: (words: string) => void;
  refresh?: typeof refreshAccessToken;
}

/**
 * Keeps an OAuth2 access token for one account: refreshes it before it
 * expires, and on demand after the IMAP server refused it. A refresh token
 * found revoked is never sent again: every later call fails at once with the
 * same "sign in again", so the token endpoint is not hammered.
 */
export class AccessTokens {
  readonly #auth: OAuth2Auth;
  readonly #options: AccessTokensOptions;
  readonly #refresh: typeof refreshAccessToken;
  #refreshToken: string;
  #accessToken: string | undefined;
  #expiresAt = 0;
  #lifetimeMs = 0;
  #revoked: TokenFailure | undefined;
  #inFlight: Promise<string> | undefined;
  #cancelTimer = () => {};
  #isStopped = false;

  constructor(auth: OAuth2Auth, options: AccessTokensOptions) {
    this.#auth = auth;
    this.#options = options;
    this.#refresh = options.refresh ?? refreshAccessToken;
    this.#refreshToken = startingRefreshToken(auth.stateFile, auth.refreshToken.reveal());
  }

  /** An access token that is good for a while yet, refreshed first when it is not. */
  current(): Promise<string> {
    if (this.#accessToken !== undefined && this.#options.timers.now() < this.#expiresAt - this.#margin()) {
      return Promise.resolve(this.#accessToken);
    }
    return this.renew();
  }

  /** A fresh access token, whatever the old one's expiry says (the server just refused it). */
  renew(): Promise<string> {
    if (this.#revoked) return Promise.reject(this.#revoked);
    this.#inFlight ??= this.#renew().finally(() => { this.#inFlight = undefined; });
    return this.#inFlight;
  }

  stop(): void {
    this.#isStopped = true;
    this.#cancelTimer();
  }

  async #renew(): Promise<string> {
    let grant: TokenGrant;
    try {
      grant = await this.#refresh(this.#auth, this.#refreshToken);
    } catch (error) {
      if (error instanceof TokenFailure && error.kind === 'revoked') {
        this.#revoked = error;
        this.#accessToken = undefined;
        this.#cancelTimer();
      }
      throw error;
    }
    const now = this.#options.timers.now();
    this.#accessToken = grant.accessToken;
    this.#expiresAt = now + grant.expiresInMs;
    this.#lifetimeMs = grant.expiresInMs;
    if (grant.refreshToken !== undefined) this.#rotated(grant.refreshToken);
    this.#schedule();
    return grant.accessToken;
  }

  /** Refreshes a little before expiry, so a reconnect never waits on the token endpoint or meets an expired token. */
  #schedule(): void {
    this.#cancelTimer();
    if (this.#isStopped) return;
    const delay = Math.max(1000, this.#expiresAt - this.#margin() - this.#options.timers.now());
    this.#cancelTimer = this.#options.timers.after(delay, () => {
      this.renew().catch((error: unknown) => {
        if (error instanceof TokenFailure && error.kind === 'revoked') this.#options.onRevoked?.(error);
        // Anything else is tried again at the next connection.
      });
    });
  }

  /** A tenth of the lifetime, at most a minute: an hour-long token is renewed a minute early, a 10 s one a second early. */
  #margin(): number {
    return Math.min(60_000, this.#lifetimeMs / 10);
  }

  #rotated(refreshToken: string): void {
    this.#refreshToken = refreshToken;
    this.#options.onRotated?.(refreshToken);
    const { stateFile } = this.#auth;
    if (stateFile === undefined) return;
    keepRefreshToken(stateFile, this.#auth.refreshToken.reveal(), refreshToken).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code ?? 'an error';
      this.#options.warn?.(`the new refresh token could not be written to ${stateFile} (${code}); it is kept until the server stops`);
    });
  }
}
