import { newEpoch } from '../cursor.ts';
import type { RedisEpoch } from './redis-epoch.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisLink } from './redis-link.ts';
import { failoverScript } from './redis-scripts.ts';
import type { Logger } from '../../log.ts';
import { StoreUnavailableError } from '../store.ts';

/**
 * What the store must know of Redis replication (DESIGN.md, "More than one
 * Redis": a failover loses no acknowledged change and answers no poll twice):
 * how many replicas copy the primary, so a change is acknowledged only once
 * one has it (WAIT, redis-store.ts), and whether the primary is a promoted
 * replica, whose data may be behind what instances answered: then the epoch
 * ends (lua/failover.lua), and every client takes the whole state once.
 */
export class RedisFailover {
  /** The primary's replicas that are in sync, as it last said; 0 for a Redis without any. */
  replicas = 0;
  readonly #link: RedisLink;
  readonly #keys: RedisKeys;
  readonly #epoch: RedisEpoch;
  readonly #log: Logger;
  /** The replication id this instance last recorded the epoch under. */
  #replid = '';

  constructor(link: RedisLink, keys: RedisKeys, options: { epoch: RedisEpoch; log: Logger }) {
    this.#link = link;
    this.#keys = keys;
    this.#epoch = options.epoch;
    this.#log = options.log;
  }

  /**
   * After a change: when the primary has replicas, waits up to `ackMs` for one
   * to have it (WAIT 1), or refuses with StoreUnavailableError (ingest's 503).
   * Before refusing it reads the replicas again: a replica promoted in its
   * primary's place has none yet, and waiting for the one last read would
   * refuse every change until the heartbeat read them again.
   */
  async awaitReplica(ackMs: number): Promise<void> {
    if (this.replicas === 0) return;
    const copies = Number(await this.#link.call(['WAIT', '1', String(ackMs)]));
    if (copies >= 1) return;
    await this.check().catch(() => {});
    if (this.replicas === 0) return;
    throw new StoreUnavailableError(`no Redis replica confirmed the change within ${ackMs} ms; it may be lost in a failover, send it again`);
  }

  /** Reads the primary's replication state; ends the epoch when the primary is a promoted replica. */
  async check(): Promise<void> {
    const info = String(await this.#link.call(['INFO', 'replication'], { duringFailover: true }));
    const field = (name: string) => new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1] ?? '';
    // The Sentinels may name a replica for a moment (a failover they have not finished): no writes there.
    if (field('role') !== 'master') throw new StoreUnavailableError('the Redis server the store was sent to is a replica; waiting for the primary');
    // Only replicas that finished their first sync confirm writes (WAIT); one still syncing would fail every write for seconds.
    this.replicas = info.match(/^slave\d+:.*\bstate=online\b/gm)?.length ?? 0;
    const replid = field('master_replid');
    if (replid === this.#replid) return;
    const before = this.#epoch.current;
    const epoch = await this.#link.script(failoverScript, [this.#keys.meta, this.#keys.channel], [replid, field('master_replid2'), newEpoch(), this.#link.publish], {
      duringFailover: true,
    }) as string | null;
    this.#replid = replid;
    if (!epoch) return;
    if (before !== '' && epoch !== before) this.#log.warn({}, 'the Redis primary is a promoted replica; a new epoch began, so every client takes the whole state');
    this.#epoch.notice(epoch);
  }
}
