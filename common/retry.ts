/**
 * How long to wait before retrying something that failed: the app's poll, the
 * bundled server's restart, a source's recount, a mail account's reconnect.
 * One rule for all; only the bounds differ, and they are named here.
 */
export interface BackoffOptions {
  /** The shortest wait, and the first ceiling. */
  minMs: number;
  /** The ceiling stops doubling here. */
  maxMs: number;
  /** 0 <= random() < 1; passed in so tests can pin it. */
  random?: () => number;
}

/** The bounds each retrying part of the project uses. */
export const retryBounds = {
  /** The app's poll and the bundled server's restart: 1 s up to 60 s (DESIGN.md, "Connection"). */
  app: { minMs: 1000, maxMs: 60_000 },
  /** A source's recount (Maildir, counts file, SQL) after a failure. */
  recount: { minMs: 1000, maxMs: 60_000 },
  /** A mail account's reconnect: up to 5 min, so a mail server that is down is not hammered by every user. */
  imapReconnect: { minMs: 1000, maxMs: 5 * 60_000 },
} as const satisfies Record<string, BackoffOptions>;

/** A server asking for more than an hour is more likely wrong than serious. */
const MAX_RETRY_AFTER_MS = 3600_000;

/**
 * The delay before retry number `attempt` (0 for the first): exponential
 * backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
 * Jitter"), a uniform pick below a ceiling that doubles per failure, so many
 * clients cut off together do not come back together; never under `minMs`, so
 * a server that is down is not hammered.
 */
export function retryDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.minMs * 2 ** Math.min(attempt, 30));
  const random = options.random ?? Math.random;
  return Math.round(options.minMs + random() * (ceiling - options.minMs));
}

/** Counts failures in a row; `reset` after a success. */
export class Backoff {
  readonly #options: BackoffOptions;
  #attempt = 0;

  constructor(options: BackoffOptions) {
    this.#options = options;
  }

  /** The delay before the next retry; each call counts one more failure. */
  next(): number {
    return retryDelay(this.#attempt++, this.#options);
  }

  reset(): void {
    this.#attempt = 0;
  }
}

/** A `Retry-After` header (RFC 9110 section 10.2.3: seconds or an HTTP date) in ms from `now`. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
