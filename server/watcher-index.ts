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
  readonly #byId = new Map<string, Set<W>>();
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
      let set = this.#byId.get(id);
      if (!set) this.#byId.set(id, (set = new Set()));
      set.add(watcher);
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
      const set = this.#byId.get(id);
      set?.delete(watcher);
      if (set?.size === 0) this.#byId.delete(id);
    }
    return true;
  }

  /** The watchers that can see any of `ids` (every `*` watcher sees them all). */
  woken(ids: readonly string[]): Set<W> {
    const woken = new Set<W>(this.#ofAll);
    for (const id of ids) {
      for (const watcher of this.#byId.get(id) ?? []) woken.add(watcher);
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
