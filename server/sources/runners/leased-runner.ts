import type { ConfiguredSource, Source, SourceContext, SourceReport, SourceState } from '../source.ts';
import type { Logger } from '../../log.ts';
import type { Leases } from '../../store/store.ts';

export interface LeasedRunnerOptions {
  leases: Leases;
  /** What a source is given to run with: the store, its logger. */
  contextFor: (configured: ConfiguredSource) => SourceContext;
  /** How long a lease lasts unrenewed; renewed five times in that span. */
  ttlMs: number;
  /** Pause between starting one source and the next, so many IMAP logins do not land at once. */
  spacingMs: number;
  log: Logger;
}

/** Looks (one each `ttl / 5`) that find a source's lease free before an instance past its share takes it anyway. */
const LEFT_OVER_ROUNDS = 3;

interface Held {
  configured: ConfiguredSource;
  source: Source;
  /** Until when the lease is surely this instance's (counted from when the claim was sent). */
  validUntil: number;
}

/**
 * A shared store's sources (DESIGN.md, "Many instances"): each runs on the one
 * instance holding its lease. Every instance says it is present and tries to
 * claim sources each `ttl / 5`; the holder renews, the others are refused.
 * Leases are shared out fairly: an instance takes new sources only while it
 * holds fewer than its share (the sources divided by the instances present,
 * rounded up), and one holding more than its share, as the first to start
 * does once others join, hands the rest over. A holder that cannot renew
 * stops its source well before the lease can run out, so no account is ever
 * watched by two instances; a holder that dies is replaced within about one
 * `ttl`, and one that stops hands its sources over at once.
 * Same shape as InProcessRunner (the memory store's way); startSources (start-sources.ts) picks between them.
 */
export class LeasedRunner {
  readonly #options: LeasedRunnerOptions;
  readonly #renewMs: number;
  readonly #held = new Map<string, Held>();
  #configured: readonly ConfiguredSource[] = [];
  #starts: Promise<void> = Promise.resolve();
  #startsQueued = 0;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();
  #isStopped = false;
  /** For each source beyond this instance's share: how many looks in a row found its lease free. */
  readonly #freeRounds = new Map<string, number>();
  /** How many instances run sources, as last read; 1 until then. */
  #instances = 1;

  constructor(options: LeasedRunnerOptions) {
    this.#options = options;
    this.#renewMs = Math.max(100, Math.floor(options.ttlMs / 5));
  }

  start(configured: readonly ConfiguredSource[]): void {
    this.#configured = configured;
    this.#tick = this.#claimAll().finally(() => this.#schedule());
  }

