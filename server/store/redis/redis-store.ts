import { randomBytes } from 'node:crypto';
import { newEpoch, formatCursor, type Cursor } from '../cursor.ts';
import { newDeltaKey } from '../delta-cursor.ts';
import type { CountsAnswer, Mailbox, MailboxUpdate } from '../../../common/protocol.ts';
import { forScript, fromStored, sumOf, toMailbox, type StoredBox } from './redis-boxes.ts';
import { keysFor, type RedisKeys } from './redis-keys.ts';
import { sentinelRefusal, toStoreError } from './redis-errors.ts';
import { RedisLink } from './redis-link.ts';
import { claimScript, declareScript, forgetScript, LOG_LENGTH, releaseScript, setManyScript } from './redis-scripts.ts';
import { type Logger, silentLogger } from '../../log.ts';
import {
  StoreFullError, StoreUnavailableError,
  type ChangesAnswer, type DeclaredMailbox, type DenyList, type Leases, type ServedStore, type StoreHealth, type StoreStats, type View,
} from '../store.ts';
import { viewSet, WatcherIndex, type Watcher } from '../watcher-index.ts';

export interface RedisStoreOptions {
  url: string;
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
}

interface RedisWatcher extends Watcher {
  since: Cursor;
}

const DECLARE_CHUNK = 1000;

const lostData = 'the data in Redis is gone (flushed, or a new empty server)';
const lostAgain = `${lostData}, and was gone again as soon as this instance restored it (is something flushing Redis?)`;

/**
 * The store shared by many instances (DESIGN.md, "Many instances"). The data,
 * the per-mailbox versions and the epoch live in Redis and change only
 * through the scripts in redis-scripts.ts; pub/sub carries nothing but which
 * mailboxes changed, to wake instances. Each instance keeps only its own held
 * polls' watchers, and checks a woken watcher's cursor before answering it,
 * so a message that comes twice, late or never costs a read, never an answer
 * that is wrong.
 */
export class RedisStore implements ServedStore {
  readonly leases: Leases;
  readonly denyList: DenyList;
  readonly #link: RedisLink;
  readonly #keys: RedisKeys;
  readonly #options: Required<Omit<RedisStoreOptions, 'url' | 'prefix' | 'reconnectDelayMs'>>;
  readonly #watchers = new WatcherIndex<RedisWatcher>();
  /** Every mailbox declared here, to declare again if Redis loses the data. */
  readonly #declared = new Map<string, string>();
  /** Each list view's last answer, to answer a timed-out poll while Redis is unreachable. */
  readonly #lastAnswers = new WeakMap<readonly string[], CountsAnswer>();
  #lastAnswerOfAll: CountsAnswer | undefined;
  #epoch = '';
  /** The delta key of the epoch this instance last read it for; one round trip per epoch. */
  #deltaKey: { epoch: string; key: Buffer } | undefined;
  /** When the epoch began: the changedAt of a mailbox never counted. */
  #createdAt = '';
  /** Revoked signed-token ids, as of the last heartbeat (or this instance's own revocation). */
  #denied = new Set<string>();
  #stats: StoreStats = { mailboxes: { ok: 0, pending: 0, error: 0 }, changes: 0 };
  #pendingChecks = new Set<RedisWatcher>();
  #heartbeat: NodeJS.Timeout | undefined;
  #isHealthy = true;
  #isClosed = false;

