import { realTimers, type Timers } from '../../common/timers.ts';

interface InfoLogger {
  info(obj: object, msg: string): void;
}

export interface RefusalLogOptions {
  /** One line per address this often at most. */
  perAddressMs?: number;
  /** And this many lines a minute at most in all, so a scan of many addresses cannot flood the log. */
  linesPerMinute?: number;
}

const MINUTE_MS = 60_000;
const MAX_ADDRESSES_KEPT = 10_000;

/**
 * Logs refused tokens at `info`, with the client's address and why, never the
 * token. Rate-limited: a client that keeps retrying with a revoked token, or a
 * scanner, is one line a minute, and the next line says how many were not
 * logged.
 */
export class RefusalLog {
  readonly #log: InfoLogger;
  readonly #timers: Timers;
  readonly #perAddressMs: number;
  readonly #linesPerMinute: number;
  readonly #lastLineAt = new Map<string, number>();
  #recentLines: number[] = [];
  #unlogged = 0;

  constructor(log: InfoLogger, timers: Timers = realTimers, options: RefusalLogOptions = {}) {
    this.#log = log;
    this.#timers = timers;
    this.#perAddressMs = options.perAddressMs ?? MINUTE_MS;
    this.#linesPerMinute = options.linesPerMinute ?? 20;
  }

  note(address: string, reason: string, where: string): void {
    const now = this.#timers.now();
    this.#recentLines = this.#recentLines.filter((at) => now - at < MINUTE_MS);
    const last = this.#lastLineAt.get(address);
    if ((last !== undefined && now - last < this.#perAddressMs) || this.#recentLines.length >= this.#linesPerMinute) {
      this.#unlogged += 1;
      return;
    }
    if (this.#lastLineAt.size >= MAX_ADDRESSES_KEPT) this.#forgetOlderThan(now - this.#perAddressMs);
    this.#lastLineAt.set(address, now);
    this.#recentLines.push(now);
    const fields = this.#unlogged > 0 ? { address, reason, where, notLoggedSince: this.#unlogged } : { address, reason, where };
    this.#unlogged = 0;
    this.#log.info(fields, 'refused a request for its token');
  }

  #forgetOlderThan(time: number): void {
    for (const [address, at] of this.#lastLineAt) if (at < time) this.#lastLineAt.delete(address);
    // Every address is recent: a scan from many addresses; keep the newest half.
    if (this.#lastLineAt.size >= MAX_ADDRESSES_KEPT) {
      [...this.#lastLineAt.keys()].slice(0, MAX_ADDRESSES_KEPT / 2).forEach((address) => this.#lastLineAt.delete(address));
    }
  }
}
