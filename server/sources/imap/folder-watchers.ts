import type { ImapConfig } from './imap-config.ts';
import { ImapSession, type CreateClient, type FolderCount } from './imap-session.ts';

export interface FolderWatchersOptions {
  createClient: CreateClient | undefined;
  accessToken: string | undefined;
  /** A watched folder's count, after each change there. */
  onCounts(counts: Map<string, FolderCount>): void;
  onHeard(): void;
}

/**
 * Push for the other folders of an account where the server offers IDLE but
 * no NOTIFY: one more connection per folder, each IDLEing in its folder and
 * counting it. A watcher that cannot log in (a connection limit) leaves its
 * folder to polling; one that drops ends `closed`, and the account then
 * reconnects as a whole.
 */
export class FolderWatchers {
  readonly #config: ImapConfig;
  readonly #options: FolderWatchersOptions;
  readonly #sessions: ImapSession[] = [];
  readonly closed: Promise<unknown>;
  #reportClosed: (error: unknown) => void = () => {};

  constructor(config: ImapConfig, options: FolderWatchersOptions) {
    this.#config = config;
    this.#options = options;
    this.closed = new Promise((resolve) => { this.#reportClosed = resolve; });
  }

  /** Opens one watcher per folder, all at once; resolves with the folders now pushed and the reasons for the others. */
  async open(folders: readonly string[]): Promise<{ watched: string[]; failures: unknown[] }> {
    const results = await Promise.allSettled(folders.map(async (folder) => {
      // The same account, counting one folder: its first, so it is the one selected and IDLEd on.
      const config: ImapConfig = { ...this.#config, mailboxes: [{ id: 'watcher', folders: [folder] }] };
      const session = new ImapSession(config, { onCounts: this.#options.onCounts, onHeard: this.#options.onHeard },
        this.#options.createClient, this.#options.accessToken);
      this.#sessions.push(session);
      try {
        await session.open();
      } catch (error) {
        session.close(false).catch(() => {});
        throw error;
      }
      void session.closed.then((error) => this.#reportClosed(error));
      return folder;
    }));
    return {
      watched: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
      failures: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
    };
  }

  async close(isGraceful: boolean): Promise<void> {
    await Promise.allSettled(this.#sessions.map((s) => s.close(isGraceful)));
  }
}
