import { retryDelay as backoffDelay, type BackoffOptions } from '../../backoff.ts';

/** How long to wait before reconnecting, and why not sooner. */
export interface Backoff extends BackoffOptions {
  /** After a refused login: slow, so the server does not lock the account. */
  authMs: number;
}

export const defaultBackoff: Backoff = { minMs: 1000, maxMs: 5 * 60_000, authMs: 15 * 60_000 };

/** The wait before reconnect number `attempt` (failures in a row, from 0): 1 s up to 5 min, full jitter. */
export function retryDelay(attempt: number, random: () => number, backoff: Backoff = defaultBackoff): number {
  return backoffDelay(attempt, { ...backoff, random });
}
