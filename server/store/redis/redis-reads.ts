import { formatCursor, type Cursor } from '../cursor.ts';
import type { CountsAnswer, Mailbox } from '../../../common/protocol.ts';
import { fromStored, sumOf, toMailbox, type StoredBox } from './redis-boxes.ts';
import { lostData, type RedisEpoch } from './redis-epoch.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisLink } from './redis-link.ts';
import { LOG_LENGTH } from './redis-scripts.ts';
import { StoreUnavailableError, type ChangesAnswer, type View } from '../store.ts';
import { viewSet } from '../watcher-index.ts';

const lostAgain = `${lostData}, and was gone again as soon as this instance restored it (is something flushing Redis?)`;

/**
 * Reads of the Redis store, each one atomic (MULTI), so a cursor and the
 * state it names are read together. A read that finds the epoch gone has
 * the epoch recovered, then reads once more.
 */
export class RedisReads {
  readonly #link: RedisLink;
  readonly #keys: RedisKeys;
  readonly #epoch: RedisEpoch;
  /** When the epoch began: the changedAt of a mailbox never counted. */
  #createdAt = '';

  constructor(link: RedisLink, keys: RedisKeys, epoch: RedisEpoch) {
    this.#link = link;
    this.#keys = keys;
    this.#epoch = epoch;
  }

  async cursors(views: readonly View[]): Promise<Cursor[]> {
    for (let attempt = 0; ; attempt++) {
      const replies = await this.#link.atomically([
        ['HGET', this.#keys.meta, 'epoch'],
        ...views.map((view) => this.#versionsOf(view)),
      ]);
      const epoch = replies[0] as string | null;
      if (epoch === null && attempt === 0) {
        await this.#epoch.recover();
        continue;
      }
      if (epoch === null) throw new StoreUnavailableError(lostAgain);
      this.#epoch.notice(epoch);
      return views.map((view, i) => ({ epoch, version: view.length === 0 ? 0 : sumOf(replies[i + 1]) }));
    }
  }

  async snapshot(view: View, withSeq = false): Promise<CountsAnswer> {
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
        await this.#epoch.recover();
        continue;
      }
      this.#epoch.notice(epoch);
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

  async changes(view: View, sinceSeq: number | undefined): Promise<ChangesAnswer> {
    if (sinceSeq !== undefined) {
      const [meta, total, versions, entries] = await this.#link.atomically([
        ['HGET', this.#keys.meta, 'epoch'], ['GET', this.#keys.total], this.#versionsOf(view),
        ['XRANGE', this.#keys.log, `(0-${sinceSeq}`, '+', 'COUNT', String(LOG_LENGTH + 1)],
      ]) as [string | null, string | null, unknown, Array<[string, string[]]>];
      const seq = Number(total ?? 0);
      // Every change since the client's is still in the log: answer those alone.
      if (meta !== null && entries.length === seq - sinceSeq) {
        this.#epoch.notice(meta);
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
    const whole = await this.snapshot(view, true);
    return { answer: whole, isWhole: true };
  }

  /** The command that reads a view's versions (HMGET refuses an empty list, so an empty view reads something harmless). */
  #versionsOf(view: View): string[] {
    if (view === '*') return ['GET', this.#keys.total];
    return view.length === 0 ? ['HLEN', this.#keys.versions] : ['HMGET', this.#keys.versions, ...view];
  }
}
