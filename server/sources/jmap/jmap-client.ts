import type { JmapConfig } from './jmap-config.ts';

/** What the source needs of the session resource (RFC 8620 2). */
export interface JmapSession {
  apiUrl: string;
  /** A URI template (RFC 6570 level 1) with {types}, {closeafter} and {ping}; undefined when the server offers none. */
  eventSourceUrl?: string;
  /** The account that holds the user's mail (primaryAccounts["urn:ietf:params:jmap:mail"]). */
  accountId: string;
}

/** One method call or response: [name, arguments, call id]. */
export type Invocation = [string, Record<string, unknown>, string];

/** The server answered with an HTTP status other than success. */
export class JmapHttpError extends Error {
  readonly status: number;
  /** Which request: the session, an API call, or the push stream. */
  readonly request: 'session' | 'api' | 'push';
  /** RFC 7807's `type` of a JMAP request-level error (urn:ietf:params:jmap:error:limit ...), when the body has one. */
  readonly problemType: string | undefined;
  constructor(request: JmapHttpError['request'], status: number, problemType?: string) {
    super(`the JMAP ${request} request was answered ${status}${problemType ? ` (${problemType})` : ''}`);
    this.request = request;
    this.status = status;
    this.problemType = problemType;
  }
}

/** The server answered, but not as a JMAP server does: words for a person, never the body itself. */
export class JmapAnswerError extends Error {}

/** A method answered with an error invocation (RFC 8620 3.6.2): its `type`, such as accountNotFound. */
export class JmapMethodError extends Error {
  readonly type: string;
  constructor(method: string, type: string, description?: string) {
    super(`${method} failed: ${type}${description ? ` (${description.slice(0, 120)})` : ''}`);
    this.type = type;
  }
}

export interface JmapClientOptions {
  /** The Authorization header's value now. */
  authorization(): Promise<string>;
  /** After a 401 with an OAuth2 token: a fresh one (undefined where nothing can be renewed). */
  renewed?(): Promise<string>;
  /** Ends every request under way when the source stops (a new signal on each start). */
  signal(): AbortSignal;
  timeoutMs: number;
}

const capabilities = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'];
// A session or API answer bigger than this is no answer to what the source asks.
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** The HTTP side of JMAP: finding the session, and method calls against its API (RFC 8620 3). */
export class JmapClient {
  readonly #config: JmapConfig;
  readonly #options: JmapClientOptions;

  constructor(config: JmapConfig, options: JmapClientOptions) {
    this.#config = config;
    this.#options = options;
  }

  /** Fetches the session resource, following the redirect that /.well-known/jmap may give (RFC 8620 2.2). */
  async session(): Promise<JmapSession> {
    const response = await this.#send('session', this.#config.sessionUrl, { method: 'GET', headers: { Accept: 'application/json' } });
    const body = await readJson(response, 'session');
    const session = body as { apiUrl?: unknown; eventSourceUrl?: unknown; primaryAccounts?: Record<string, unknown>; capabilities?: Record<string, unknown> };
    const accountId = session.primaryAccounts?.['urn:ietf:params:jmap:mail'];
    if (typeof session.apiUrl !== 'string' || typeof session.capabilities !== 'object' || session.capabilities === null) {
      throw new JmapAnswerError(`${new URL(response.url || this.#config.sessionUrl).host} does not answer as a JMAP server (no session resource at ${this.#config.sessionUrl})`);
    }
    if (!('urn:ietf:params:jmap:mail' in session.capabilities) || typeof accountId !== 'string') {
      throw new JmapAnswerError(`the JMAP server offers no mail account to ${this.#config.user}`);
    }
    // Relative URLs are resolved against the session resource's own address.
    const base = response.url || this.#config.sessionUrl;
    const result: JmapSession = { apiUrl: new URL(session.apiUrl, base).href, accountId };
    if (typeof session.eventSourceUrl === 'string') result.eventSourceUrl = new URL(session.eventSourceUrl, base).href;
    return result;
  }

  /** Sends method calls in one request and returns their responses, failing on the first error invocation. */
  async call(session: JmapSession, calls: Invocation[]): Promise<Invocation[]> {
    const response = await this.#send('api', session.apiUrl, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ using: capabilities, methodCalls: calls }),
    });
    const body = await readJson(response, 'api') as { methodResponses?: unknown };
    if (!Array.isArray(body.methodResponses)) throw new JmapAnswerError('the JMAP server answered a request without methodResponses');
    const responses = body.methodResponses as Invocation[];
    for (const [name, args, callId] of responses) {
      if (name !== 'error') continue;
      const method = calls.find((call) => call[2] === callId)?.[0] ?? 'a method';
      throw new JmapMethodError(method, String(args.type), typeof args.description === 'string' ? args.description : undefined);
    }
    return responses;
  }

  /** Opens the push stream (RFC 8620 7.3) at a URL made from the session's template. */
  async openStream(url: string, signal: AbortSignal): Promise<Response> {
    return this.#send('push', url, { method: 'GET', headers: { Accept: 'text/event-stream' } }, signal);
  }

  /** One request with the account's credentials; an OAuth2 token the server refuses is renewed once. */
  async #send(request: JmapHttpError['request'], url: string, init: RequestInit, streamSignal?: AbortSignal): Promise<Response> {
    const attempt = async (authorization: string) => {
      // A stream may stay open for hours: only its start is timed, by its reader.
      const signal = streamSignal ?? AbortSignal.any([this.#options.signal(), AbortSignal.timeout(this.#options.timeoutMs)]);
      return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: authorization }, signal, redirect: 'follow' });
    };
    let response = await attempt(await this.#options.authorization());
    if (response.status === 401 && this.#options.renewed) {
      await response.body?.cancel();
      response = await attempt(await this.#options.renewed());
    }
    if (!response.ok || response.status === 204) {
      const problem = await response.text().then((text) => (JSON.parse(text) as { type?: unknown }).type, () => undefined).catch(() => undefined);
      throw new JmapHttpError(request, response.status, typeof problem === 'string' ? problem.slice(0, 80) : undefined);
    }
    return response;
  }
}

async function readJson(response: Response, request: 'session' | 'api'): Promise<Record<string, unknown>> {
  const length = Number(response.headers.get('content-length'));
  if (length > MAX_ANSWER_BYTES) {
    await response.body?.cancel();
    throw new JmapAnswerError(`the JMAP ${request} answer is ${length} bytes, more than Mailtray reads`);
  }
  const text = await response.text();
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Worded below.
  }
  throw new JmapAnswerError(`${new URL(response.url).host} does not answer as a JMAP server (the ${request} answer is not a JSON object)`);
}
