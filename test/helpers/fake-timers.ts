import type { Timers } from '../../common/timers.ts';

interface Pending {
  at: number;
  ms: number;
  fn: () => void;
}

/**
 * Timers that only move when told: `pending` shows what is scheduled and
 * `delays()` for how long. Time moves by `runNext()` (to the soonest timer) or
 * by `advance`/`advanceTo`, which fire every timer due on the way, in time order.
 */
export class FakeTimers implements Timers {
  time: number;
  readonly pending = new Set<Pending>();
  /** How many timers were ever set: tells apart two timers of the same delay set one after the other. */
  setCount = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.time + Math.max(0, ms), ms, fn };
    this.setCount += 1;
    this.pending.add(entry);
    return () => { this.pending.delete(entry); };
  }

  /** The delays of everything scheduled, soonest first. */
  delays(): number[] {
    return this.#bySoonest().map((p) => p.ms);
  }

  /** Moves the clock to the soonest timer and runs it. */
  runNext(): void {
    const next = this.#bySoonest()[0];
    if (!next) throw new Error('no timer is pending');
    this.#run(next);
  }

  /** Moves time forward by `ms`, firing every timer that comes due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.#bySoonest().find((p) => p.at <= end);
      if (!due) break;
      this.#run(due);
    }
    this.time = end;
  }

  /** Moves time forward to `time`, firing every timer that comes due on the way. */
  advanceTo(time: number): void {
    this.advance(time - this.time);
  }

  // Sorting is stable: timers due at the same time fire in the order they were set.
  #bySoonest(): Pending[] {
    return [...this.pending].sort((a, b) => a.at - b.at);
  }

  #run(entry: Pending): void {
    this.pending.delete(entry);
    this.time = entry.at;
    entry.fn();
  }
}
