import { newEpoch, type ChangeNumber, type Cursor } from '../cursor.ts';
import { newDeltaKey } from '../delta-cursor.ts';
import type { CountsAnswer, Mailbox, MailboxUpdate } from '../../../common/protocol.ts';
import { forScript, toMailbox } from './redis-boxes.ts';
import { RedisEpoch } from './redis-epoch.ts';
import { RedisHeartbeat } from './redis-heartbeat.ts';
import { parseChangeMessage } from './redis-change-message.ts';
import { RedisMirror } from './redis-mirror.ts';
import { sentinelRefusal } from './redis-errors.ts';
import { RedisFailover } from './redis-failover.ts';
import { keysFor, type RedisKeys } from './redis-keys.ts';
import { newInstanceName, RedisDenyList, redisLeases, RedisMessages } from './redis-leases.ts';
import { RedisLink } from './redis-link.ts';
import { RedisReads } from './redis-reads.ts';
import { setManyScript } from './redis-scripts.ts';
import { RedisWakeUps } from './redis-wake-ups.ts';
import { type Logger, silentLogger } from '../../log.ts';
import {
  StoreFullError, StoreUnavailableError,
  type ChangesAnswer, type DeclaredMailbox, type Leases, type ServedStore, type StoreHealth, type StoreStats, type View,
} from '../store.ts';
import type { SentinelConfig } from './redis-connections.ts';

export interface RedisStoreOptions {
  url: string;
  /** Instead of `url`: a primary and replicas found through Redis Sentinel. */
  sentinel?: SentinelConfig;
  /** Put before every key and the channel, so several deployments can share one Redis. */
  prefix: string;
  maxMailboxes: number;
  log?: Logger;
  now?: () => Date;
  /** How often the subscription is proven live and a lost epoch (a flush) is looked for. */
  heartbeatMs?: number;
  /** How long a probe may take to come back before the store reports itself degraded. */
  probeTimeoutMs?: number;
  /** The first pause before reconnecting to Redis (tests make it long to be sure a message is missed). */
  reconnectDelayMs?: number;
  /** How long a change waits for a replica to confirm it before ingest answers 503 (when the primary has replicas). */
  replicaAckMs?: number;
}

/**
 * The store shared by many instances (DESIGN.md, "Many instances"). The data,
 * the per-mailbox versions and the epoch live in Redis and change only
 * through the scripts in lua/; pub/sub carries which mailboxes changed and
 * how they are now, to wake instances (redis-wake-ups.ts) and answer their
 * polls without a read (redis-mirror.ts). Reads are in
 * redis-reads.ts, the epoch and what to declare again in redis-epoch.ts, the
 * heartbeat (liveness, a lost epoch, the deny list, /metrics) in redis-heartbeat.ts.
 */
export class RedisStore implements ServedStore {
  readonly leases: Leases;
  readonly denyList: RedisDenyList;
  readonly messages: RedisMessages;
  readonly #link: RedisLink;
  readonly #keys: RedisKeys;
  readonly #options: Required<Omit<RedisStoreOptions, 'url' | 'sentinel' | 'prefix' | 'reconnectDelayMs'>>;
  readonly #epoch: RedisEpoch;
  readonly #reads: RedisReads;
  readonly #wakeUps: RedisWakeUps;
  /** What the change messages and reads said, while no message can have been missed: polls are held and woken polls answered from it without a read. */
  readonly #mirror = new RedisMirror();
  /** Each list view's last answer, to answer a timed-out poll while Redis is unreachable. */
  readonly #lastAnswers = new WeakMap<readonly string[], CountsAnswer>();
  #lastAnswerOfAll: CountsAnswer | undefined;
  /** The delta key of the epoch this instance last read it for; one round trip per epoch. */
  #deltaKey: { epoch: string; key: Buffer } | undefined;
  readonly #heartbeat: RedisHeartbeat;
  readonly #failover: RedisFailover;

