import { formatDelay, type Timers } from '../../../common/timers.ts';
import type { Logger } from '../../log.ts';
import type { ImapConfig } from './imap-config.ts';
import type { FolderCount, ImapSession } from './imap-session.ts';

export interface PeriodicChecksOptions {
  config: ImapConfig;
  timers: Timers;
  log: Logger;
  /** The account's latest counts, taken as a check starts, to compare with what it finds. */
  counts(): ReadonlyMap<string, FolderCount>;
  /** Whether the session is still the account's live one. */
  isCurrent(session: ImapSession): boolean;
  /** The server was just found late: the mailboxes carry `lateNote` from now on. */
  onLate(): Promise<void>;
}

/**
 * An account's periodic checks. Every folder is checked every
 * `recountSeconds` even with IDLE (not every server pushes flag changes), or
 * every `pollSeconds` where a folder is polled or the server was found to
 * report new mail late. The next check is set when one ends, so a check that
 * finds the server late shortens the very next wait.
 */
export class PeriodicChecks {
  readonly #options: PeriodicChecksOptions;
  /**
   * Set once a check found new mail that the server's IDLE never reported
   * (Courier, Cyrus without idled, imap4d): the account then checks every
   * `pollSeconds`, for the rest of its life, and /healthz says why.
   */
  #lateNote: string | undefined;

  constructor(options: PeriodicChecksOptions) {
    this.#options = options;
  }

  get lateNote(): string | undefined {
    return this.#lateNote;
  }

  /** Checks one session until the returned function is called; `pushed` are the folders whose changes the server is expected to push. */
  start(session: ImapSession, pushed: ReadonlySet<string>, isEveryFolderPushed: boolean): () => void {
    const { recountMs, pollMs } = this.#options.config;
    let isCancelled = false;
    let cancel = () => {};
    const next = () => {
      if (isCancelled) return;
      const ms = isEveryFolderPushed && this.#lateNote === undefined ? recountMs : Math.min(pollMs, recountMs);
      cancel = this.#options.timers.after(ms, () => { void this.#check(session, pushed).finally(next); });
    };
    next();
    return () => {
      isCancelled = true;
      cancel();
    };
  }

  /** One check; new mail it finds in a pushed folder is mail the server's IDLE did not report. */
  async #check(session: ImapSession, pushed: ReadonlySet<string>): Promise<void> {
    let before = new Map<string, FolderCount>();
    let counts: Map<string, FolderCount>;
    try {
      counts = await session.check(() => { before = new Map(this.#options.counts()); });
    } catch {
      // A failed check means a failed connection; the session's 'close' reports it.
      return;
    }
    if (this.#lateNote !== undefined || !this.#options.isCurrent(session)) return;
    const missed = [...pushed].find((folder) => {
      const [was, is] = [before.get(folder), counts.get(folder)];
      return was !== undefined && is !== undefined && 'unseen' in was && 'unseen' in is && is.unseen > was.unseen;
    });
    if (missed === undefined) return;
    const { config, log } = this.#options;
    const every = formatDelay(Math.min(config.pollMs, config.recountMs));
    this.#lateNote = `this server reports new mail late; checking for it every ${every}`;
    const { host, port, user } = config;
    log.warn({ host, port, user, folder: missed },
      `imap: ${host} reports new mail late: a periodic check found new mail in ${JSON.stringify(missed)} that IDLE did not report; `
      + `checking every ${every} from now on (docs/sources.md: "How an account is watched")`);
    await this.#options.onLate();
  }
}
