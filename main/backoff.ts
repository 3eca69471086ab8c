import { retryDelay } from '../server/backoff.ts';

export const MIN_RETRY_MS = 1000;
export const MAX_RETRY_MS = 60_000;
/** A server asking for more than an hour is more likely wrong than serious. */
const MAX_RETRY_AFTER_MS = 3600_000;

/** How long the app waits before retry number `attempt` (0 for the first): 1 s up to 60 s, full jitter. */
export function nextRetryDelay(attempt: number, random: () => number): number {
  return retryDelay(attempt, { minMs: MIN_RETRY_MS, maxMs: MAX_RETRY_MS, random });
}

/** A `Retry-After` header (RFC 9110 section 10.2.3: seconds or an HTTP date) in ms from `now`. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
