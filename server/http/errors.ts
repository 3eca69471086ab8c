/**
 * Every error status the server sends, with a stable `code`; the `message` is
 * the sentence for people. Node's and Fastify's own errors (a malformed request
 * line, oversized headers, a bad percent-escape) are answered with these too.
 */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  /** The mailbox's source cannot do what was asked now (a Maildir folder gone); the message is its own sentence. */
  source_failing: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  expectation_failed: 417,
  too_many_polls: 429,
  headers_too_large: 431,
  internal: 500,
  shutting_down: 503,
  access_changed: 503,
  store_unavailable: 503,
  /** Mark as read: the mailbox's source runs on another instance, which could not be asked or did not answer in time. */
  source_unreachable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.headers = headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export const badRequest = (message: string) => new HttpError('bad_request', message);
// Long enough for Redis to restart or fail over; short enough that a pushed count is not long late.
const RETRY_AFTER_STORE_SECONDS = 2;

/** The 503 while the shared store (Redis) cannot be used; `why` says what happened (a StoreUnavailableError's message). */
export const storeUnavailable = (why: string) => new HttpError('store_unavailable',
  `the count store cannot be used right now (${why}); nothing was changed, try again in a moment`, { 'Retry-After': String(RETRY_AFTER_STORE_SECONDS) });
export const shuttingDown = () => new HttpError('shutting_down', 'the server is stopping; try again in a moment', { 'Retry-After': '1' });
/** The 503 of a poll held when a reload removed or changed its client: the next poll meets the new config. */
export const accessChanged = () => new HttpError('access_changed', 'your access changed (the server reloaded its config); reconnect', { 'Retry-After': '1' });

/** The error of a held poll that ended without the counts: the server stops, or a reload changed its client. */
export function heldPollError(end: 'shutdown' | 'access-changed'): HttpError {
  return end === 'shutdown' ? shuttingDown() : accessChanged();
}

/** The 500 for a failure of the server's own, never of the request. */
export const internalError = () => new HttpError('internal', 'the server failed to answer; the problem is logged');
