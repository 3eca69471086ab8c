import type { ConfiguredSource, Logger, Source, SourceContext, SourceState } from './sources/source.ts';
import type { Leases } from './store.ts';

/** The sources running in this process. */
export interface RunningSources {
  states(): SourceState[];
  /** The source running here that feeds the mailbox, for marking its messages read. */
  find(mailboxId: string): { type: string; source: Source } | undefined;
  /** Stops every source here (and gives up its lease, so another instance takes over at once). */
  stop(): Promise<void>;
}

export interface RunOptions {
  /** What a source is given to run with: the store, its logger. */
  contextFor: (source: ConfiguredSource) => SourceContext;
  /** Pause between starting one source and the next, so many IMAP logins do not land at once. */
  spacingMs: number;
}

/**
 * Starts one source after another, `spacingMs` apart. Starts are queued so a
 * caller (the lease loop) never waits for a slow login.
 */
class Starter {
  #queue: Promise<void> = Promise.resolve();
  #isFirst = true;
  readonly #spacingMs: number;

  constructor(spacingMs: number) {
    this.#spacingMs = spacingMs;
  }

  start(source: Source, isWanted: () => boolean): void {
    const pause = this.#isFirst ? 0 : this.#spacingMs;
    this.#isFirst = false;
    this.#queue = this.#queue.then(async () => {
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      if (isWanted()) await source.start();
    });
  }

  settled(): Promise<void> {
    return this.#queue.catch(() => {});
  }
}

/** The memory store's way: every configured source runs in this process. */
export function runAllSources(configured: readonly ConfiguredSource[], options: RunOptions): RunningSources {
  const starter = new Starter(options.spacingMs);
  const sources: Source[] = [];
  const byMailbox = new Map<string, { type: string; source: Source }>();
  let isStopping = false;
  for (const entry of configured) {
    const source = entry.create(options.contextFor(entry));
    sources.push(source);
    for (const { id } of entry.mailboxes) byMailbox.set(id, { type: entry.type, source });
    starter.start(source, () => !isStopping);
  }
  return {
    states: () => sources.map((s) => s.state()),
    find: (id) => byMailbox.get(id),
    async stop() {
      isStopping = true;
      await starter.settled();
      await Promise.allSettled(sources.map((s) => s.stop()));
    },
  };
}

export interface LeaseOptions extends RunOptions {
  leases: Leases;
  /** How long a lease lasts unrenewed; renewed five times in that span. */
  ttlMs: number;
  log: Logger;
}

interface Held {
  entry: ConfiguredSource;
  source: Source;
  /** Until when the lease is surely this instance's (counted from when the claim was sent). */
  validUntil: number;
}

/**
 * A shared store's way: each source runs on the one instance holding its
 * lease. Every instance tries to claim every source each `ttl / 5`; the holder
 * renews, the others are refused. A holder that cannot renew stops its source
 * well before the lease can run out, so no account is ever watched by two
 * instances; a holder that dies is replaced within about one `ttl`.
 */
export function runLeasedSources(configured: readonly ConfiguredSource[], options: LeaseOptions): RunningSources {
  const { leases, ttlMs, log } = options;
  const renewMs = Math.max(100, Math.floor(ttlMs / 5));
  const starter = new Starter(options.spacingMs);
  const held = new Map<string, Held>();
  let isStopping = false;
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> = Promise.resolve();

  const release = async (key: string, why: string) => {
    const entry = held.get(key);
    if (!entry) return;
    held.delete(key);
    log.info({ source: key, why }, 'stopping a source here');
    await entry.source.stop().catch(() => {});
  };

  const claimAll = async () => {
    for (const entry of configured) {
      if (isStopping) return;
      const sentAt = Date.now();
      let isHeld: boolean | undefined;
      try {
        isHeld = await leases.claim(entry.key, ttlMs);
      } catch {
        isHeld = undefined;
      }
      const mine = held.get(entry.key);
      if (isHeld === true && mine) mine.validUntil = sentAt + ttlMs;
      else if (isHeld === true && !isStopping) {
        const source = entry.create(options.contextFor(entry));
        held.set(entry.key, { entry, source, validUntil: sentAt + ttlMs });
        log.info({ source: entry.key }, 'took the lease of a source; starting it here');
        starter.start(source, () => held.get(entry.key)?.source === source);
      } else if (isHeld === false && mine) await release(entry.key, 'another instance holds its lease');
      // Renewal failed (Redis unreachable): stop while the lease is surely still ours.
      else if (isHeld === undefined && mine && Date.now() > mine.validUntil - 2 * renewMs) {
        await release(entry.key, 'its lease could not be renewed');
      }
    }
  };
  const schedule = () => {
    if (isStopping) return;
    timer = setTimeout(() => {
      tick = claimAll().finally(schedule);
    }, renewMs);
  };
  tick = claimAll().finally(schedule);

  return {
    states: () => [...held.values()].map((h) => h.source.state()),
    find(id) {
      for (const { entry, source } of held.values()) if (entry.mailboxes.some((m) => m.id === id)) return { type: entry.type, source };
      return undefined;
    },
    async stop() {
      isStopping = true;
      clearTimeout(timer);
      await tick;
      await starter.settled();
      const keys = [...held.keys()];
      await Promise.allSettled(keys.map((key) => release(key, 'the server is stopping')));
      await Promise.allSettled(keys.map((key) => leases.release(key)));
    },
  };
}
