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
export class WatcherIndex<W extends Watcher = Watcher> {
  readonly #byId = new Map<string, Set<W>>();
  readonly #ofAll = new Set<W>();
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
    return woken;
  }

  all(): W[] {
    return [...this.#all];
  }

  clear(): void {
    this.#byId.clear();
    this.#ofAll.clear();
    this.#all.clear();
  }
}
