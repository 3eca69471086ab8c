import type { Cursor } from './cursor.ts';
import type { Mailbox, MailboxUpdate } from '../../common/protocol.ts';
import { ChangeLog } from './change-log.ts';
import { visibleChange } from './visible-change.ts';
import { LONG_VIEW, viewSet } from './watcher-index.ts';
import type { View } from './store.ts';

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

/**
 * The memory store's data and its cursor arithmetic: each mailbox's entry and
 * version, the running total (the cursor of a "*" view, and the change number),
 * the versions forgotten mailboxes keep, and which mailbox each recent change
 * was. Who waits for a change and which answers are kept is memory-store.ts's.
 */
export class MemoryTable {
  readonly epoch: string;
  /** When this table began: the changedAt of a mailbox never counted. */
  readonly startedAt: string;
  readonly #now: () => Date;
  readonly #entries = new Map<string, Entry>();
  /** The version a forgotten mailbox's cursor part keeps, so no cursor moves backwards. */
  readonly #forgottenVersions = new Map<string, number>();
  #totalVersion = 0;
  #changes = 0;
  /** Which mailbox each recent change was, by change number (= #totalVersion after it). */
  readonly #log = new ChangeLog();
  /** A long list view's last cursor version and the change number it was counted at. */
  readonly #listCursors = new WeakMap<readonly string[], { version: number; seq: number }>();

  constructor(epoch: string, now: () => Date) {
    this.epoch = epoch;
    this.#now = now;
    this.startedAt = now().toISOString();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The number of the last change. */
  get seq(): number {
    return this.#totalVersion;
  }

  /** How many visible changes there have been (/metrics). */
  get changes(): number {
    return this.#changes;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  get(id: string): Entry | undefined {
    return this.#entries.get(id);
  }

  entries(): IterableIterator<Entry> {
    return this.#entries.values();
  }

  /** The mailbox as a client sees it: pending under its id when nothing is known of it. */
  mailboxOf(id: string): Mailbox {
    return (this.#entries.get(id) ?? this.#pending(id, id)).mailbox;
  }

  /** Makes a mailbox, pending: no change, nobody saw it before. */
  add(id: string, name: string): void {
    this.#entries.set(id, this.#pending(id, name));
  }

  /** Applies one update in place; true when something visible changed. */
  apply(update: MailboxUpdate): boolean {
    const isNew = !this.#entries.has(update.id);
    const oldEntry = this.#entries.get(update.id) ?? this.#pending(update.id, update.id);
    const { after, isVisible } = visibleChange(oldEntry.mailbox, update);
    if (!isVisible) {
      // Creating a mailbox whose first update says nothing new still makes it exist.
      if (isNew) this.#entries.set(update.id, oldEntry);
      return false;
    }
    this.#entries.set(update.id, { mailbox: { ...after, changedAt: this.#now().toISOString() }, version: oldEntry.version + 1 });
    this.#record(update.id);
    return true;
  }

  /** Removes the mailboxes it has of `ids`; returns those, each of which is a change. */
  forget(ids: readonly string[]): string[] {
    const gone = ids.filter((id) => this.#entries.has(id));
    // A cursor never goes back: a list view that still names a forgotten id
    // counts its last version plus one, and so does the id if it comes back.
    for (const id of gone) {
      this.#forgottenVersions.set(id, this.#entries.get(id)!.version + 1);
      this.#entries.delete(id);
      this.#record(id);
    }
    return gone;
  }

  /** The ids of the changes after change number `seq`, oldest first; undefined when the log no longer reaches back so far. */
  changedSince(seq: number): string[] | undefined {
    return this.#log.since(seq);
  }

  /** The whole table as one patch, for a copy that starts now (it knows no earlier change). */
  dump(): StorePatch {
    return { entries: [...this.#entries.values()], forgotten: [...this.#forgottenVersions], changed: [], seq: this.#totalVersion, changes: this.#changes };
  }

  /** The patch of a write that touched `touched`, forgot `forgotten` and changed `changed`. */
  patchOf(touched: readonly string[], forgotten: readonly string[], changed: string[]): StorePatch {
    return {
      entries: touched.flatMap((id) => this.#entries.get(id) ?? []),
      forgotten: forgotten.map((id) => [id, this.#forgottenVersions.get(id)!]),
      changed, seq: this.#totalVersion, changes: this.#changes,
    };
  }

  /** Applies a patch another table made: its entries and versions as they are. */
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
  }

  cursorOf(view: View): Cursor {
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

  #record(id: string): void {
    this.#totalVersion += 1;
    this.#log.record(this.#totalVersion, id);
    this.#changes += 1;
  }

  #pending(id: string, name: string): Entry {
    return { mailbox: { id, name, count: 0, state: 'pending', changedAt: this.startedAt }, version: this.#forgottenVersions.get(id) ?? 0 };
  }
}
