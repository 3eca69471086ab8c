import { Backoff, retryBounds, type BackoffOptions } from '../../common/retry.ts';
import type { Logger } from '../log.ts';
import { realTimers, type Timers } from '../../common/timers.ts';

export interface RecountLoopOptions {
  /** Counts everything again; resolves false when it failed (the loop then retries with backoff). */
  recount: () => Promise<boolean>;
  /** How long after a poke to recount, so a burst of events costs one recount. */
  debounceMs: number;
  /** The longest time between two recounts, whatever the pokes say. */
  everyMs: number;
  /** Where a recount that throws (a bug, a full store) is reported; failures it expects are mailbox states. */
  log: Logger;
  backoff?: BackoffOptions;
  timers?: Timers;
}

/**
 * Runs a source's recount at start, soon after each poke (a file-system event,
 * a NOTIFY), and on a timer, because events can be lost: inotify drops them
 * when its queue overflows, and a NOTIFY sent while disconnected is gone.
 * Recounts never overlap; a poke during one asks for one more after it.
 * After a failure the next try comes with backoff, never later than `everyMs`.
 */
export class RecountLoop {
  readonly #options: RecountLoopOptions;
  readonly #timers: Timers;
  readonly #backoff: Backoff;
  /** Cancels the scheduled recount, when one is scheduled. */
  #cancelTimer: (() => void) | undefined;
  /** When the scheduled recount fires (ms since epoch), to tell whether a poke brings it closer. */
  #dueAt = Infinity;
  #running: Promise<void> | undefined;
  #isPokedWhileRunning = false;
  #isStopped = false;

  constructor(options: RecountLoopOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
    this.#backoff = new Backoff(options.backoff ?? retryBounds.recount);
  }

  /** Recounts now; resolves when that first recount is done. */
  async start(): Promise<void> {
    this.#isStopped = false;
    await this.#run();
  }

  /** Asks for a recount within `debounceMs`. */
  poke(): void {
    if (this.#isStopped) return;
    if (this.#running) {
      this.#isPokedWhileRunning = true;
      return;
    }
    this.#schedule(this.#options.debounceMs);
  }

  /** Stops the timer and waits for a recount under way. */
  async stop(): Promise<void> {
    this.#isStopped = true;
    this.#cancel();
    await this.#running;
  }

  #schedule(delayMs: number): void {
    const dueAt = this.#timers.now() + delayMs;
    if (this.#cancelTimer !== undefined && this.#dueAt <= dueAt) return;
    this.#cancel();
    this.#dueAt = dueAt;
    this.#cancelTimer = this.#timers.after(delayMs, () => {
      this.#cancelTimer = undefined;
      this.#dueAt = Infinity;
      void this.#run();
    });
  }

  #cancel(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#dueAt = Infinity;
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#isPokedWhileRunning = true;
      return this.#running;
    }
    this.#cancel();
    this.#isPokedWhileRunning = false;
    this.#running = (async () => {
      let isOk = false;
      try {
        isOk = await this.#options.recount();
      } catch (error) {
        this.#options.log.error({ err: error }, 'a recount failed');
      }
      this.#running = undefined;
      if (this.#isStopped) return;
      if (isOk) this.#backoff.reset();
      const next = isOk ? this.#options.everyMs : Math.min(this.#backoff.next(), this.#options.everyMs);
      this.#schedule(this.#isPokedWhileRunning ? Math.min(this.#options.debounceMs, next) : next);
      this.#isPokedWhileRunning = false;
    })();
    return this.#running;
  }
}
