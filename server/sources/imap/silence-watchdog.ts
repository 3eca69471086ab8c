import { formatDelay, type Timers } from '../../../common/timers.ts';

/**
 * Something arrived, so the connection lives. If nothing at all arrives for
 * the IDLE re-issue interval plus a margin (an IDLE that died without an
 * error), the connection is to be dropped and made again.
 */
export class SilenceWatchdog {
  readonly #timers: Timers;
  readonly #limitMs: number;
  #lastHeardAt = 0;
  #cancel = () => {};

  constructor(timers: Timers, idleRestartMs: number) {
    this.#timers = timers;
    this.#limitMs = idleRestartMs + Math.min(60_000, idleRestartMs / 2);
  }

  /** Heard from the server now; `onSilent` gets how long it was silent if nothing more comes in time. */
  heard(onSilent: (silentFor: string) => void): void {
    this.#lastHeardAt = this.#timers.now();
    this.#cancel();
    this.#cancel = this.#timers.after(this.#limitMs, () => onSilent(formatDelay(this.#timers.now() - this.#lastHeardAt)));
  }

  cancel(): void {
    this.#cancel();
  }
}
