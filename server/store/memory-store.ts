import { formatCursor, newEpoch, type Cursor } from './cursor.ts';
import type { CountsAnswer, Mailbox, MailboxUpdate } from '../../common/protocol.ts';
import { newDeltaKey } from './delta-cursor.ts';
import { MemoryTable, type StorePatch } from './memory-table.ts';
import { viewSet, WatcherIndex, type Watcher } from './watcher-index.ts';
import {
  StoreFullError, type ChangesAnswer, type DeclaredMailbox, type ServedStore, type StoreHealth, type StoreStats, type View,
} from './store.ts';

export interface MemoryStoreOptions {
  /** Refuse to create mailboxes past this many (each costs memory). */
  maxMailboxes?: number;
  now?: () => Date;
  /** A copy of another store takes that store's epoch and delta key, so their cursors are the same. */
  epoch?: string;
  deltaKey?: Buffer;
  /** Told of every write that changed an entry, as it is applied (a primary passes it to its workers' copies). */
  onApplied?: (patch: StorePatch) => void;
}

/**
 * The store for one process: counts in a Map (memory-table.ts), a new epoch
 * per start. Here: who waits for a change, the snapshots kept until the next
 * write, and the patches that keep copies in other processes the same.
 */
export class MemoryStore implements ServedStore {
  /** Seals delta cursors (delta-cursor.ts); made with the epoch, so it lives as long as the epoch does. */
  readonly deltaKey: Buffer;
  readonly #table: MemoryTable;
  readonly #watchers = new WatcherIndex();
  readonly #maxMailboxes: number;
  readonly #onApplied: ((patch: StorePatch) => void) | undefined;
  /** Moves with every write to the entries; a snapshot made at the same generation is still true. */
  #generation = 0;
  /**
   * The snapshots made since the last write, by view: the 15,000 polls of one
   * client that a change wakes together are answered from one snapshot and,
   * through answer-text.ts, one JSON text. Emptied at the next write, so no
   * stale snapshot outlives it (it would live, and cost the collector, for as
   * long as its view goes unasked).
   */
  readonly #snapshots = new Map<View, CountsAnswer>();
  #snapshotsGeneration = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#table = new MemoryTable(options.epoch ?? newEpoch(), options.now ?? (() => new Date()));
    this.deltaKey = options.deltaKey ?? newDeltaKey();
    this.#onApplied = options.onApplied;
    this.#maxMailboxes = options.maxMailboxes ?? 100_000;
  }

  get epoch(): string {
    return this.#table.epoch;
  }

  async declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    const renamed: string[] = [];
    for (const { id, name } of mailboxes) {
      // A new mailbox is no change (nobody saw it before); a new name is one, as
      // visibleChange says for any update: its cursor moves and its polls wake.
      if (!this.#table.has(id)) this.#table.add(id, name);
      else if (this.#table.apply({ id, name })) renamed.push(id);
    }
    this.#generation += 1;
    this.#tell(mailboxes.map((m) => m.id), [], renamed);
    this.#wake(renamed);
  }

  async forget(ids: readonly string[]): Promise<void> {
    const gone = this.#table.forget(ids);
    if (gone.length === 0) return;
    this.#generation += 1;
    this.#tell([], gone, gone);
    this.#wake(gone);
  }

  async setMany(updates: readonly MailboxUpdate[]): Promise<string[]> {
    if (this.#table.size + this.#newIdsIn(updates) > this.#maxMailboxes) {
      throw new StoreFullError(`this server holds at most ${this.#maxMailboxes} mailboxes`);
    }
    const changed: string[] = [];
    const touched: string[] = [];
    for (const update of updates) {
      const before = this.#table.get(update.id);
      if (this.#table.apply(update)) changed.push(update.id);
      if (this.#table.get(update.id) !== before) touched.push(update.id);
    }
    if (touched.length > 0) this.#generation += 1;
    this.#tell(touched, [], changed);
    this.#wake(changed);
    return changed;
  }

  /** How many mailboxes `updates` would add; without a Set for the usual single update. */
  #newIdsIn(updates: readonly MailboxUpdate[]): number {
    if (updates.length === 1) return this.#table.has(updates[0]!.id) ? 0 : 1;
    return new Set(updates.map((u) => u.id).filter((id) => !this.#table.has(id))).size;
  }

  /** The whole store as one patch, for a copy that starts now (it knows no earlier change). */
  dump(): StorePatch & { startedAt: string } {
    return { ...this.#table.dump(), startedAt: this.#table.startedAt };
  }

  /**
   * Applies a patch another store made (a copy's only write): its entries and
   * versions as they are, then wakes the watchers of what changed. The first
   * patch of a copy is that store's dump.
   */
  applyPatch(patch: StorePatch): void {
    this.applyPatches([patch]);
  }

  /** Applies a batch of patches in order, then wakes each watcher once, with the last of them in place. */
  applyPatches(patches: readonly StorePatch[]): void {
    for (const patch of patches) this.#table.applyPatch(patch);
    this.#generation += 1;
    this.#wake(patches.length === 1 ? patches[0]!.changed : patches.flatMap((patch) => patch.changed));
  }

  #tell(touched: readonly string[], forgotten: readonly string[], changed: string[]): void {
    if (!this.#onApplied || (touched.length === 0 && forgotten.length === 0)) return;
    this.#onApplied(this.#table.patchOf(touched, forgotten, changed));
  }

  async snapshot(view: View): Promise<CountsAnswer> {
    return this.snapshotNow(view);
  }

  snapshotNow(view: View): CountsAnswer {
    if (this.#snapshotsGeneration !== this.#generation) {
      this.#snapshots.clear();
      this.#snapshotsGeneration = this.#generation;
    }
    const made = this.#snapshots.get(view);
    if (made) return made;
    const mailboxes = view === '*'
      ? Array.from(this.#table.entries(), (entry) => entry.mailbox)
      : view.map((id) => this.#table.mailboxOf(id));
    const answer: CountsAnswer = { cursor: formatCursor(this.#table.cursorOf(view)), mailboxes };
    this.#snapshots.set(view, answer);
    return answer;
  }

  async changes(view: View, sinceSeq: number | undefined): Promise<ChangesAnswer> {
    const cursor = formatCursor({ ...this.#table.cursorOf(view), seq: this.#table.seq });
    const ids = sinceSeq === undefined ? undefined : this.#table.changedSince(sinceSeq);
    if (!ids) return { answer: { ...(await this.snapshot(view)), cursor }, isWhole: true };
    const inView = view === '*' ? undefined : viewSet(view);
    const changed = new Set(ids.filter((id) => !inView || inView.has(id)));
    const mailboxes: Mailbox[] = [];
    const removed: string[] = [];
    for (const id of changed) {
      // Forgotten (a reload removed it): gone from "*", pending in a list that still names it.
      if (!this.#table.has(id) && view === '*') removed.push(id);
      else mailboxes.push(this.#table.mailboxOf(id));
    }
    return { answer: removed.length > 0 ? { cursor, mailboxes, removed } : { cursor, mailboxes }, isWhole: false };
  }

  async cursor(view: View): Promise<Cursor> {
    return this.#table.cursorOf(view);
  }

  /** The only process that writes this store is this one: it never lags. */
  async caughtUp(view: View): Promise<Cursor> {
    return this.#table.cursorOf(view);
  }

  async deltaKeyOf(epoch: string): Promise<Buffer | undefined> {
    return epoch === this.epoch ? this.deltaKey : undefined;
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    const now = this.#table.cursorOf(view);
    if (now.epoch !== since.epoch || now.version !== since.version) {
      queueMicrotask(onChange);
      return () => {};
    }
    const watcher: Watcher = { view, onChange };
    this.#watchers.add(watcher);
    return () => { this.#watchers.remove(watcher); };
  }

  async health(): Promise<StoreHealth> {
    return { status: 'ok' };
  }

  async stats(): Promise<StoreStats> {
    const mailboxes = { ok: 0, pending: 0, error: 0 };
    for (const { mailbox } of this.#table.entries()) mailboxes[mailbox.state] += 1;
    return { mailboxes, changes: this.#table.changes };
  }

  async close(): Promise<void> {
    this.#watchers.clear();
  }

  #wake(changedIds: readonly string[]): void {
    if (changedIds.length === 0) return;
    for (const watcher of this.#watchers.woken(changedIds)) {
      this.#watchers.remove(watcher);
      watcher.onChange();
    }
  }
}
