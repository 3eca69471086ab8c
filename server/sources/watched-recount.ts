import type { BackoffOptions } from '../../common/retry.ts';
import { DirectoryWatcher, type WatchedFolder } from './directory-watcher.ts';
import { RecountLoop } from './recount-loop.ts';
import type { Logger } from '../log.ts';
import type { Timers } from '../../common/timers.ts';

/** Knobs for tests; the config does not set these. */
export interface WatchedRecountOptions {
  debounceMs?: number;
  timers?: Timers;
  backoff?: BackoffOptions;
}

export interface WatchedRecountTask {
  /** The folders to watch now; asked before each recount, so watches follow folders that come and go. */
  folders(): WatchedFolder[];
  /** Counts everything again; resolves false when it failed. */
  recount(): Promise<boolean>;
  everyMs: number;
  log: Logger;
}

/**
 * A recount loop poked by file-system events, for sources that read local
 * files. Watches are armed before each count, so a change that lands in
 * between is seen by the watch if not by the count.
 */
export class WatchedRecount {
  readonly #watcher: DirectoryWatcher;
  readonly #loop: RecountLoop;

  constructor(task: WatchedRecountTask, options: WatchedRecountOptions = {}) {
    this.#loop = new RecountLoop({
      recount: async () => {
        await this.#watcher.watchOnly(task.folders());
        return task.recount();
      },
      debounceMs: options.debounceMs ?? 50,
      log: task.log,
      everyMs: task.everyMs,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
    this.#watcher = new DirectoryWatcher(() => this.#loop.poke());
  }

  start(): Promise<void> {
    return this.#loop.start();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
    this.#watcher.close();
  }
}
