import { describe, expect, it } from 'vitest';
import { Backoff, retryAfterMs, retryBounds, retryDelay } from '../../common/retry.ts';
import { formatDelay } from '../../common/timers.ts';

describe('how long a mail account waits before reconnecting', () => {
  const imap = (attempt: number, random: number) => retryDelay(attempt, { ...retryBounds.imapReconnect, random: () => random });

  it.each([
    [0, 1, 1000],
    [1, 1, 2000],
    [2, 1, 4000],
    [5, 1, 32_000],
    [8, 1, 256_000],
    [9, 1, 300_000],
    [50, 1, 300_000],
    [3, 0.5, 4500],
    [3, 0, 1000],
  ])('after %i failures in a row with random %f: %i ms', (attempt, random, expected) => {
    // random() is below 1, so the ceiling itself is never reached; 1 shows where it is, 0 the floor.
    expect(imap(attempt, random)).toBe(expected);
  });

  it('spreads retries over the whole range above 1 s (full jitter), so accounts do not come back in step', () => {
    const delays = Array.from({ length: 200 }, (_, i) => imap(4, i / 200));
    expect(Math.min(...delays)).toBe(1000);
    expect(Math.max(...delays)).toBeGreaterThan(15_000);
    expect(new Set(delays).size).toBe(200);
  });
});

describe('how long the app waits before polling again or restarting its server', () => {
  it.each([
    [0, 1000], [1, 2000], [5, 32_000], [6, 60_000], [40, 60_000],
  ])('after %i failures in a row the ceiling is %i ms (1 s up to 60 s)', (attempt, ceiling) => {
    expect(retryDelay(attempt, { ...retryBounds.app, random: () => 1 })).toBe(ceiling);
    expect(retryDelay(attempt, { ...retryBounds.app, random: () => 0 })).toBe(1000);
  });

  it('a Backoff climbs with each failure and starts over after a success', () => {
    const backoff = new Backoff({ ...retryBounds.app, random: () => 1 });
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([1000, 2000, 4000]);
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });
});

describe('a server\'s Retry-After', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');

  it.each([
    ['10', 10_000],
    [' 3 ', 3000],
    ['0', 0],
    ['Sat, 21 Nov 2026 12:00:30 GMT', 30_000],
    ['Sat, 21 Nov 2026 11:00:00 GMT', 0],
    ['999999', 3600_000],
  ])('"%s" means wait %i ms (never less than 0, never over an hour)', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });

  it.each([[undefined], [''], ['soon']])('%j is ignored', (header) => {
    expect(retryAfterMs(header, now)).toBeUndefined();
  });
});

describe('durations in error words', () => {
  it.each([
    [0, '1 s'], [400, '1 s'], [40_000, '40 s'], [89_000, '89 s'], [5 * 60_000, '5 min'], [15 * 60_000, '15 min'], [3 * 3600_000, '3 h'],
  ])('%i ms reads "%s"', (ms, words) => {
    expect(formatDelay(ms)).toBe(words);
  });
});
