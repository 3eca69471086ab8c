/** How long to wait before reconnecting, and why not sooner. */

export interface Backoff {
  minMs: number;
  maxMs: number;
  /** After a refused login: slow, so the server does not lock the account. */
  authMs: number;
}

export const defaultBackoff: Backoff = { minMs: 1000, maxMs: 5 * 60_000, authMs: 15 * 60_000 };

/**
 * Exponential backoff with full jitter (a uniform pick between 0 and the
 * ceiling), so many accounts that lost one server do not all come back at the
 * same instant. `attempt` counts failures in a row, from 0.
 */
export function retryDelay(attempt: number, random: () => number, backoff: Backoff = defaultBackoff): number {
  const ceiling = Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
