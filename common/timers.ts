/**
 * The clock and timers the server's sources and the app's main process run
 * on. Passed in (STYLE.md, "Options in, not globals") so tests can step
 * through backoff, watchdogs and bursts without waiting or mocking modules.
 * `setTimeout` and `Date` exist in Node and in the window alike.
 */
export interface Timers {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/** "40 s", "15 min", "2 h": how long, in words for a mailbox's error. */
export function formatDelay(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.round(minutes / 60)} h`;
}
