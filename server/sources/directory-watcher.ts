import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

/** A folder to watch, and which names in it matter (all when left out). */
export interface WatchedFolder {
  path: string;
  names?: readonly string[];
}

interface Armed {
  watcher: FSWatcher;
  /** The folder's identity when armed: a watch follows the inode, not the path. */
  inode: string;
}

/**
 * Keeps one fs.watch per folder and calls `onEvent` on any change in them.
 * `watchOnly` is called before each recount: it arms folders that have appeared,
 * re-arms folders replaced by another (renamed away and back, deleted and made
 * again) and drops the rest, so the watches always follow the paths.
 */
export class DirectoryWatcher {
  readonly #onEvent: () => void;
  readonly #armed = new Map<string, Armed>();

  constructor(onEvent: () => void) {
    this.#onEvent = onEvent;
  }

  async watchOnly(folders: readonly WatchedFolder[]): Promise<void> {
    const wanted = new Map(folders.map((f) => [f.path, f]));
    for (const [path, armed] of this.#armed) {
      if (!wanted.has(path)) this.#disarm(path, armed);
    }
    await Promise.all([...wanted.values()].map((folder) => this.#arm(folder)));
  }

  close(): void {
    for (const [path, armed] of this.#armed) this.#disarm(path, armed);
  }

  async #arm(folder: WatchedFolder): Promise<void> {
    const inode = await inodeOf(folder.path);
    const armed = this.#armed.get(folder.path);
    if (armed && armed.inode === inode) return;
    if (armed) this.#disarm(folder.path, armed);
    if (inode === undefined) return;
    const names = folder.names;
    const self = basename(folder.path);
    let entry: Armed | undefined;
    try {
      const watcher = watch(folder.path, { persistent: false }, (event, name) => {
        // libuv names the folder itself when it is moved or deleted; that watch
        // is dead then, even if a new folder later gets the same inode.
        if (event === 'rename' && name === self) this.#disarm(folder.path, entry);
        // Some platforms give no name; then any event may matter.
        if (!names || name === null || name === self || names.includes(name)) this.#onEvent();
      });
      // The folder went away or the watch broke: a poke makes the recount find out and re-arm.
      watcher.on('error', () => {
        this.#disarm(folder.path, entry);
        this.#onEvent();
      });
      entry = { watcher, inode };
      this.#armed.set(folder.path, entry);
    } catch {
      // Gone between stat and watch, or out of inotify watches: the recount timer still covers it.
    }
  }

  #disarm(path: string, armed: Armed | undefined): void {
    if (!armed) return;
    armed.watcher.close();
    if (this.#armed.get(path) === armed) this.#armed.delete(path);
  }
}

async function inodeOf(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}
