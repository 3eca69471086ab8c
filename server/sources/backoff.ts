/** How long to wait before retrying a failing source: doubling from `firstMs` up to `maxMs`. */
export interface BackoffOptions {
  firstMs: number;
  maxMs: number;
  /** 0 <= random() < 1; passed in so tests can pin it. */
  random?: () => number;
}

export const defaultBackoff: BackoffOptions = { firstMs: 1000, maxMs: 60_000 };

/**
 * The delay before retry number `attempt` (0 for the first). Half of it is
 * random so that many sources failing together (a database restart) do not
 * all come back in the same instant, and the other half keeps a retry from
 * landing at once after a failure.
 */
export function retryDelay(attempt: number, options: BackoffOptions): number {
  const cap = Math.min(options.maxMs, options.firstMs * 2 ** Math.min(attempt, 30));
  const random = options.random ?? Math.random;
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Counts consecutive failures; `reset` after a success. */
export class Backoff {
  readonly #options: BackoffOptions;
  #attempt = 0;

  constructor(options: BackoffOptions = defaultBackoff) {
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
