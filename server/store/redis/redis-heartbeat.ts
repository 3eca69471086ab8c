import type { RedisEpoch } from './redis-epoch.ts';
import type { RedisFailover } from './redis-failover.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisDenyList } from './redis-leases.ts';
import type { RedisLink } from './redis-link.ts';
import type { Logger } from '../../log.ts';
import type { StoreStats } from '../store.ts';

export interface HeartbeatOptions {
  epoch: RedisEpoch;
  /** Reads the primary's replicas and notices a promoted replica. */
  failover: RedisFailover;
  denyList: RedisDenyList;
  log: Logger;
  everyMs: number;
  probeTimeoutMs: number;
  /** Redis answers again after it did not: changes may have been missed meanwhile. */
  onBack: () => void;
}

/**
 * The Redis store's heartbeat: proves the subscription live, notices a lost
 * epoch (a flush), refreshes the deny list and /metrics' figures, and says when
 * Redis is reachable again.
 */
export class RedisHeartbeat {
  stats: StoreStats = { mailboxes: { ok: 0, pending: 0, error: 0 }, changes: 0 };
  readonly #link: RedisLink;
  readonly #keys: RedisKeys;
  readonly #options: HeartbeatOptions;
  #timer: NodeJS.Timeout | undefined;
  #isHealthy = true;
  #isStopped = false;

  constructor(link: RedisLink, keys: RedisKeys, options: HeartbeatOptions) {
    this.#link = link;
    this.#keys = keys;
    this.#options = options;
  }

  /** False from a beat that could not use Redis until one that could. */
  get isHealthy(): boolean {
    return this.#isHealthy;
  }

  /** Beats every `everyMs` from now until `stop`. */
  start(): void {
    if (this.#isStopped) return;
    this.#timer = setTimeout(() => { this.beat().finally(() => this.start()); }, this.#options.everyMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#isStopped = true;
    clearTimeout(this.#timer);
  }

  /** One beat; a Redis that cannot be used is logged once, not thrown. */
  async beat(): Promise<void> {
    const { epoch: epochs, denyList, log } = this.#options;
    try {
      await this.#link.probe(this.#options.probeTimeoutMs);
      await this.#options.failover.check();
      const [epoch, total, states, denied] = await this.#link.atomically([
        ['HGET', this.#keys.meta, 'epoch'], ['GET', this.#keys.total], ['HGETALL', this.#keys.states], ['SMEMBERS', this.#keys.denied],
      ]) as [string | null, string | null, string[], string[]];
      denyList.refresh(denied);
      if (epoch === null) await epochs.recover();
      else epochs.notice(epoch);
      const byState = { ok: 0, pending: 0, error: 0 };
      for (let i = 0; i < states.length; i += 2) byState[states[i] as keyof typeof byState] = Number(states[i + 1]);
      this.stats = { mailboxes: byState, changes: Number(total ?? 0) };
      if (!this.#isHealthy) {
        log.info({}, 'Redis is reachable again');
        this.#isHealthy = true;
        this.#options.onBack();
      }
    } catch (error) {
      if (this.#isHealthy) log.warn({ err: (error as Error).message }, 'the count store (Redis) cannot be used; held polls stay held, ingest answers 503');
      this.#isHealthy = false;
    }
  }
}
