import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../common/retry.ts';
import { RecountLoop } from '../../../server/sources/recount-loop.ts';
import { silentLogger } from '../../../server/log.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

/** Lets the loop's promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function loopWith(results: boolean[], timers: FakeTimers) {
  const runs: number[] = [];
  let release: (() => void) | undefined;
  let isHeld = false;
  const loop = new RecountLoop({
    recount: async () => {
      runs.push(timers.now());
      if (isHeld) await new Promise<void>((resolve) => { release = resolve; });
      return results.shift() ?? true;
    },
    debounceMs: 50,
    everyMs: 60_000,
    backoff: { minMs: 1000, maxMs: 8000, random: () => 1 },
    timers,
    log: silentLogger,
  });
  return {
    loop, runs,
    hold: () => { isHeld = true; },
    release: () => { isHeld = false; release?.(); },
  };
}

describe('the recount loop', () => {
  it('recounts at start and then every minute when nothing happens', async () => {
    const timers = new FakeTimers();
    const { loop, runs } = loopWith([], timers);
    await loop.start();
    expect(timers.delays()).toEqual([60_000]);
    timers.runNext();
    await settle();
    expect(runs).toEqual([0, 60_000]);
    expect(timers.delays()).toEqual([60_000]);
  });

  it('turns a burst of pokes into one recount after the debounce', async () => {
    const timers = new FakeTimers();
    const { loop, runs } = loopWith([], timers);
    await loop.start();
    for (let i = 0; i < 100; i++) loop.poke();
    expect(timers.delays()).toEqual([50]);
    timers.runNext();
    await settle();
    expect(runs).toEqual([0, 50]);
    expect(timers.delays()).toEqual([60_000]);
  });

  it('never runs two recounts at once; a poke during one asks for one more', async () => {
    const timers = new FakeTimers();
    const { loop, runs, hold, release } = loopWith([], timers);
    await loop.start();
    hold();
    loop.poke();
    timers.runNext();
    await settle();
    loop.poke();
    loop.poke();
    expect(timers.delays()).toEqual([]);
    release();
    await settle();
    expect(timers.delays()).toEqual([50]);
    timers.runNext();
    await settle();
    expect(runs).toEqual([0, 50, 100]);
  });

  it('retries a failing recount with growing delays, then the usual timer once it works', async () => {
    const timers = new FakeTimers();
    const { loop } = loopWith([false, false, false, false, false, true], timers);
    await loop.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      delays.push(...timers.delays());
      timers.runNext();
      await settle();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(timers.delays()).toEqual([60_000]);
  });

  it('answers a poke at once while backing off (the file or folder may have come back)', async () => {
    const timers = new FakeTimers();
    const { loop } = loopWith([false], timers);
    await loop.start();
    expect(timers.delays()).toEqual([1000]);
    loop.poke();
    expect(timers.delays()).toEqual([50]);
  });

  it('logs a recount that throws and retries it like a failure', async () => {
    const timers = new FakeTimers();
    const errors: unknown[] = [];
    const loop = new RecountLoop({
      recount: async () => { throw new Error('the store is full'); },
      debounceMs: 50, everyMs: 60_000, timers,
      backoff: { minMs: 1000, maxMs: 8000, random: () => 1 },
      log: { ...silentLogger, error: (obj) => errors.push(obj) },
    });
    await loop.start();
    expect(errors).toEqual([{ err: new Error('the store is full') }]);
    expect(timers.delays()).toEqual([1000]);
  });

  it('schedules nothing after stop', async () => {
    const timers = new FakeTimers();
    const { loop } = loopWith([], timers);
    await loop.start();
    await loop.stop();
    loop.poke();
    expect(timers.delays()).toEqual([]);
  });
});

describe('retry delays', () => {
  it.each([
    [0, 0, 1000], [0, 0.999, 1000], [3, 0, 1000], [3, 1, 8000], [10, 0.5, 30_500], [100, 1, 60_000],
  ])('attempt %i with random %f waits %i ms', (attempt, random, ms) => {
    expect(retryDelay(attempt, { minMs: 1000, maxMs: 60_000, random: () => random })).toBe(ms);
  });
});
