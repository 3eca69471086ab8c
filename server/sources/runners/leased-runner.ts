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

interface Held {
  configured: ConfiguredSource;
  source: Source;
  /** Until when the lease is surely this instance's (counted from when the claim was sent). */
  validUntil: number;
}

/**
 * A shared store's sources (DESIGN.md, "Many instances"): each runs on the one
 * instance holding its lease. Every instance tries to claim every source each
 * `ttl / 5`; the holder renews, the others are refused. A holder that cannot
 * renew stops its source well before the lease can run out, so no account is
 * ever watched by two instances; a holder that dies is replaced within about
 * one `ttl`, and one that stops hands its sources over at once.
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
    await Promise.allSettled(keys.map((key) => this.#options.leases.release(key)));
  }

  #schedule(): void {
    if (this.#isStopped) return;
    this.#timer = setTimeout(() => { this.#tick = this.#claimAll().finally(() => this.#schedule()); }, this.#renewMs);
  }

  async #claimAll(): Promise<void> {
    const { leases, ttlMs } = this.#options;
    for (const configured of this.#configured) {
      if (this.#isStopped) return;
      const sentAt = Date.now();
      let isHeld: boolean | undefined;
      try {
        isHeld = await leases.claim(configured.key, ttlMs);
      } catch {
        isHeld = undefined;
      }
      const mine = this.#held.get(configured.key);
      if (isHeld === true && mine) mine.validUntil = sentAt + ttlMs;
      else if (isHeld === true && !this.#isStopped) this.#begin(configured, sentAt + ttlMs);
      else if (isHeld === false && mine) await this.#release(configured.key, 'another instance holds its lease');
      // Renewal failed (Redis unreachable): stop while the lease is surely still ours.
      else if (isHeld === undefined && mine && Date.now() > mine.validUntil - 2 * this.#renewMs) {
        await this.#release(configured.key, 'its lease could not be renewed');
      }
    }
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
