import { randomUUID } from 'node:crypto';
import { mailProvider, type OAuthEndpoints, type ProviderId } from '../../common/mail-providers.ts';
import type { Translator, Words } from '../../common/i18n/translator.ts';
import type { Timers } from '../../common/timers.ts';
import { signInWithBrowser, type SignInOptions, type SignInOutcome, type SignInProblem, type SignInRequest } from './loopback-sign-in.ts';
import type { OAuthClient, OAuthClients } from './oauth-clients.ts';

/** A finished sign-in waiting for the form to be saved: the tokens stay here, in main; the window sees only its id and address. */
export interface PendingSignIn {
  provider: ProviderId;
  client: OAuthClient;
  address: string | undefined;
  refreshToken: string;
  accessToken: string;
  accessTokenExpiresAt: number;
}

/** What the window is told about a sign-in; it words `message` in its language. */
export type SignInView =
  | { ok: true; signInId: string; address: string | undefined; message: Words }
  | { ok: false; problem: SignInProblem | 'no-client'; message: Words };

export interface SignInStart {
  provider: ProviderId;
  /** The form's advanced field: the user's or admin's own client, over the one the build brings. */
  clientId?: string;
  clientSecret?: string;
  loginHint?: string;
}

export interface AccountSignInsOptions {
  openBrowser(url: string): void;
  timers: Timers;
  /** The app's translator as it is now: the browser tab's page after a sign-in speaks its language. */
  words: () => Translator;
  /** The client ids this build was made with (dist/main/oauth-clients.json). */
  builtInClients: OAuthClients;
  /** The providers' endpoints; tests point them at their own server. */
  endpointsFor?: (provider: ProviderId) => OAuthEndpoints | undefined;
  signIn?: (request: SignInRequest, options: SignInOptions) => Promise<SignInOutcome>;
  /** A finished sign-in that no save takes within this time is forgotten (default 30 min). */
  keepMs?: number;
}

/**
 * The sign-ins the account form starts: one at a time (a new one cancels the
 * one before), each kept in memory until the form is saved with it, cancelled,
 * or it runs out. Nothing reaches the settings file from here: a sign-in that
 * is never saved leaves nothing behind.
 */
export class AccountSignIns {
  readonly #options: AccountSignInsOptions;
  readonly #pending = new Map<string, { signIn: PendingSignIn; forget: () => void }>();
  #running: AbortController | undefined;

  constructor(options: AccountSignInsOptions) {
    this.#options = options;
  }

  /** The client a sign-in with this provider would use, or undefined when there is none. */
  clientFor(start: Pick<SignInStart, 'provider' | 'clientId' | 'clientSecret'>): OAuthClient | undefined {
    const own = start.clientId?.trim();
    if (own) return start.clientSecret?.trim() ? { clientId: own, clientSecret: start.clientSecret.trim() } : { clientId: own };
    // Graph's sign-in is Microsoft's: one app registration holds both the IMAP and the Graph permission.
    const provider = start.provider === 'microsoft-graph' ? 'microsoft' : start.provider;
    return this.#options.builtInClients[provider];
  }

  async start(start: SignInStart): Promise<SignInView> {
    const provider = mailProvider(start.provider);
    const endpoints = this.#options.endpointsFor?.(start.provider) ?? provider.oauth;
    if (!endpoints) return { ok: false, problem: 'no-client', message: { key: 'account.signIn.passwordOnly', values: { provider: provider.label } } };
    const client = this.clientFor(start);
    if (!client) {
      return {
        ok: false, problem: 'no-client',
        message: { key: 'account.signIn.noClient', values: { provider: provider.label } },
      };
    }
    this.cancel();
    const running = new AbortController();
    this.#running = running;
    const signIn = this.#options.signIn ?? signInWithBrowser;
    const outcome = await signIn(
      { endpoints, clientId: client.clientId, ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}), ...(start.loginHint ? { loginHint: start.loginHint } : {}) },
      { openBrowser: this.#options.openBrowser, timers: this.#options.timers, signal: running.signal, words: this.#options.words() },
    );
    if (this.#running === running) this.#running = undefined;
    if (!outcome.ok) return outcome;
    const signInId = randomUUID();
    const { timers } = this.#options;
    this.#pending.set(signInId, {
      signIn: {
        provider: start.provider, client, address: outcome.address, refreshToken: outcome.refreshToken,
        accessToken: outcome.accessToken, accessTokenExpiresAt: timers.now() + outcome.accessTokenExpiresInMs,
      },
      forget: timers.after(this.#options.keepMs ?? 30 * 60_000, () => this.#pending.delete(signInId)),
    });
    const message: Words = outcome.address
      ? { key: 'account.signIn.signedInAs', values: { address: outcome.address } }
      : { key: 'account.signIn.signedIn' };
    return { ok: true, signInId, address: outcome.address, message };
  }

  /** The user pressed Cancel while the browser was open. */
  cancel(): void {
    this.#running?.abort();
    this.#running = undefined;
  }

  get(signInId: string): PendingSignIn | undefined {
    return this.#pending.get(signInId)?.signIn;
  }

  /** Hands a sign-in over to be saved, and forgets it here. */
  take(signInId: string): PendingSignIn | undefined {
    const entry = this.#pending.get(signInId);
    if (!entry) return undefined;
    entry.forget();
    this.#pending.delete(signInId);
    return entry.signIn;
  }

  /** The provider rotated the refresh token while the sign-in waited (a "Test account" refresh): keep the new one. */
  rotate(signInId: string, refreshToken: string): void {
    const entry = this.#pending.get(signInId);
    if (entry) entry.signIn.refreshToken = refreshToken;
  }

  /** An access token from the sign-in that is still good, so "Test account" need not refresh (and rotate) the refresh token. */
  freshAccessToken(signInId: string): string | undefined {
    const signIn = this.get(signInId);
    return signIn && signIn.accessTokenExpiresAt - 60_000 > this.#options.timers.now() ? signIn.accessToken : undefined;
  }
}
