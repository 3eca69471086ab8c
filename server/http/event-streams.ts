import type { Timers } from '../../common/timers.ts';

/**
 * How an event stream ended: the server stops, a reload changed its client, the
 * client left, it read too slowly (`slow`), its token no longer works (`refused`,
 * at a later poll: expired or revoked), or the server failed (`failed`, logged).
 */
export type EventStreamEnd = 'shutdown' | 'access-changed' | 'gone' | 'slow' | 'refused' | 'failed';

/** What the heartbeat asks of each open stream (event-stream.ts). */
export interface HeartbeatTarget {
  /** Writes a heartbeat comment, or drops a stream whose buffer has not drained since the last heartbeat. */
  heartbeat(): void;
  /** Ends the stream as the server stops. */
  end(how: 'shutdown'): void;
}

/**
 * The open event streams of GET /v1/events, and their one heartbeat: a single
 * timer for all of them (not one per stream, as held-polls.ts has one per wait
 * length), running only while a stream is open. It runs on the injected
 * `timers`, so tests step it.
 */
export class EventStreams {
  readonly #streams = new Set<HeartbeatTarget>();
  readonly #timers: Timers;
  readonly #heartbeatMs: () => number;
  #cancelTick: (() => void) | undefined;
  readonly ended: Record<EventStreamEnd, number> = { shutdown: 0, 'access-changed': 0, gone: 0, slow: 0, refused: 0, failed: 0 };

  /** `heartbeatMs` is read at each beat, so a reload's `http.events.heartbeatSeconds` applies from the next one. */
  constructor(timers: Timers, heartbeatMs: () => number) {
    this.#timers = timers;
    this.#heartbeatMs = heartbeatMs;
  }

  get size(): number {
    return this.#streams.size;
  }

  add(stream: HeartbeatTarget): void {
    this.#streams.add(stream);
    this.#cancelTick ??= this.#timers.after(this.#heartbeatMs(), this.#tick);
  }

  /** The stream ended (once); the beat stops with the last one. */
  remove(stream: HeartbeatTarget, how: EventStreamEnd): void {
    if (!this.#streams.delete(stream)) return;
    this.ended[how] += 1;
    if (this.#streams.size > 0) return;
    this.#cancelTick?.();
    this.#cancelTick = undefined;
  }

  /** Ends every stream as the server stops; clients reconnect (to another instance, or to this one once it is back). */
  endAll(): void {
    for (const stream of [...this.#streams]) stream.end('shutdown');
  }

  readonly #tick = (): void => {
    this.#cancelTick = undefined;
    for (const stream of [...this.#streams]) stream.heartbeat();
    if (this.#streams.size > 0) this.#cancelTick = this.#timers.after(this.#heartbeatMs(), this.#tick);
  };
}