  private constructor(options: RedisStoreOptions) {
    this.#keys = keysFor(options.prefix);
    this.#options = {
      maxMailboxes: options.maxMailboxes,
      log: options.log ?? silentLogger,
      now: options.now ?? (() => new Date()),
      heartbeatMs: options.heartbeatMs ?? 1000,
      probeTimeoutMs: options.probeTimeoutMs ?? 2000,
    };
    this.#link = new RedisLink({
      url: options.url,
      channel: this.#keys.channel,
      log: this.#options.log,
      onMessage: (text) => this.#onMessage(text),
      onResubscribed: () => this.#recheckAll(),
      ...(options.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: options.reconnectDelayMs }),
    });
    const instance = randomBytes(9).toString('base64url');
    this.leases = {
      claim: async (key, ttlMs) => (await this.#link.script(claimScript, [this.#keys.lease(key)], [instance, String(ttlMs)])) === 1,
      release: async (key) => { await this.#link.script(releaseScript, [this.#keys.lease(key)], [instance]); },
    };
    this.denyList = {
      has: (id) => this.#denied.has(id),
      add: async (id) => {
        await this.#link.call(['SADD', this.#keys.denied, id]);
        this.#denied.add(id);
      },
    };
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
      await store.#declareChunk([]);
      await store.#beat();
    } catch (error) {
      // A Sentinel answers PING and SUBSCRIBE like a Redis, then knows no other command.
      const isSentinel = await store.#link.mode() === 'sentinel';
      await store.close();
      throw isSentinel ? new StoreUnavailableError(sentinelRefusal) : error;
    }
    store.#scheduleHeartbeat();
    return store;
  }

  async declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    for (const { id, name } of mailboxes) this.#declared.set(id, name);
    for (let i = 0; i < mailboxes.length; i += DECLARE_CHUNK) {
      await this.#declareChunk(mailboxes.slice(i, i + DECLARE_CHUNK));
    }
  }

  async forget(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.#declared.delete(id);
    if (ids.length === 0) return;
    const epoch = await this.#link.script(forgetScript, this.#keys.data, [newEpoch(), this.#options.now().toISOString(), 'PUBLISH', ...ids]) as string;
    this.#noticeEpoch(epoch);
  }

  async setMany(updates: readonly MailboxUpdate[]): Promise<string[]> {
    if (updates.length === 0) return [];
    const reply = await this.#link.script(setManyScript, this.#keys.data, [
      newEpoch(), this.#options.now().toISOString(), String(this.#options.maxMailboxes), 'PUBLISH', JSON.stringify(updates.map(forScript)),
    ]) as string[];
    if (reply[0] === 'full') throw new StoreFullError(`this server holds at most ${this.#options.maxMailboxes} mailboxes`);
    const [epoch, ...changed] = reply;
    this.#noticeEpoch(epoch!);
    return changed;
  }

  async snapshot(view: View): Promise<CountsAnswer> {
    try {
      const answer = await this.#readSnapshot(view);
      if (view === '*') this.#lastAnswerOfAll = answer;
      else this.#lastAnswers.set(view, answer);
      return answer;
    } catch (error) {
      // A held poll that times out while Redis is away is answered as usual with what was last known.
      const last = view === '*' ? this.#lastAnswerOfAll : this.#lastAnswers.get(view);
      if (error instanceof StoreUnavailableError && last) return last;
      throw error;
    }
  }

  async changes(view: View, sinceSeq: number | undefined): Promise<ChangesAnswer> {
    if (sinceSeq !== undefined) {
      const [meta, total, versions, entries] = await this.#link.atomically([
        ['HGET', this.#keys.meta, 'epoch'], ['GET', this.#keys.total], this.#versionsOf(view),
        ['XRANGE', this.#keys.log, `(0-${sinceSeq}`, '+', 'COUNT', String(LOG_LENGTH + 1)],
      ]) as [string | null, string | null, unknown, Array<[string, string[]]>];
      const seq = Number(total ?? 0);
      // Every change since the client's is still in the log: answer those alone.
      if (meta !== null && entries.length === seq - sinceSeq) {
        this.#noticeEpoch(meta);
        const inView = view === '*' ? undefined : viewSet(view);
        const ids = [...new Set(entries.map(([, fields]) => fields[1]!))].filter((id) => !inView || inView.has(id));
        const boxes = ids.length === 0 ? [] : await this.#link.call(['HMGET', this.#keys.boxes, ...ids]) as Array<string | null>;
        const mailboxes: Mailbox[] = [];
        const removed: string[] = [];
        ids.forEach((id, i) => {
          if (!boxes[i] && view === '*') removed.push(id);
          else mailboxes.push(toMailbox(id, boxes[i], this.#createdAt));
        });
        const cursor = formatCursor({ epoch: meta, version: view.length === 0 ? 0 : sumOf(versions), seq });
        return { answer: removed.length > 0 ? { cursor, mailboxes, removed } : { cursor, mailboxes }, isWhole: false };
      }
    }
    const whole = await this.#readSnapshot(view, true);
    return { answer: whole, isWhole: true };
  }

  async cursor(view: View): Promise<Cursor> {
    return (await this.#readCursors([view]))[0]!;
  }

  /** The state is in Redis: nothing is known at once. */
  snapshotNow(): undefined {
    return undefined;
  }

  /** Every instance reads the same Redis: a cursor one made is never ahead of another. */
  caughtUp(view: View): Promise<Cursor> {
    return this.cursor(view);
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    const watcher: RedisWatcher = { view, since, onChange };
    this.#watchers.add(watcher);
    // Read after indexing: a change committed before the read is seen by it,
    // one committed after is published to a subscription already listening.
    this.#check([watcher]);
    return () => { this.#watchers.remove(watcher); };
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
    try {
      await this.#link.probe(this.#options.probeTimeoutMs);
    } catch (error) {
      return { status: 'degraded', reason: `the count store (Redis) is not reachable: ${(error as Error).message}` };
    }
    try {
      // Reachable is not enough: reads must work too (they fail while data Redis lost cannot be restored).
      await this.#readCursors(['*']);
      return { status: 'ok' };
    } catch (error) {
      return { status: 'degraded', reason: `the count store (Redis) cannot be read: ${(error as Error).message}` };
    }
  }

  async stats(): Promise<StoreStats> {
    return this.#stats;
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    clearTimeout(this.#heartbeat);
    this.#watchers.clear();
    await this.#link.close();
  }

  async #declareChunk(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    const pairs = mailboxes.flatMap(({ id, name }) => [id, name]);
    const epoch = await this.#link.script(declareScript, this.#keys.data,
      [newEpoch(), this.#options.now().toISOString(), 'PUBLISH', ...pairs]) as string;
    this.#noticeEpoch(epoch);
  }

  /** Redis lost the data (flushed, or a new empty server): declare everything again under a new epoch. */
  async #recover(): Promise<void> {
    this.#options.log.warn({}, 'the data in Redis is gone (flushed or a new server); starting a new epoch');
    const declared = [...this.#declared].map(([id, name]) => ({ id, name }));
    try {
      // The script makes the new epoch even with nothing to declare: a config
      // without mailboxes (counts only pushed) must recover as well.
      if (declared.length === 0) await this.#declareChunk([]);
      else await this.declare(declared);
    } catch (error) {
      const problem = toStoreError(error);
      throw new StoreUnavailableError(`${lostData} and this instance could not start a new epoch: ${problem.message}`);
    }
  }

  #noticeEpoch(epoch: string): void {
    if (epoch === this.#epoch) return;
    const wasKnown = this.#epoch !== '';
    this.#epoch = epoch;
    // Every held poll's cursor names the old epoch: all of them are answered.
    if (wasKnown) this.#recheckAll();
  }

  async #readCursors(views: readonly View[]): Promise<Cursor[]> {
    for (let attempt = 0; ; attempt++) {
      const replies = await this.#link.atomically([
        ['HGET', this.#keys.meta, 'epoch'],
        ...views.map((view) => this.#versionsOf(view)),
      ]);
      const epoch = replies[0] as string | null;
      if (epoch === null && attempt === 0) {
        await this.#recover();
        continue;
      }
      if (epoch === null) throw new StoreUnavailableError(lostAgain);
      this.#noticeEpoch(epoch);
      return views.map((view, i) => ({ epoch, version: view.length === 0 ? 0 : sumOf(replies[i + 1]) }));
    }
  }

  async #readSnapshot(view: View, withSeq = false): Promise<CountsAnswer> {
    for (let attempt = 0; ; attempt++) {
      const [meta, version, boxes, total] = await this.#link.atomically([
        ['HMGET', this.#keys.meta, 'epoch', 'createdAt'],
        this.#versionsOf(view),
        view === '*' ? ['HGETALL', this.#keys.boxes] : view.length === 0 ? ['HLEN', this.#keys.boxes] : ['HMGET', this.#keys.boxes, ...view],
        ['GET', this.#keys.total],
      ]) as [Array<string | null>, unknown, Array<string | null>, string | null];
      const [epoch, createdAt] = meta;
      if (!epoch || !createdAt) {
        if (attempt > 0) throw new StoreUnavailableError(lostAgain);
        await this.#recover();
        continue;
      }
      this.#noticeEpoch(epoch);
      this.#createdAt = createdAt;
      const cursor = formatCursor({ epoch, version: view.length === 0 ? 0 : sumOf(version), ...(withSeq ? { seq: Number(total ?? 0) } : {}) });
      if (view !== '*') {
        return { cursor, mailboxes: view.map((id, i) => toMailbox(id, boxes[i], createdAt)) };
      }
      const entries: Array<[string, StoredBox]> = [];
      for (let i = 0; i < boxes.length; i += 2) entries.push([boxes[i]!, JSON.parse(boxes[i + 1]!) as StoredBox]);
      entries.sort((a, b) => (a[1].seq ?? 0) - (b[1].seq ?? 0));
      return { cursor, mailboxes: entries.map(([id, box]) => fromStored(id, box)) };
    }
  }

  /** The command that reads a view's versions (HMGET refuses an empty list, so an empty view reads something harmless). */
  #versionsOf(view: View): string[] {
    if (view === '*') return ['GET', this.#keys.total];
    return view.length === 0 ? ['HLEN', this.#keys.versions] : ['HMGET', this.#keys.versions, ...view];
  }

  #onMessage(text: string): void {
    const [epoch, ...ids] = text.split(' ');
    if (epoch !== this.#epoch) {
      this.#noticeEpoch(epoch!);
      return;
    }
    this.#check(this.#watchers.woken(ids));
  }

  #recheckAll(): void {
    this.#check(this.#watchers.all());
  }

  /**
   * Reads the cursors of the given watchers' views (batched with any other
   * checks asked for in the same turn of the event loop) and answers those
   * whose cursor moved. A failed read leaves them held: the subscription's
   * renewal or the next heartbeat checks them again.
   */
  #check(watchers: Iterable<RedisWatcher>): void {
    const isFirst = this.#pendingChecks.size === 0;
    for (const watcher of watchers) this.#pendingChecks.add(watcher);
    if (!isFirst || this.#pendingChecks.size === 0) return;
    setImmediate(() => {
      const batch = [...this.#pendingChecks];
      this.#pendingChecks = new Set();
      const listViews = batch.filter((w) => w.view !== '*');
      const views: View[] = [...(batch.length > listViews.length ? ['*' as const] : []), ...listViews.map((w) => w.view)];
      this.#readCursors(views).then((cursors) => {
        const ofAll = views[0] === '*' ? cursors[0] : undefined;
        const ofList = new Map(listViews.map((w, i) => [w, cursors[i + (ofAll ? 1 : 0)]!]));
        for (const watcher of batch) {
          const now = watcher.view === '*' ? ofAll! : ofList.get(watcher)!;
          const isMoved = now.epoch !== watcher.since.epoch || now.version !== watcher.since.version;
          if (isMoved && this.#watchers.remove(watcher)) watcher.onChange();
        }
      }, (error: unknown) => {
        this.#options.log.warn({ err: (error as Error).message }, 'could not read cursors from Redis; held polls stay held');
      });
    });
  }

  #scheduleHeartbeat(): void {
    if (this.#isClosed) return;
    this.#heartbeat = setTimeout(() => { this.#beat().finally(() => this.#scheduleHeartbeat()); }, this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /** Proves the subscription live, notices a lost epoch, refreshes /metrics' figures. */
  async #beat(): Promise<void> {
    try {
      await this.#link.probe(this.#options.probeTimeoutMs);
      const [epoch, total, states, denied] = await this.#link.atomically([
        ['HGET', this.#keys.meta, 'epoch'], ['GET', this.#keys.total], ['HGETALL', this.#keys.states], ['SMEMBERS', this.#keys.denied],
      ]) as [string | null, string | null, string[], string[]];
      this.#denied = new Set(denied);
      if (epoch === null) await this.#recover();
      else this.#noticeEpoch(epoch);
      const byState = { ok: 0, pending: 0, error: 0 };
      for (let i = 0; i < states.length; i += 2) byState[states[i] as keyof typeof byState] = Number(states[i + 1]);
      this.#stats = { mailboxes: byState, changes: Number(total ?? 0) };
      if (!this.#isHealthy) {
        this.#options.log.info({}, 'Redis is reachable again');
        this.#isHealthy = true;
        this.#recheckAll();
      }
    } catch (error) {
      if (this.#isHealthy) this.#options.log.warn({ err: (error as Error).message }, 'the count store (Redis) cannot be used; held polls stay held, ingest answers 503');
      this.#isHealthy = false;
    }
  }
}
