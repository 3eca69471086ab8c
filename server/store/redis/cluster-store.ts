import { createHash } from 'node:crypto';
import { formatCursor, newEpoch, parseCursor, type ChangeNumber, type Cursor } from '../cursor.ts';
import { newDeltaKey } from '../delta-cursor.ts';
import type { CountsAnswer, Mailbox, MailboxUpdate } from '../../../common/protocol.ts';
import { forScript } from './redis-boxes.ts';
import { redisConnections, type ClusterConfig, type RedisConnections } from './redis-connections.ts';
import { RedisEpoch } from './redis-epoch.ts';
import { parseChangeMessage } from './redis-change-message.ts';
import { RedisFailover } from './redis-failover.ts';
import { RedisHeartbeat } from './redis-heartbeat.ts';
import { keysFor, type RedisKeys } from './redis-keys.ts';
import { RedisDenyList, RedisMessages, newInstanceName, redisLeases } from './redis-leases.ts';
import { RedisLink } from './redis-link.ts';
import { RedisReads } from './redis-reads.ts';
import { setManyScript } from './redis-scripts.ts';
import { CLUSTER_PARTS, partOf, partPrefixes } from './redis-slots.ts';
import { RedisWakeUps } from './redis-wake-ups.ts';
import { type Logger, silentLogger } from '../../log.ts';
import {
  StoreFullError, StoreUnavailableError,
  type ChangesAnswer, type DeclaredMailbox, type Leases, type ServedStore, type StoreHealth, type StoreStats, type View,
} from '../store.ts';

export interface ClusterStoreOptions {
  cluster: ClusterConfig;
  prefix: string;
  maxMailboxes: number;
  log?: Logger;
  now?: () => Date;
  heartbeatMs?: number;
  probeTimeoutMs?: number;
  /** How long a change waits for a replica of its master to confirm it before ingest answers 503 (when the master has replicas). */
  replicaAckMs?: number;
}

/** One part of the data (redis-slots.ts): the single-Redis layout under its own hash tag, with what reads and guards it. */
interface Part {
  keys: RedisKeys;
  link: RedisLink;
  epoch: RedisEpoch;
  failover: RedisFailover;
  reads: RedisReads;
  heartbeat: RedisHeartbeat;
  /** The lead part's is the store's; the others' stay empty. */
  denyList: RedisDenyList;
}

const CLOSE_WAIT_MS = 1000;

/**
 * The store on a Redis Cluster (docs/redis.md, "Redis Cluster"). The data is
 * cut into parts, each in one hash slot (redis-slots.ts), so each change is
 * still one atomic script and mailboxes spread over every master. Each part
 * keeps what the single-Redis store keeps: its epoch, versions and running
 * total, read atomically, and its own failover check against its master.
 *
 * A cursor names the parts together: its epoch is a digest of the parts'
 * epochs (one part that loses its data ends every cursor's epoch), and it
 * carries the view's version in each part (Cursor.parts) with their sum as
 * its version. Each part's versions only grow within its epoch, so the
 * cursor moves on every visible change; the parts are read one by one, not
 * at one instant, so one sum could stand for two states (one part a change
 * further, another one behind, as two instances read them): naming every
 * part makes one cursor one state. The cursor rules of DESIGN.md hold
 * without a read across slots. Wake-ups travel over sharded pub/sub, one channel per
 * part, each on the master that holds its part.
 */
export class ClusterStore implements ServedStore {
  readonly leases: Leases;
  readonly denyList: RedisDenyList;
  readonly messages: RedisMessages;
  readonly #connections: RedisConnections;
  readonly #parts: Part[];
  readonly #wakeUps: RedisWakeUps;
  readonly #options: Required<Omit<ClusterStoreOptions, 'cluster' | 'prefix'>>;
  /** Where each declared mailbox stands in the answers of `*` (declared order; the rest follow by id). */
  readonly #order = new Map<string, number>();
  /** Each list view's mailboxes, split by part (a view keeps its identity while its client's config does). */
  readonly #splits = new WeakMap<readonly string[], Array<string[] | undefined>>();
  readonly #lastAnswers = new WeakMap<readonly string[], CountsAnswer>();
  #epochDigest: { of: string; epoch: string } | undefined;
  #lastAnswerOfAll: CountsAnswer | undefined;
  #hasConnected = false;

