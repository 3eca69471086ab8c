/**
 * How long to wait before retrying something that failed: the app's poll, the
 * bundled server's restart, a mail source's reconnect. One rule for all.
 */
export interface BackoffOptions {
  /** The shortest wait, and the first ceiling. */
  minMs: number;
  /** The ceiling stops doubling here. */
  maxMs: number;
  /** 0 <= random() < 1; passed in so tests can pin it. */
  random?: () => number;
}

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
