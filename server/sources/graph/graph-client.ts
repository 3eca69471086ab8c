import { retryAfterMs } from '../../../common/retry.ts';
import type { Timers } from '../../../common/timers.ts';

/**
 * Graph answered with an error (https://learn.microsoft.com/graph/errors):
 * its status, its `error.code` ("InvalidAuthenticationToken",
 * "ErrorItemNotFound", "syncStateNotFound" ...), its message, and how long it
 * asked to be left alone (429 and 503 carry `Retry-After`).
 */
export class GraphRefusal extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs: number | undefined;
  /** A 401 that came again with a freshly refreshed token: the grant is no good, only a new sign-in helps. */
  readonly isAfterRefresh: boolean;
  constructor(status: number, code: string, message: string, retryAfterMs: number | undefined, isAfterRefresh = false) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
    this.isAfterRefresh = isAfterRefresh;
  }
}

/** Graph handed out a link (nextLink, deltaLink) to somewhere else: the token is not sent there. */
export class GraphLinkRefused extends Error {}

/** Where access tokens come from: the source's AccessTokens, or a probe's one token. */
export interface TokenSource {
  /** A token good for a while yet. */
  current(): Promise<string>;
  /** A fresh one: Graph just refused the last. */
  renew(): Promise<string>;
}

export interface GraphClientOptions {
  /** Graph's root, `https://graph.microsoft.com/v1.0`. */
  graphUrl: string;
  tokens: TokenSource;
  timers: Timers;
  /** Ends every request under way when the source stops. */
  signal: () => AbortSignal;
  timeoutMs: number;
}

/**
 * Requests to Graph as `/me`, with the account's access token: a 401 refreshes
 * the token once and asks again (a token can be revoked or expire before its
 * `expires_in` says); a second 401 is the grant's end.
 */
export class GraphClient {
  readonly #options: GraphClientOptions;
  readonly #origin: string;

  constructor(options: GraphClientOptions) {
    this.#options = options;
    this.#origin = new URL(options.graphUrl).origin;
  }

  /** GET a path under the root (`/me/mailFolders/inbox`) or a whole link Graph gave (`@odata.nextLink`). */
  async get<T>(pathOrLink: string, headers: Record<string, string> = {}): Promise<T> {
    return await this.#send('GET', pathOrLink, headers) as T;
  }

  async patch(path: string, body: unknown): Promise<void> {
    await this.#send('PATCH', path, { 'Content-Type': 'application/json' }, JSON.stringify(body));
  }

  async #send(method: string, pathOrLink: string, headers: Record<string, string>, body?: string): Promise<unknown> {
    const url = this.#urlOf(pathOrLink);
    const { tokens } = this.#options;
    let response = await this.#fetch(method, url, headers, await tokens.current(), body);
    if (response.status === 401) {
      await response.body?.cancel();
      response = await this.#fetch(method, url, headers, await tokens.renew(), body);
      if (response.status === 401) throw await this.#refusal(response, true);
    }
    if (!response.ok) throw await this.#refusal(response, false);
    if (response.status === 204) return undefined;
    return await response.json();
  }

  #urlOf(pathOrLink: string): string {
    if (pathOrLink.startsWith('/')) return `${this.#options.graphUrl}${pathOrLink}`;
    const url = new URL(pathOrLink);
    // A link is followed only to Graph itself: the access token must never go anywhere else.
    if (url.origin !== this.#origin) throw new GraphLinkRefused(`Graph gave a link to ${url.origin}, not ${this.#origin}; it is not followed`);
    return url.href;
  }

  #fetch(method: string, url: string, headers: Record<string, string>, token: string, body: string | undefined): Promise<Response> {
    return fetch(url, {
      method,
      headers: { ...headers, Authorization: `Bearer ${token}`, Accept: 'application/json' },
      ...(body === undefined ? {} : { body }),
      redirect: 'error',
      signal: AbortSignal.any([this.#options.signal(), AbortSignal.timeout(this.#options.timeoutMs)]),
    });
  }

  async #refusal(response: Response, isAfterRefresh: boolean): Promise<GraphRefusal> {
    const body = await response.json().catch(() => undefined) as { error?: { code?: unknown; message?: unknown } } | undefined;
    const code = typeof body?.error?.code === 'string' ? body.error.code.slice(0, 80) : '';
    const message = typeof body?.error?.message === 'string' ? body.error.message.slice(0, 200) : response.statusText;
    const wait = retryAfterMs(response.headers.get('retry-after') ?? undefined, this.#options.timers.now());
    return new GraphRefusal(response.status, code, message, wait, isAfterRefresh);
  }
}
