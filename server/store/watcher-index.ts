import type { View } from './store.ts';

/** One held poll's interest, as the store keeps it. */
export interface Watcher {
  view: View;
  onChange: () => void;
}

/**
 * Watchers indexed by the mailboxes they see, so a change finds exactly the
 * held polls that can see it and touches no other. Both stores keep their
 * watchers here; they differ only in when they call `woken`.
 */
/**
 * Views longer than this are not indexed id by id: a client listing 100,000
 * mailboxes would cost 100,000 index entries per held poll. Such watchers are
 * checked against each change instead, through their view's Set.
 */
export const LONG_VIEW = 64;

export class WatcherIndex<W extends Watcher = Watcher> {
  // A mailbox's one watcher as itself (the usual case: one poll per mailbox), a Set
  // only while it has more. A Set made and dropped with every poll would outlive
  // young collections and die old, like the rest of a held poll.
  readonly #byId = new Map<string, W | Set<W>>();
  readonly #ofAll = new Set<W>();
  readonly #ofLongLists = new Set<W>();
  readonly #all = new Set<W>();

  get size(): number {
    return this.#all.size;
  }

  add(watcher: W): void {
    this.#all.add(watcher);
    if (watcher.view === '*') {
      this.#ofAll.add(watcher);
      return;
    }
    if (watcher.view.length > LONG_VIEW) {
      this.#ofLongLists.add(watcher);
      return;
    }
    for (const id of watcher.view) {
      const held = this.#byId.get(id);
      if (held === undefined) this.#byId.set(id, watcher);
      else if (held instanceof Set) held.add(watcher);
      else this.#byId.set(id, new Set([held, watcher]));
    }
  }

  /** Removes the watcher; false when it was not (or no longer) indexed. */
  remove(watcher: W): boolean {
    if (!this.#all.delete(watcher)) return false;
    if (watcher.view === '*') {
      this.#ofAll.delete(watcher);
      return true;
    }
    if (watcher.view.length > LONG_VIEW) {
      this.#ofLongLists.delete(watcher);
      return true;
    }
    for (const id of watcher.view) {
      const held = this.#byId.get(id);
      if (held === watcher) this.#byId.delete(id);
      else if (held instanceof Set && held.delete(watcher) && held.size <= 1) {
        const [last] = held;
        if (last === undefined) this.#byId.delete(id);
        else this.#byId.set(id, last);
      }
    }
    return true;
  }

  /** Whether a watcher of a list (not `*`, not a long list) names the mailbox. */
  watches(id: string): boolean {
    return this.#byId.has(id);
  }

  /** The watchers that can see any of `ids` (every `*` watcher sees them all). */
  woken(ids: readonly string[]): Set<W> {
    const woken = new Set<W>(this.#ofAll);
    for (const id of ids) {
      const held = this.#byId.get(id);
      if (held instanceof Set) for (const watcher of held) woken.add(watcher);
      else if (held !== undefined) woken.add(held);
    }
    for (const watcher of this.#ofLongLists) {
      const seen = viewSet(watcher.view as readonly string[]);
      if (ids.some((id) => seen.has(id))) woken.add(watcher);
    }
    return woken;
  }

  all(): W[] {
    return [...this.#all];
  }

  clear(): void {
    this.#byId.clear();
    this.#ofAll.clear();
    this.#ofLongLists.clear();
    this.#all.clear();
  }
}

const viewSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** A list view as a Set, made once per view (clients keep theirs for as long as they are configured). */
export function viewSet(view: readonly string[]): ReadonlySet<string> {
  let set = viewSets.get(view);
  if (!set) viewSets.set(view, (set = new Set(view)));
  return set;
}
