import type { Timers } from '../../server/sources/timers.ts';

interface Pending {
  at: number;
  ms: number;
  fn: () => void;
}

/** Timers that only move when told: `pending` shows what is scheduled and for how long. */
export class FakeTimers implements Timers {
  time = 0;
  readonly pending = new Set<Pending>();

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const entry = { at: this.time + ms, ms, fn };
    this.pending.add(entry);
    return () => { this.pending.delete(entry); };
  }

  /** The delays of everything scheduled, soonest first. */
  delays(): number[] {
    return [...this.pending].sort((a, b) => a.at - b.at).map((p) => p.ms);
  }

  /** Moves the clock to the soonest timer and runs it. */
  runNext(): void {
    const next = [...this.pending].sort((a, b) => a.at - b.at)[0];
    if (!next) throw new Error('no timer is pending');
    this.pending.delete(next);
    this.time = next.at;
    next.fn();
  }
}