  private constructor(options: ClusterStoreOptions) {
    const log = options.log ?? silentLogger;
    const now = options.now ?? (() => new Date());
    this.#options = {
      maxMailboxes: options.maxMailboxes, log, now, heartbeatMs: options.heartbeatMs ?? 1000, probeTimeoutMs: options.probeTimeoutMs ?? 2000,
      replicaAckMs: options.replicaAckMs ?? 1000,
    };
    this.#connections = redisConnections({
      url: '', cluster: options.cluster,
      // As RedisLink for one server: a few tries before the first connection (a start against nodes
      // that are not there says so), then every reconnect a little later, up to 1 s.
      reconnectStrategy: (retries, cause) => (!this.#hasConnected && retries >= 3 ? cause : Math.min(50 * 2 ** Math.min(retries, 5), 1000)),
    });
    // A woken batch: each part that holds any of the views read once, in one MULTI, as one Redis reads them all.
    this.#wakeUps = new RedisWakeUps((answerViews, cursorViews) => this.#states(answerViews, cursorViews), log);
    this.#parts = partPrefixes(options.prefix).map((prefix, index) => this.#makePart(keysFor(prefix), index === 0));
    const lead = this.#parts[0]!;
    // Leases and the deny list are few and small: they live in the lead part's slot, which its heartbeat reads anyway.
    const instance = newInstanceName();
    this.leases = redisLeases(lead.link, lead.keys, instance);
    this.messages = new RedisMessages(lead.link, instance);
    this.denyList = lead.denyList;
  }

  /** Connects to the cluster and reads (or makes) every part's epoch; rejects with StoreUnavailableError, having closed what it opened. */
  static async connect(options: ClusterStoreOptions): Promise<ClusterStore> {
    const store = new ClusterStore(options);
    try {
      await store.#connections.connect();
      store.#hasConnected = true;
      for (const part of store.#parts) await part.link.connect();
      await Promise.all(store.#parts.map(async (part) => {
        await part.epoch.start();
        await part.heartbeat.beat();
      }));
    } catch (error) {
      store.#connections.destroy();
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(`cannot reach the Redis Cluster: ${(error as Error).message}`);
    }
    for (const part of store.#parts) part.heartbeat.start();
    return store;
  }

  async declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    for (const { id } of mailboxes) if (!this.#order.has(id)) this.#order.set(id, this.#order.size);
    await Promise.all(this.#byPart(mailboxes, ({ id }) => id).map((some, i) => some && this.#parts[i]!.epoch.declare(some)));
  }

  async forget(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.#order.delete(id);
    await Promise.all(this.#byPart(ids, (id) => id).map((some, i) => some && this.#parts[i]!.epoch.forget(some)));
  }

  async setMany(updates: readonly MailboxUpdate[]): Promise<string[]> {
    if (updates.length === 0) return [];
    const groups = this.#byPart(updates, ({ id }) => id);
    // The limit is on the whole store: each part may add what the others leave (read now; two instances adding at once may pass it by a few).
    const sizes = await Promise.all(this.#parts.map((part) => part.link.call(['HLEN', part.keys.boxes]).then(Number)));
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const changed = await Promise.all(groups.map(async (group, i) => {
      if (!group) return [];
      const part = this.#parts[i]!;
      const reply = await part.link.script(setManyScript, part.keys.data, [
        newEpoch(), this.#options.now().toISOString(), String(this.#options.maxMailboxes - total + sizes[i]!), part.link.publish,
        JSON.stringify(group.map(forScript)),
      ]) as string[];
      if (reply[0] === 'full') throw new StoreFullError(`this server holds at most ${this.#options.maxMailboxes} mailboxes`);
      const [epoch, ...ids] = reply;
      part.epoch.notice(epoch!);
      // As on one Redis: acknowledged once a replica of the part's master has it (WAIT on the connection that wrote it).
      if (ids.length > 0) await part.failover.awaitReplica(this.#options.replicaAckMs);
      return ids;
    }));
    // In the order the updates came, as the other stores answer them.
    const isChanged = new Set(changed.flat());
    return [...new Set(updates.map(({ id }) => id))].filter((id) => isChanged.has(id));
  }

  async snapshot(view: View): Promise<CountsAnswer> {
    try {
      return (await this.#states([view], [])).answers[0]!;
    } catch (error) {
      // A held poll that times out while a master is away is answered as usual with what was last known.
      const last = view === '*' ? this.#lastAnswerOfAll : this.#lastAnswers.get(view);
      if (error instanceof StoreUnavailableError && last) return last;
      throw error;
    }
  }

  snapshotNow(): undefined {
    return undefined;
  }

  /**
   * Delta answers: a cluster's change number is one per part (each part's
   * running total, which its log is numbered by), so each part answers what
   * changed in it since the client's number for it. A part whose log no
   * longer reaches back, or change numbers that are not the parts', give the
   * whole state, with the parts' numbers now.
   */
  async changes(view: View, sinceSeq: ChangeNumber | undefined): Promise<ChangesAnswer> {
    const since = typeof sinceSeq === 'object' && sinceSeq.length === CLUSTER_PARTS ? sinceSeq : undefined;
    const asked = this.#parts.map((_, i) => (view === '*' ? '*' : this.#split(view)[i]));
    if (since) {
      const answers = await Promise.all(this.#parts.map((part, i) => (asked[i] === undefined ? undefined : part.reads.changes(asked[i], since[i]!))));
      if (answers.every((answer) => !answer?.isWhole)) {
        const mailboxes: Mailbox[] = [];
        const removed: string[] = [];
        const seqs = this.#parts.map(() => 0);
        const parts = this.#parts.map(() => 0);
        answers.forEach((answer, i) => {
          if (!answer) return;
          const cursor = parseCursor(answer.answer.cursor)!;
          parts[i] = cursor.version;
          seqs[i] = cursor.seq as number;
          mailboxes.push(...answer.answer.mailboxes);
          removed.push(...answer.answer.removed ?? []);
        });
        const cursor = formatCursor({ ...this.#cursorOf(parts), seq: seqs });
        return { answer: removed.length > 0 ? { cursor, mailboxes: this.#inOrder(view, mailboxes), removed } : { cursor, mailboxes: this.#inOrder(view, mailboxes) }, isWhole: false };
      }
    }
    return { answer: (await this.#states([view], [], true)).answers[0]!, isWhole: true };
  }

  async cursor(view: View): Promise<Cursor> {
    return (await this.#cursors([view]))[0]!;
  }

  /** A cursor ahead of the parts was made before a master's replica took over: checking the masters ends that part's epoch. */
  async caughtUp(view: View): Promise<Cursor> {
    await Promise.all(this.#parts.map((part) => part.failover.check().catch(() => undefined)));
    return this.cursor(view);
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    return this.#wakeUps.watch(view, since, onChange);
  }

  async deltaKeyOf(epoch: string): Promise<Buffer | undefined> {
    if (epoch !== this.#epoch()) return undefined;
    const lead = this.#parts[0]!;
    const [, [current, text]] = await lead.link.atomically([
      ['HSETNX', lead.keys.meta, 'deltaKey', newDeltaKey().toString('base64')],
      ['HMGET', lead.keys.meta, 'epoch', 'deltaKey'],
    ]) as [unknown, [string | null, string | null]];
    return current === lead.epoch.current && text ? Buffer.from(text, 'base64') : undefined;
  }

  async health(): Promise<StoreHealth> {
    const probes = await Promise.allSettled(this.#parts.map((part) => part.link.probe(this.#options.probeTimeoutMs)));
    const failed = probes.findIndex((probe) => probe.status === 'rejected');
    if (failed !== -1) {
      const reason = ((probes[failed] as PromiseRejectedResult).reason as Error).message;
      return { status: 'degraded', reason: `the count store (Redis Cluster) is not reachable on the master of part ${failed}: ${reason}` };
    }
    try {
      await this.#cursors(['*']);
      return { status: 'ok' };
    } catch (error) {
      return { status: 'degraded', reason: `the count store (Redis Cluster) cannot be read: ${(error as Error).message}` };
    }
  }

  async stats(): Promise<StoreStats> {
    const stats: StoreStats = { mailboxes: { ok: 0, pending: 0, error: 0 }, changes: 0 };
    for (const { heartbeat } of this.#parts) {
      stats.changes += heartbeat.stats.changes;
      for (const state of ['ok', 'pending', 'error'] as const) stats.mailboxes[state] += heartbeat.stats.mailboxes[state];
    }
    return stats;
  }

  async close(): Promise<void> {
    for (const part of this.#parts) part.heartbeat.stop();
    this.#wakeUps.clear();
    await Promise.all(this.#parts.map((part) => part.link.close()));
    let timer: NodeJS.Timeout | undefined;
    const moment = new Promise((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT_MS); });
    await Promise.race([this.#connections.close(), moment]);
    clearTimeout(timer);
    this.#connections.destroy();
  }

  #makePart(keys: RedisKeys, isLead: boolean): Part {
    const { log, now } = this.#options;
    const link: RedisLink = new RedisLink({
      url: '', part: { connections: this.#connections, route: keys.meta, isLead }, channel: keys.channel, log,
      // The part's master may have been replaced by a replica that lacks changes answered from: a new part epoch then.
      checkAfterLoss: () => part.failover.check(),
      // The part's state in the message is not used here: a woken view is read from every part (#states).
      onMessage: (text) => {
        const message = parseChangeMessage(text);
        if (!message) return;
        if (message.epoch === part.epoch.current) this.#wakeUps.changed(message.ids);
        else part.epoch.notice(message.epoch);
      },
      // Notices between instances (a forwarded mark as read) travel on the lead part's channel.
      ...(isLead ? { onNotice: (text: string) => this.messages.receive(text) } : {}),
      onResubscribed: () => this.#wakeUps.recheckAll(),
    });
    const epoch = new RedisEpoch(link, keys, { now, log, onNew: () => this.#wakeUps.recheckAll() });
    const failover = new RedisFailover(link, keys, { epoch, log });
    const denyList = new RedisDenyList(link, keys);
    const part: Part = {
      keys, link, epoch, failover, reads: new RedisReads(link, keys, epoch), denyList,
      heartbeat: new RedisHeartbeat(link, keys, {
        epoch, failover, denyList, log,
        everyMs: this.#options.heartbeatMs, probeTimeoutMs: this.#options.probeTimeoutMs, onBack: () => this.#wakeUps.recheckAll(),
      }),
    };
    return part;
  }

  /** The cursor's epoch: a digest of every part's epoch, so a part that lost its data (or had its master replaced) ends it. */
  #epoch(): string {
    const epochs = this.#parts.map((part) => part.epoch.current).join(' ');
    // Every cursor asks: the digest is made again only when a part's epoch changed.
    if (this.#epochDigest?.of !== epochs) {
      const digest = createHash('sha256').update(epochs).digest();
      this.#epochDigest = { of: epochs, epoch: [...digest.subarray(0, 10)].map((b) => (b & 31).toString(32)).join('') };
    }
    return this.#epochDigest.epoch;
  }

  #split(view: readonly string[]): Array<string[] | undefined> {
    let split = this.#splits.get(view);
    if (!split) this.#splits.set(view, (split = this.#byPart(view, (id) => id)));
    return split;
  }

  #byPart<T>(items: readonly T[], idOf: (item: T) => string): Array<T[] | undefined> {
    const groups: Array<T[] | undefined> = Array.from({ length: CLUSTER_PARTS }, () => undefined);
    for (const item of items) (groups[partOf(idOf(item))] ??= []).push(item);
    return groups;
  }

  /**
   * The whole state of each of `answerViews` and the cursor of each of
   * `cursorViews` (answers' cursors first, as ReadStates says): each part
   * that holds any of their mailboxes read once, in one MULTI (RedisReads.states),
   * all parts at once. A woken batch costs one round trip per part it touches.
   * `withSeq`: the answers' cursors name the parts' change numbers (a delta
   * answer's, never kept as the last answer a timed-out poll may get).
   */
  async #states(answerViews: readonly View[], cursorViews: readonly View[], withSeq = false): Promise<{ answers: CountsAnswer[]; cursors: Cursor[] }> {
    const answerParts = answerViews.map(() => this.#parts.map(() => 0));
    const answerSeqs = answerViews.map(() => this.#parts.map(() => 0));
    const cursorParts = cursorViews.map(() => this.#parts.map(() => 0));
    const found: Mailbox[][] = answerViews.map(() => []);
    await Promise.all(this.#parts.map(async (part, i) => {
      const inPart = (views: readonly View[]) => views.flatMap((view, k): Array<[number, View]> => {
        const asked = view === '*' ? '*' : this.#split(view)[i];
        return asked === undefined ? [] : [[k, asked]];
      });
      const answersHere = inPart(answerViews);
      const cursorsHere = inPart(cursorViews);
      if (answersHere.length === 0 && cursorsHere.length === 0) return;
      const { answers, cursors } = await part.reads.states(answersHere.map(([, view]) => view), cursorsHere.map(([, view]) => view), withSeq);
      answersHere.forEach(([k], j) => {
        answerParts[k]![i] = cursors[j]!.version;
        if (withSeq) answerSeqs[k]![i] = (parseCursor(answers[j]!.cursor)!.seq as number | undefined) ?? 0;
        found[k]!.push(...answers[j]!.mailboxes);
      });
      cursorsHere.forEach(([k], j) => { cursorParts[k]![i] = cursors[answersHere.length + j]!.version; });
    }));
    const answers = answerViews.map((view, k) => {
      const cursor = formatCursor({ ...this.#cursorOf(answerParts[k]!), ...(withSeq ? { seq: answerSeqs[k]! } : {}) });
      const answer = { cursor, mailboxes: this.#inOrder(view, found[k]!) };
      if (withSeq) return answer;
      if (view === '*') this.#lastAnswerOfAll = answer;
      else this.#lastAnswers.set(view, answer);
      return answer;
    });
    return { answers, cursors: [...answerParts, ...cursorParts].map((parts) => this.#cursorOf(parts)) };
  }

  /** The views' cursors: each part that holds any of their mailboxes read once, atomically, all parts at once. */
  async #cursors(views: readonly View[]): Promise<Cursor[]> {
    const parts = views.map(() => this.#parts.map(() => 0));
    await Promise.all(this.#parts.map(async (part, i) => {
      const asked = views.map((view) => (view === '*' ? '*' : this.#split(view)[i]));
      if (asked.every((view) => view === undefined)) return;
      const cursors = await part.reads.cursors(asked.map((view) => view ?? []));
      cursors.forEach((cursor, v) => { parts[v]![i] = cursor.version; });
    }));
    return parts.map((versions) => this.#cursorOf(versions));
  }

  /** A view's cursor from its version in each part (the parts are read one by one: the cursor names each, see Cursor.parts). */
  #cursorOf(parts: number[]): Cursor {
    return { epoch: this.#epoch(), version: parts.reduce((sum, version) => sum + version, 0), parts };
  }

  /** A list view's mailboxes in the view's order; all of them declared order first, then the rest by id. */
  #inOrder(view: View, mailboxes: Mailbox[]): Mailbox[] {
    if (view !== '*') {
      const byId = new Map(mailboxes.map((mailbox) => [mailbox.id, mailbox]));
      return view.flatMap((id) => byId.get(id) ?? []);
    }
    const rank = (id: string) => this.#order.get(id) ?? Number.MAX_SAFE_INTEGER;
    return mailboxes.sort((a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