  private constructor(options: RedisStoreOptions) {
    this.#keys = keysFor(options.prefix);
    const log = options.log ?? silentLogger;
    const now = options.now ?? (() => new Date());
    this.#options = {
      maxMailboxes: options.maxMailboxes, log, now, heartbeatMs: options.heartbeatMs ?? 1000, probeTimeoutMs: options.probeTimeoutMs ?? 2000,
      replicaAckMs: options.replicaAckMs ?? 1000,
    };
    this.#link = new RedisLink({
      url: options.url,
      ...(options.sentinel ? { sentinel: options.sentinel } : {}),
      channel: this.#keys.channel,
      log,
      onMessage: (text) => this.#onMessage(text),
      onNotice: (text) => this.messages.receive(text),
      onResubscribed: () => this.#recheckAll(),
      ...(options.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: options.reconnectDelayMs }),
      // The new primary's data decides the epoch before anything is read from it.
      onPromoted: () => this.#failover.check(),
    });
    // Every held poll's cursor names the old epoch: a new one answers all of them.
    this.#epoch = new RedisEpoch(this.#link, this.#keys, { now, log, onNew: () => this.#recheckAll() });
    this.#failover = new RedisFailover(this.#link, this.#keys, { epoch: this.#epoch, log });
    this.#reads = new RedisReads(this.#link, this.#keys, this.#epoch);
    this.#wakeUps = new RedisWakeUps((answerViews, cursorViews) => this.#wokenStates(answerViews, cursorViews), log);
    const instance = newInstanceName();
    this.leases = redisLeases(this.#link, this.#keys, instance);
    this.messages = new RedisMessages(this.#link, instance);
    this.denyList = new RedisDenyList(this.#link, this.#keys);
    this.#heartbeat = new RedisHeartbeat(this.#link, this.#keys, {
      epoch: this.#epoch, failover: this.#failover, denyList: this.denyList, log, everyMs: this.#options.heartbeatMs, probeTimeoutMs: this.#options.probeTimeoutMs,
      onBack: () => this.#recheckAll(),
    });
  }

  /**
   * Connects and reads (or makes) the epoch; rejects with StoreUnavailableError
   * when Redis cannot be reached or cannot serve the store (a user without
   * scripting, a cluster node, a Sentinel), having closed what it opened: a
   * failed start must leave nothing that keeps the process alive.
   */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(options);
    await store.#link.connect();
    try {
      await store.#epoch.start();
      await store.#heartbeat.beat();
    } catch (error) {
      // A Sentinel answers PING and SUBSCRIBE like a Redis, then knows no other command.
      const isSentinel = await store.#link.mode() === 'sentinel';
      await store.close();
      throw isSentinel ? new StoreUnavailableError(sentinelRefusal) : error;
    }
    store.#heartbeat.start();
    return store;
  }

  declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    return this.#epoch.declare(mailboxes);
  }

  forget(ids: readonly string[]): Promise<void> {
    return this.#epoch.forget(ids);
  }

  async setMany(updates: readonly MailboxUpdate[]): Promise<string[]> {
    if (updates.length === 0) return [];
    return (await this.#set(updates, false)).changed;
  }

  /** A PUT's update: the script also returns the mailbox as it stored it, so no read follows. */
  async setShown(update: MailboxUpdate): Promise<{ changed: boolean; mailbox: Mailbox }> {
    const { changed, shown } = await this.#set([update], true);
    const [id, box] = shown;
    return { changed: changed.length > 0, mailbox: toMailbox(id!, box, '') };
  }

  async #set(updates: readonly MailboxUpdate[], isShown: boolean): Promise<{ changed: string[]; shown: string[] }> {
    const reply = await this.#link.script(setManyScript, this.#keys.data, [
      newEpoch(), this.#options.now().toISOString(), String(this.#options.maxMailboxes), this.#link.publish, JSON.stringify(updates.map(forScript)),
      ...(isShown ? ['shown'] : []),
    ]) as string[];
    if (reply[0] === 'full') throw new StoreFullError(`this server holds at most ${this.#options.maxMailboxes} mailboxes`);
    const end = isShown ? reply.indexOf('', 1) : reply.length;
    const epoch = reply[0]!;
    const changed = reply.slice(1, end);
    this.#epoch.notice(epoch);
    // A change is acknowledged only once a replica has it too: a failover then
    // promotes a replica that holds every answered change (Sentinel promotes the
    // most up-to-date one). WAIT counts this connection's writes, the script's
    // among them. No replica in time: 503, and the client sends it again (a set is
    // idempotent).
    if (changed.length > 0) await this.#failover.awaitReplica(this.#options.replicaAckMs);
    return { changed, shown: isShown ? reply.slice(end + 1) : [] };
  }

  async snapshot(view: View): Promise<CountsAnswer> {
    try {
      const { answers: [answer] } = await this.#readStates([view], []);
      return answer!;
    } catch (error) {
      // A held poll that times out while Redis is away is answered as usual with what was last known.
      const last = view === '*' ? this.#lastAnswerOfAll : this.#lastAnswers.get(view);
      if (error instanceof StoreUnavailableError && last) return last;
      throw error;
    }
  }

  /**
   * The state is in Redis: known at once only while a read wakes the view's
   * held polls (redis-wake-ups.ts), which are then all answered from it.
   */
  snapshotNow(view: View): CountsAnswer | undefined {
    return this.#wakeUps.answerOf(view);
  }

  changes(view: View, sinceSeq: ChangeNumber | undefined): Promise<ChangesAnswer> {
    // Several change numbers are a cluster's (cluster-store.ts), never this store's: the whole state.
    return this.#reads.changes(view, typeof sinceSeq === 'number' ? sinceSeq : undefined);
  }

  /** Without a round trip when the mirror has the view (redis-mirror.ts): read by this instance or sent in a change message, and no message missed since. */
  async cursor(view: View): Promise<Cursor> {
    return this.#knownCursor(view) ?? this.#readCursor(view);
  }

  /**
   * Every instance reads the same Redis, so a cursor ahead of it was made
   * before a failover from a change the promoted replica never got: looking
   * at the primary now ends that epoch (redis-failover.ts) if this instance
   * has not yet, and the cursor is answered at once instead of refused.
   */
  async caughtUp(view: View): Promise<Cursor> {
    await this.#failover.check().catch(() => undefined);
    return this.#readCursor(view);
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    const known = this.#knownCursor(view);
    return this.#wakeUps.watch(view, since, onChange, known !== undefined && known.epoch === since.epoch && known.version === since.version);
  }

  /**
   * A cursor this instance may trust without asking Redis (redis-mirror.ts);
   * none while a failover is settled or Redis cannot be used, so a poll then is
   * refused (503) as before instead of held on what Redis said earlier.
   */
  #knownCursor(view: View): Cursor | undefined {
    if (!this.#isTrusted) return undefined;
    return this.#mirror.cursor(view);
  }

  /** Whether what this instance learned from Redis may stand in for a read: not while a failover is settled or Redis cannot be used. */
  get #isTrusted(): boolean {
    return this.#link.failover === undefined && this.#heartbeat.isHealthy;
  }

  /**
   * The states of the views a wake-up checks: from the mirror when it has
   * every one (redis-mirror.ts), else all read from Redis in one read.
   */
  async #wokenStates(answerViews: readonly View[], cursorViews: readonly View[]): Promise<{ answers: CountsAnswer[]; cursors: Cursor[] }> {
    const mirrored = this.#isTrusted ? this.#mirror.states(answerViews, cursorViews) : undefined;
    if (!mirrored) return this.#readStates(answerViews, cursorViews);
    answerViews.forEach((view, i) => this.#rememberAnswer(view, mirrored.answers[i]!));
    return mirrored;
  }

  async #readCursor(view: View): Promise<Cursor> {
    const { cursors: [cursor] } = await this.#readStates([], [view]);
    return cursor!;
  }

  /** One read of Redis (redis-reads.ts `states`), which the mirror learns from when it saw the state the mirror holds. */
  async #readStates(answerViews: readonly View[], cursorViews: readonly View[]): Promise<{ answers: CountsAnswer[]; cursors: Cursor[] }> {
    const sentAt = this.#mirror.now();
    const read = await this.#reads.states(answerViews, cursorViews);
    this.#mirror.learn(sentAt, read);
    answerViews.forEach((view, i) => this.#rememberAnswer(view, read.answers[i]!));
    return read;
  }

  /** Woken polls are answered from the answers read or mirrored: each is the view's last answer, kept for when Redis is away. */
  #rememberAnswer(view: View, answer: CountsAnswer): void {
    if (view === '*') this.#lastAnswerOfAll = answer;
    else this.#lastAnswers.set(view, answer);
  }

  /** Any change may have been missed: nothing read before is trusted, and every held poll is checked. */
  #recheckAll(): void {
    this.#mirror.forgetAll();
    this.#wakeUps.recheckAll();
  }

  async deltaKeyOf(epoch: string): Promise<Buffer | undefined> {
    if (this.#deltaKey?.epoch === epoch) return this.#deltaKey.key;
    // Kept in the meta hash beside the epoch, so a flush that ends the epoch
    // takes its key too; the first instance to ask after that makes the next one.
    const [, [current, text]] = await this.#link.atomically([
      ['HSETNX', this.#keys.meta, 'deltaKey', newDeltaKey().toString('base64')],
      ['HMGET', this.#keys.meta, 'epoch', 'deltaKey'],
    ]) as [unknown, [string | null, string | null]];
    if (current !== epoch || !text) return undefined;
    this.#deltaKey = { epoch, key: Buffer.from(text, 'base64') };
    return this.#deltaKey.key;
  }

  async health(): Promise<StoreHealth> {
    const failover = this.#link.failover;
    if (failover !== undefined) return { status: 'degraded', reason: `the count store (Redis) is failing over: ${failover}` };
    try {
      await this.#link.probe(this.#options.probeTimeoutMs);
    } catch (error) {
      return { status: 'degraded', reason: `the count store (Redis) is not reachable: ${(error as Error).message}` };
    }
    try {
      // Reachable is not enough: reads must work too (they fail while data Redis lost cannot be restored).
      await this.#reads.cursors(['*']);
      return { status: 'ok' };
    } catch (error) {
      return { status: 'degraded', reason: `the count store (Redis) cannot be read: ${(error as Error).message}` };
    }
  }

  async stats(): Promise<StoreStats> {
    return this.#heartbeat.stats;
  }

  async close(): Promise<void> {
    this.#heartbeat.stop();
    this.#wakeUps.clear();
    await this.#link.close();
  }

  #onMessage(text: string): void {
    const message = parseChangeMessage(text);
    if (!message) return;
    if (message.epoch === this.#epoch.current) {
      this.#mirror.received(message, (id) => this.#wakeUps.isWatched(id));
      this.#wakeUps.changed(message.ids);
    }
    else this.#epoch.notice(message.epoch);
  }
}
