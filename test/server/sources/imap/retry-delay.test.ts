import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../../server/sources/imap/retry-delay.ts';
import { formatDelay } from '../../../../server/timers.ts';

describe('how long an IMAP account waits before reconnecting', () => {
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
    expect(retryDelay(attempt, () => random)).toBe(expected);
  });

  it('spreads retries over the whole range above 1 s (full jitter), so accounts do not come back in step', () => {
    const delays = Array.from({ length: 200 }, (_, i) => retryDelay(4, () => i / 200));
    expect(Math.min(...delays)).toBe(1000);
    expect(Math.max(...delays)).toBeGreaterThan(15_000);
    expect(new Set(delays).size).toBe(200);
  });
});

describe('durations in error words', () => {
  it.each([
    [0, '1 s'], [400, '1 s'], [40_000, '40 s'], [89_000, '89 s'], [5 * 60_000, '5 min'], [15 * 60_000, '15 min'], [3 * 3600_000, '3 h'],
  ])('%i ms reads "%s"', (ms, words) => {
    expect(formatDelay(ms)).toBe(words);
  });
});