  async reload(next: readonly ConfiguredSource[]): Promise<{ kept: number; stopped: number; started: number }> {
    const nextKeys = new Set(next.map((c) => c.key));
    const before = new Set(this.#configured.map((c) => c.key));
    const gone = [...this.#held.keys()].filter((key) => !nextKeys.has(key));
    this.#configured = next;
    await Promise.allSettled(gone.map(async (key) => {
      await this.#release(key, 'its config entry changed or went');
      await this.#options.leases.release(key);
    }));
    const kept = next.filter((c) => before.has(c.key)).length;
    return { kept, stopped: before.size - kept, started: next.length - kept };
  }

  sourceOf(mailboxId: string): { type: string; source: Source } | undefined {
    for (const { configured, source } of this.#held.values()) {
      if (configured.mailboxes.some((m) => m.id === mailboxId)) return { type: configured.type, source };
    }
    return undefined;
  }

  /** The sources running here; the others run on other instances. */
  states(): SourceState[] {
    return [...this.#held.values()].map((h) => h.source.state());
  }

  async reports(): Promise<SourceReport[]> {
    return [...this.#held.values()].map(({ configured, source }) => {
      const report: SourceReport = { type: configured.type, at: configured.at, state: source.state() };
      const error = report.state === 'error' ? source.problem?.() : undefined;
      if (error !== undefined) report.error = error;
      const note = source.note?.();
      if (note !== undefined) report.note = note;
      return report;
    });
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    clearTimeout(this.#timer);
    await this.#tick;
    await this.#starts.catch(() => {});
    const keys = [...this.#held.keys()];
    await Promise.allSettled(keys.map((key) => this.#release(key, 'the server is stopping')));
    // Gone from the instances first, so the others' shares grow before the leases come free.
    await this.#options.leases.leave().catch(() => {});
    await Promise.allSettled(keys.map((key) => this.#options.leases.release(key)));
  }

  #schedule(): void {
    if (this.#isStopped) return;
    this.#timer = setTimeout(() => { this.#tick = this.#claimAll().finally(() => this.#schedule()); }, this.#renewMs);
  }

  async #claimAll(): Promise<void> {
    const { leases, ttlMs } = this.#options;
    try {
      // An instance with no sources to run does not count among those that share them.
      if (this.#configured.length === 0) await leases.leave();
      else this.#instances = Math.max(1, await leases.present(ttlMs));
    } catch {
      // Redis unreachable: the claims below fail as well, and say what to stop.
    }
    const share = fairShare(this.#configured.length, this.#instances);
    for (const configured of this.#configured) {
      if (this.#isStopped) return;
      const mine = this.#held.get(configured.key);
      if (mine && this.#held.size > share) {
        // More than this instance's share (others joined since it took them): hand this one over.
        await this.#release(configured.key, `${this.#instances} instances share ${this.#configured.length} sources; this one runs ${share} at most`);
        await leases.release(configured.key).catch(() => {});
        continue;
      }
      // Its share is full: leave the others' sources to them, and unclaimed ones to an instance with room,
      // unless none took it for a few rounds (the others' configs lack it, or count an instance gone).
      if (!mine && this.#held.size >= share && !(await this.#isLeftOver(configured.key))) continue;
      const sentAt = Date.now();
      let isHeld: boolean | undefined;
      try {
        isHeld = await leases.claim(configured.key, ttlMs);
      } catch {
        isHeld = undefined;
      }
      if (isHeld === true && mine) mine.validUntil = sentAt + ttlMs;
      else if (isHeld === true && !this.#isStopped) this.#begin(configured, sentAt + ttlMs);
      else if (isHeld === false && mine) await this.#release(configured.key, 'another instance holds its lease');
      // Renewal failed (Redis unreachable): stop while the lease is surely still ours.
      else if (isHeld === undefined && mine && Date.now() > mine.validUntil - 2 * this.#renewMs) {
        await this.#release(configured.key, 'its lease could not be renewed');
      }
    }
  }

  /** Whether the source's lease has been free at each of the last LEFT_OVER_ROUNDS looks. */
  async #isLeftOver(key: string): Promise<boolean> {
    let holder: string | undefined;
    try {
      holder = await this.#options.leases.holder(key);
    } catch {
      return false;
    }
    const free = holder === undefined ? (this.#freeRounds.get(key) ?? 0) + 1 : 0;
    if (free === 0) this.#freeRounds.delete(key);
    else this.#freeRounds.set(key, free);
    return free >= LEFT_OVER_ROUNDS;
  }

  #begin(configured: ConfiguredSource, validUntil: number): void {
    const source = configured.create(this.#options.contextFor(configured));
    this.#held.set(configured.key, { configured, source, validUntil });
    this.#options.log.info({ source: configured.at }, 'took the lease of a source; starting it here');
    // Starts queue up a pause apart, and the lease loop never waits for a slow login.
    const pause = this.#startsQueued++ === 0 ? 0 : this.#options.spacingMs;
    this.#starts = this.#starts.then(async () => {
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      if (this.#held.get(configured.key)?.source === source) await source.start();
    }).catch(() => {});
  }

  async #release(key: string, why: string): Promise<void> {
    const held = this.#held.get(key);
    if (!held) return;
    this.#held.delete(key);
    this.#options.log.info({ source: held.configured.at, why }, 'stopping a source here');
    await held.source.stop().catch(() => {});
  }
}

/** The most sources one of `instances` instances runs: all of them share every source, none runs far more than another. */
export function fairShare(sources: number, instances: number): number {
  return Math.ceil(sources / Math.max(1, instances));
}
