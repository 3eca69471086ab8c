import { formatCursor, newEpoch, type Cursor } from './cursor.ts';
import type { CountsAnswer, Mailbox, MailboxUpdate } from '../../common/protocol.ts';
import { ChangeLog } from './change-log.ts';
import { newDeltaKey } from './delta-cursor.ts';
import { visibleChange } from './visible-change.ts';
import { LONG_VIEW, viewSet, WatcherIndex, type Watcher } from './watcher-index.ts';
import {
  StoreFullError, type ChangesAnswer, type DeclaredMailbox, type ServedStore, type StoreHealth, type StoreStats, type View,
} from './store.ts';

/**
 * A mailbox as clients see it, and its version. `mailbox` is replaced, never
 * changed, so answers can share it and its JSON (answer-text.ts) until the
 * mailbox changes.
 */
export interface Entry {
  readonly mailbox: Mailbox;
  /** How many visible changes this mailbox has had; cursors are sums of these. */
  readonly version: number;
}

/**
 * What one write did to the store, as a copy in another process applies it
 * (server/workers/): the entries it set, whole, with their versions; the
 * mailboxes it forgot, with the version their cursor part keeps; and the ids
 * of its changes in order, the last numbered `seq`.
 */
export interface StorePatch {
  entries: Entry[];
  forgotten: Array<[id: string, version: number]>;
  changed: string[];
  seq: number;
  /** The store's count of visible changes after it (/metrics). */
  changes: number;
}

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

