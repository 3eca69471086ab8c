import type { Cursor } from '../cursor.ts';
import type { Logger } from '../../log.ts';
import type { View } from '../store.ts';
import { WatcherIndex, type Watcher } from '../watcher-index.ts';

interface RedisWatcher extends Watcher {
  since: Cursor;
}

/**
 * This instance's held polls on the Redis store, and how they are woken.
 * Pub/sub says only which mailboxes changed; a woken watcher's cursor is read
 * again before it is answered, so a message that comes twice, late or never
 * costs a read, never an answer that is wrong.
 */
export class RedisWakeUps {
  readonly #watchers = new WatcherIndex<RedisWatcher>();
  readonly #readCursors: (views: readonly View[]) => Promise<Cursor[]>;
  readonly #log: Logger;
  #pendingChecks = new Set<RedisWatcher>();

  constructor(readCursors: (views: readonly View[]) => Promise<Cursor[]>, log: Logger) {
    this.#readCursors = readCursors;
    this.#log = log;
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    const watcher: RedisWatcher = { view, since, onChange };
    this.#watchers.add(watcher);
    // Read after indexing: a change committed before the read is seen by it,
    // one committed after is published to a subscription already listening.
    this.#check([watcher]);
    return () => { this.#watchers.remove(watcher); };
  }

  /** A change message of the current epoch named these mailboxes. */
  changed(ids: readonly string[]): void {
    this.#check(this.#watchers.woken(ids));
  }

  /** Any change may have been missed (a new subscription, a new epoch, Redis back): every watcher is checked. */
  recheckAll(): void {
    this.#check(this.#watchers.all());
  }

  clear(): void {
    this.#watchers.clear();
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
        this.#log.warn({ err: (error as Error).message }, 'could not read cursors from Redis; held polls stay held');
      });
    });
  }
}
