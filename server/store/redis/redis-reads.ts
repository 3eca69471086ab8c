import { formatCursor, type Cursor } from '../cursor.ts';
import type { CountsAnswer, Mailbox } from '../../../common/protocol.ts';
import { fromStored, sumOf, toMailbox, type StoredBox } from './redis-boxes.ts';
import { lostData, type RedisEpoch } from './redis-epoch.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisLink } from './redis-link.ts';
import { LOG_LENGTH } from './redis-scripts.ts';
import { StoreUnavailableError, type ChangesAnswer, type View } from '../store.ts';
import { viewSet } from '../watcher-index.ts';

/** What `states` read: the answers and cursors, and what they were made from. */
export interface StatesRead {
  answers: CountsAnswer[];
  /** The answers' cursors, then those of the cursor views. */
  cursors: Cursor[];
  epoch: string;
  /** The store's total when read: the change the read saw last. */
  total: number;
  createdAt: string;
  /** Each list view's versions as read, in the order of its ids, and for an answer's view its stored mailboxes (`*` views are not among them). */
  stored: Array<{ view: readonly string[]; versions: Array<string | null>; boxes?: Array<string | null> }>;
}

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
    const { answers: [answer] } = await this.states([view], [], withSeq);
    return answer!;
  }

  /**
   * In one MULTI, so all are read at one moment: the whole state of each of
   * `answerViews` (each view's answer, whatever its other polls), and the cursor
   * of each of `cursorViews`. A woken batch of held polls costs one round trip.
   * `cursors` are the answers' cursors, then those of `cursorViews`.
   */
  async states(answerViews: readonly View[], cursorViews: readonly View[], withSeq = false): Promise<StatesRead> {
    for (let attempt = 0; ; attempt++) {
      const replies = await this.#link.atomically([
        ['HMGET', this.#keys.meta, 'epoch', 'createdAt'],
        ['GET', this.#keys.total],
        ...answerViews.flatMap((view) => [this.#versionsOf(view), this.#boxesOf(view)]),
        ...cursorViews.map((view) => this.#versionsOf(view)),
      ]);
      const [epoch, createdAt] = replies[0] as Array<string | null>;
      if (!epoch || !createdAt) {
        if (attempt > 0) throw new StoreUnavailableError(lostAgain);
        await this.#epoch.recover();
        continue;
      }
      this.#epoch.notice(epoch);
      this.#createdAt = createdAt;
      const total = replies[1] as string | null;
      const cursors: Cursor[] = [];
      const stored: StatesRead['stored'] = [];
      const answers = answerViews.map((view, i) => {
        if (view !== '*') stored.push({ view, versions: listOf(replies[2 + 2 * i], view), boxes: listOf(replies[3 + 2 * i], view) });
        const version = view.length === 0 ? 0 : sumOf(replies[2 + 2 * i]);
        cursors.push({ epoch, version });
        const cursor = formatCursor({ epoch, version, ...(withSeq ? { seq: Number(total ?? 0) } : {}) });
        return { cursor, mailboxes: mailboxesOf(view, replies[3 + 2 * i] as Array<string | null>, createdAt) };
      });
      const first = 2 + 2 * answerViews.length;
      for (const [i, view] of cursorViews.entries()) {
        cursors.push({ epoch, version: view.length === 0 ? 0 : sumOf(replies[first + i]) });
        if (view !== '*') stored.push({ view, versions: listOf(replies[first + i], view) });
      }
      return { answers, cursors, epoch, total: Number(total ?? 0), createdAt, stored };
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

  /** The command that reads a view's mailboxes (HMGET refuses an empty list: an empty view reads something harmless). */
  #boxesOf(view: View): string[] {
    if (view === '*') return ['HGETALL', this.#keys.boxes];
    return view.length === 0 ? ['HLEN', this.#keys.boxes] : ['HMGET', this.#keys.boxes, ...view];
  }

  /** The command that reads a view's versions (HMGET refuses an empty list, so an empty view reads something harmless). */
  #versionsOf(view: View): string[] {
    if (view === '*') return ['GET', this.#keys.total];
    return view.length === 0 ? ['HLEN', this.#keys.versions] : ['HMGET', this.#keys.versions, ...view];
  }
}

/** An HMGET's reply for a list view (an empty view read HLEN instead: nothing). */
function listOf(reply: unknown, view: readonly string[]): Array<string | null> {
  return view.length === 0 ? [] : reply as Array<string | null>;
}

/** A view's mailboxes from what #boxesOf read: a list's in its order, `*`'s in creation order. */
function mailboxesOf(view: View, boxes: Array<string | null>, createdAt: string): Mailbox[] {
  if (view !== '*') return view.map((id, i) => toMailbox(id, boxes[i], createdAt));
  const entries: Array<[string, StoredBox]> = [];
  for (let i = 0; i < boxes.length; i += 2) entries.push([boxes[i]!, JSON.parse(boxes[i + 1]!) as StoredBox]);
  entries.sort((a, b) => (a[1].seq ?? 0) - (b[1].seq ?? 0));
  return entries.map(([id, box]) => fromStored(id, box));
}
