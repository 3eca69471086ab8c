import type { Logger } from '../../log.ts';
import type { ImapConfig } from './imap-config.ts';
import { describeFailure } from './imap-error.ts';
import type { FolderCount } from './folder-counts.ts';
import { ImapSession, type CreateClient } from './imap-session.ts';

export interface FolderWatchersOptions {
  createClient: CreateClient | undefined;
  accessToken: string | undefined;
  /** A watched folder's count, after each change there. */
  onCounts(counts: Map<string, FolderCount>): void;
  onHeard(): void;
  /** The source's clock, for filters that count recent mail only. */
  now?: () => number;
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
      // The same account, counting one folder (under each filter its mailboxes have): so it is the one selected and IDLEd on.
      const mailboxes = this.#config.mailboxes.filter((m) => m.folders.includes(folder))
        .map((m) => (m.filter ? { id: m.id, folders: [folder], filter: m.filter } : { id: m.id, folders: [folder] }));
      const config: ImapConfig = { ...this.#config, mailboxes };
      const session = new ImapSession(config, { onCounts: this.#options.onCounts, onHeard: this.#options.onHeard },
        this.#options.createClient, this.#options.accessToken, 0, undefined, this.#options.now);
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

/** What came of pushing an account's folders: which are pushed, and how, for the log. */
export interface Push {
  isEveryFolder: boolean;
  folders: string[];
  how: string;
}

/**
 * Push beyond the first folder: NOTIFY where the session has it, else one
 * IDLE connection per folder up to `maxConnections` for the account.
 * `onWatchers` gets the watchers before they open, so a stop meanwhile closes them too.
 */
export async function pushOtherFolders(session: ImapSession, config: ImapConfig, options: FolderWatchersOptions & {
  log: Logger;
  onWatchers(watchers: FolderWatchers): void;
}): Promise<Push> {
  const count = session.folders.length;
  if (session.isPushingEveryFolder) return { isEveryFolder: true, folders: [...session.folders], how: count > 1 ? 'IDLE and NOTIFY' : 'IDLE' };
  if (!session.hasIdle) return { isEveryFolder: false, folders: [], how: 'none: polled' };
  const others = session.folders.slice(1, config.maxConnections);
  const watchers = new FolderWatchers(config, options);
  options.onWatchers(watchers);
  const { watched, failures } = await watchers.open(others);
  const { host, port, user } = config;
  for (const failure of failures) {
    options.log.warn({ host, port, user }, `imap: a folder stays polled: ${describeFailure(failure, { host, port, user }).words}`);
  }
  return {
    isEveryFolder: watched.length === count - 1,
    folders: [session.folders[0]!, ...watched],
    how: `IDLE on ${watched.length + 1} connections for ${count} folders`,
  };
}