/** The store for one process: counts in a Map, a new epoch per start. */
export class MemoryStore implements ServedStore {
  readonly epoch: string;
  /** Seals delta cursors (delta-cursor.ts); made with the epoch, so it lives as long as the epoch does. */
  readonly deltaKey: Buffer;
  readonly #entries = new Map<string, Entry>();
  readonly #watchers = new WatcherIndex();
  readonly #maxMailboxes: number;
  readonly #now: () => Date;
  readonly #startedAt: string;
  /** The version a forgotten mailbox's cursor part keeps, so no cursor moves backwards. */
  readonly #forgottenVersions = new Map<string, number>();
  #totalVersion = 0;
  #changes = 0;
  /** Which mailbox each recent change was, by change number (= #totalVersion after it). */
  readonly #log = new ChangeLog();
  /** A long list view's last cursor version and the change number it was counted at. */
  readonly #listCursors = new WeakMap<readonly string[], { version: number; seq: number }>();

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
    this.epoch = options.epoch ?? newEpoch();
    this.deltaKey = options.deltaKey ?? newDeltaKey();
    this.#onApplied = options.onApplied;
    this.#maxMailboxes = options.maxMailboxes ?? 100_000;
    this.#now = options.now ?? (() => new Date());
    this.#startedAt = this.#now().toISOString();
  }

  async declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    const renamed: string[] = [];
    for (const { id, name } of mailboxes) {
      const entry = this.#entries.get(id);
      // A new mailbox is no change (nobody saw it before); a new name is one, as
      // visibleChange says for any update: its cursor moves and its polls wake.
      if (!entry) this.#entries.set(id, this.#pending(id, name));
      else if (this.#apply({ id, name })) renamed.push(id);
    }
    this.#generation += 1;
    this.#tell(mailboxes.map((m) => m.id), [], renamed);
    this.#wake(renamed);
  }

  async forget(ids: readonly string[]): Promise<void> {
    const gone = ids.filter((id) => this.#entries.has(id));
    if (gone.length === 0) return;
    // A cursor never goes back: a list view that still names a forgotten id
    // counts its last version plus one, and so does the id if it comes back.
    for (const id of gone) {
      this.#forgottenVersions.set(id, this.#entries.get(id)!.version + 1);
      this.#entries.delete(id);
      this.#totalVersion += 1;
      this.#log.record(this.#totalVersion, id);
    }
    this.#changes += gone.length;
    this.#generation += 1;
    this.#tell([], gone, gone);
    this.#wake(gone);
  }

  async setMany(updates: readonly MailboxUpdate[]): Promise<string[]> {
    if (this.#entries.size + this.#newIdsIn(updates) > this.#maxMailboxes) {
      throw new StoreFullError(`this server holds at most ${this.#maxMailboxes} mailboxes`);
    }
    const changed: string[] = [];
    const touched: string[] = [];
    for (const update of updates) {
      const before = this.#entries.get(update.id);
      if (this.#apply(update)) changed.push(update.id);
      if (this.#entries.get(update.id) !== before) touched.push(update.id);
    }
    if (touched.length > 0) this.#generation += 1;
    this.#tell(touched, [], changed);
    this.#wake(changed);
    return changed;
  }

  /** How many mailboxes `updates` would add; without a Set for the usual single update. */
  #newIdsIn(updates: readonly MailboxUpdate[]): number {
    if (updates.length === 1) return this.#entries.has(updates[0]!.id) ? 0 : 1;
    return new Set(updates.map((u) => u.id).filter((id) => !this.#entries.has(id))).size;
  }

  /** The whole store as one patch, for a copy that starts now (it knows no earlier change). */
  dump(): StorePatch & { startedAt: string } {
    return {
      entries: [...this.#entries.values()], forgotten: [...this.#forgottenVersions], changed: [],
      seq: this.#totalVersion, changes: this.#changes, startedAt: this.#startedAt,
    };
  }

  /**
   * Applies a patch another store made (a copy's only write): its entries and
   * versions as they are, then wakes the watchers of what changed. The first
   * patch of a copy is that store's dump.
   */
  applyPatch(patch: StorePatch): void {
    if (patch.changed.length === 0 && this.#totalVersion < patch.seq) this.#log.restart(patch.seq);
    for (const [id, version] of patch.forgotten) {
      this.#forgottenVersions.set(id, version);
      this.#entries.delete(id);
    }
    for (const entry of patch.entries) this.#entries.set(entry.mailbox.id, entry);
    const first = patch.seq - patch.changed.length;
    patch.changed.forEach((id, i) => this.#log.record(first + i + 1, id));
    this.#totalVersion = patch.seq;
    this.#changes = patch.changes;
    this.#generation += 1;
    this.#wake(patch.changed);
  }

  #tell(touched: readonly string[], forgotten: readonly string[], changed: string[]): void {
    if (!this.#onApplied || (touched.length === 0 && forgotten.length === 0)) return;
    const entries = touched.flatMap((id) => this.#entries.get(id) ?? []);
    this.#onApplied({
      entries, forgotten: forgotten.map((id) => [id, this.#forgottenVersions.get(id)!]), changed, seq: this.#totalVersion, changes: this.#changes,
    });
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
      ? Array.from(this.#entries.values(), (entry) => entry.mailbox)
      : view.map((id) => (this.#entries.get(id) ?? this.#pending(id, id)).mailbox);
    const answer: CountsAnswer = { cursor: formatCursor(this.#cursorOf(view)), mailboxes };
    this.#snapshots.set(view, answer);
    return answer;
  }

  async changes(view: View, sinceSeq: number | undefined): Promise<ChangesAnswer> {
    const cursor = formatCursor({ ...this.#cursorOf(view), seq: this.#totalVersion });
    const ids = sinceSeq === undefined ? undefined : this.#log.since(sinceSeq);
    if (!ids) return { answer: { ...(await this.snapshot(view)), cursor }, isWhole: true };
    const inView = view === '*' ? undefined : viewSet(view);
    const changed = new Set(ids.filter((id) => !inView || inView.has(id)));
    const mailboxes: Mailbox[] = [];
    const removed: string[] = [];
    for (const id of changed) {
      const entry = this.#entries.get(id);
      // Forgotten (a reload removed it): gone from "*", pending in a list that still names it.
      if (!entry && view === '*') removed.push(id);
      else mailboxes.push((entry ?? this.#pending(id, id)).mailbox);
    }
    return { answer: removed.length > 0 ? { cursor, mailboxes, removed } : { cursor, mailboxes }, isWhole: false };
  }

  async cursor(view: View): Promise<Cursor> {
    return this.#cursorOf(view);
  }

  async deltaKeyOf(epoch: string): Promise<Buffer | undefined> {
    return epoch === this.epoch ? this.deltaKey : undefined;
  }

  /** The only process that writes this store is this one: it never lags. */
  async caughtUp(view: View): Promise<Cursor> {
    return this.#cursorOf(view);
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    const now = this.#cursorOf(view);
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
    for (const { mailbox } of this.#entries.values()) mailboxes[mailbox.state] += 1;
    return { mailboxes, changes: this.#changes };
  }

  async close(): Promise<void> {
    this.#watchers.clear();
  }

  #pending(id: string, name: string): Entry {
    return { mailbox: { id, name, count: 0, state: 'pending', changedAt: this.#startedAt }, version: this.#forgottenVersions.get(id) ?? 0 };
  }

  #cursorOf(view: View): Cursor {
    if (view === '*') return { epoch: this.epoch, version: this.#totalVersion };
    if (view.length <= LONG_VIEW) return { epoch: this.epoch, version: this.#sumOf(view) };
    // A long list's cursor costs what changed since it was last counted: one
    // change in the log is one version more for the mailbox it names.
    const cached = this.#listCursors.get(view);
    let version: number;
    if (cached?.seq === this.#totalVersion) version = cached.version;
    else {
      const ids = cached && this.#log.since(cached.seq);
      if (cached && ids) {
        const inView = viewSet(view);
        version = cached.version;
        for (const id of ids) if (inView.has(id)) version += 1;
      } else version = this.#sumOf(view);
    }
    this.#listCursors.set(view, { version, seq: this.#totalVersion });
    return { epoch: this.epoch, version };
  }

  #sumOf(view: readonly string[]): number {
    let version = 0;
    for (const id of view) version += this.#entries.get(id)?.version ?? this.#forgottenVersions.get(id) ?? 0;
    return version;
  }

  /** Applies one update in place; true when something visible changed. */
  #apply(update: MailboxUpdate): boolean {
    const isNew = !this.#entries.has(update.id);
    const oldEntry = this.#entries.get(update.id) ?? this.#pending(update.id, update.id);
    const { after, isVisible } = visibleChange(oldEntry.mailbox, update);
    if (!isVisible) {
      // Creating a mailbox whose first update says nothing new still makes it exist.
      if (isNew) this.#entries.set(update.id, oldEntry);
      return false;
    }
    this.#entries.set(update.id, { mailbox: { ...after, changedAt: this.#now().toISOString() }, version: oldEntry.version + 1 });
    this.#totalVersion += 1;
    this.#log.record(this.#totalVersion, update.id);
    this.#changes += 1;
    return true;
  }

  #wake(changedIds: readonly string[]): void {
    if (changedIds.length === 0) return;
    for (const watcher of this.#watchers.woken(changedIds)) {
      this.#watchers.remove(watcher);
      watcher.onChange();
    }
  }
}
