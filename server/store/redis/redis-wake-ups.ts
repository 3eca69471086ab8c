import type { CountsAnswer } from '../../../common/protocol.ts';
import { isAheadOf, isSameState, type Cursor } from '../cursor.ts';
import type { Logger } from '../../log.ts';
import type { View } from '../store.ts';
import { WatcherIndex, type Watcher } from '../watcher-index.ts';

interface RedisWatcher extends Watcher {
  since: Cursor;
}

/** One read of Redis for a batch of watchers (redis-reads.ts `states`): the answers of some views, then every view's cursor. */
export type ReadStates = (answerViews: readonly View[], cursorViews: readonly View[]) => Promise<{ answers: CountsAnswer[]; cursors: Cursor[] }>;

/**
 * This instance's held polls on the Redis store, and how they are woken.
 * A change message wakes the watchers of the mailboxes it names; a woken
 * watcher's cursor is found again before it is answered (`read`: from the
 * message's own state where the store mirrors it, redis-mirror.ts, else from
 * Redis), so a message that comes twice, late or never costs a read, never
 * an answer that is wrong.
 *
 * The watchers to check in one turn of the event loop share one read: for the
 * views a change message woke, their whole state too, and their polls are
 * answered from it (`answerOf`), as the memory store answers the polls of a
 * view from one snapshot: one read, one answer and one JSON text per view and
 * change, however many of its polls are held here.
 */
export class RedisWakeUps {
  readonly #watchers = new WatcherIndex<RedisWatcher>();
  readonly #read: ReadStates;
  readonly #log: Logger;
  /** Watchers to check in the next read; true for those a change message woke (their view's state is read too). */
  #pending = new Map<RedisWatcher, boolean>();
  /** While woken watchers are told: each view's answer from the read that woke them. */
  #answers: Map<View, CountsAnswer> | undefined;

  constructor(read: ReadStates, log: Logger) {
    this.#read = read;
    this.#log = log;
  }

  /**
   * Holds a watch. Unless `isKnownCurrent` (a read this instance trusts says
   * `since` is the view's cursor), its cursor is read first: read after
   * indexing, so a change committed before the read is seen by it, and one
   * committed after is published to a subscription already listening.
   */
  watch(view: View, since: Cursor, onChange: () => void, isKnownCurrent = false): () => void {
    const watcher: RedisWatcher = { view, since, onChange };
    this.#watchers.add(watcher);
    if (!isKnownCurrent) this.#check([watcher], false);
    return () => { this.#watchers.remove(watcher); };
  }

  /** A change message of the current epoch named these mailboxes. */
  changed(ids: readonly string[]): void {
    this.#check(this.#watchers.woken(ids), true);
  }

  /** Whether a poll held here watches the mailbox in a list of its own (what the mirror keeps). */
  isWatched(id: string): boolean {
    return this.#watchers.watches(id);
  }

  /** Any change may have been missed (a new subscription, a new epoch, Redis back): every watcher is checked. */
  recheckAll(): void {
    this.#check(this.#watchers.all(), false);
  }

  /** The answer of `view` from the read that is waking its polls right now; undefined outside that. */
  answerOf(view: View): CountsAnswer | undefined {
    return this.#answers?.get(view);
  }

  clear(): void {
    this.#watchers.clear();
  }

  /**
   * Reads the given watchers' cursors (batched with any other checks asked
   * for in the same turn of the event loop) and answers those whose cursor
   * moved. A failed read leaves them held: the subscription's renewal or the
   * next heartbeat checks them again.
   */
  #check(watchers: Iterable<RedisWatcher>, isWoken: boolean): void {
    const isFirst = this.#pending.size === 0;
    // A delta poll (its cursor carries a sealed change number) is answered with what changed, read apart: only its cursor is read here.
    for (const watcher of watchers) if (!this.#pending.get(watcher)) this.#pending.set(watcher, isWoken && watcher.since.sealed === undefined);
    if (!isFirst || this.#pending.size === 0) return;
    setImmediate(() => {
      const batch = this.#pending;
      this.#pending = new Map();
      // Each view once, by identity: a client's polls share its view.
      const answerViews = new Map<View, number>();
      const cursorViews = new Map<View, number>();
      for (const [{ view }, wantsAnswer] of batch) if (wantsAnswer) answerViews.set(view, 0);
      for (const { view } of batch.keys()) if (!answerViews.has(view)) cursorViews.set(view, 0);
      const views = [...answerViews.keys(), ...cursorViews.keys()];
      this.#read([...answerViews.keys()], [...cursorViews.keys()]).then(({ answers, cursors }) => {
        const cursorOf = new Map(views.map((view, i) => [view, cursors[i]!]));
        this.#answers = new Map(answers.map((answer, i) => [views[i]!, answer]));
        try {
          for (const watcher of batch.keys()) {
            const now = cursorOf.get(watcher.view)!;
            // A cursor ahead of the state found (the mirror's, with the message of that change still on its way) stays held: the message wakes it.
            const isMoved = !isSameState(now, watcher.since) && !isAheadOf(watcher.since, now);
            if (isMoved && this.#watchers.remove(watcher)) watcher.onChange();
          }
        } finally {
          this.#answers = undefined;
        }
      }, (error: unknown) => {
        this.#log.warn({ err: (error as Error).message }, 'could not read cursors from Redis; held polls stay held');
      });
    });
  }
}
