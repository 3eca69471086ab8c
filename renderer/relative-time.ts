const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function relativeTime(then: number, now: number): string {
  if (!Number.isFinite(then)) return '';
  // A server clock a little ahead of ours would otherwise say "in 3 s".
  const ago = Math.max(0, now - then);
  if (ago < 45_000) return 'just now';
  if (ago < hour) return `${Math.max(1, Math.floor(ago / minute))} min ago`;
  if (ago < day) return `${Math.floor(ago / hour)} h ago`;
  if (ago < 2 * day) return 'yesterday';
  if (ago < 30 * day) return `${Math.floor(ago / day)} days ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/** Seconds left until `at`, rounded up, never below 0. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
