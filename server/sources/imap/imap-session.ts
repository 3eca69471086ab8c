import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MarkRequest } from '../source.ts';
import { clientOptions } from './client-options.ts';
import { countFolders, countUnits, type CountUnit, type FolderCount } from './folder-counts.ts';
import { notifyOtherFolders } from './folder-notify.ts';
import type { ImapConfig } from './imap-config.ts';
import { serverWords } from './imap-error.ts';
import { NewestMessages } from './imap-newest.ts';
import { storeSeen } from './mark-read.ts';

export interface SessionListener {
  /** Every folder's unseen count, after the first count and after every change. */
  onCounts(counts: Map<string, FolderCount>): void;
  /** Anything at all arrived from the server: the connection is alive. */
  onHeard(): void;
}

/** Builds the imapflow client; tests may pass their own. */
export type CreateClient = (options: ImapFlowOptions) => ImapFlow;

/**
 * One connection to one account: logs in, opens the first folder read-only
 * and IDLEs there, with NOTIFY for the other folders where the server offers
 * it; re-counts every folder whenever the server reports a change. imapflow does not reconnect, so a session lives once: when it ends,
 * `closed` resolves and the account starts a new one.
 */
export class ImapSession {
  readonly closed: Promise<unknown>;
  readonly #client: ImapFlow;
  readonly #listener: SessionListener;
  readonly #folders: string[];
  readonly #units: CountUnit[];
  readonly #now: () => number;
  #lastError: unknown;
  #counting: Promise<void> | undefined;
  #isRecountWanted = false;
  /** Counting and marking take turns: marking selects other folders, and a count must not run meanwhile. */
  #turn: Promise<unknown> = Promise.resolve();
  readonly #newest: NewestMessages | undefined;
  #isNotifying = false;

  /** `accessToken`: the current one, for an account that signs in with OAuth2 (`auth.kind` `oauth2`). */
  constructor(
    config: ImapConfig, listener: SessionListener, createClient: CreateClient = (options) => new ImapFlow(options), accessToken?: string,
    messagesPerMailbox = 0, newest?: NewestMessages, now: () => number = Date.now,
  ) {
    this.#now = now;
    this.#listener = listener;
    // The account hands over its summaries from the last session, so a reconnect fetches no envelope again.
    this.#newest = messagesPerMailbox > 0 ? newest ?? new NewestMessages(messagesPerMailbox) : undefined;
    this.#folders = [...new Set(config.mailboxes.flatMap((m) => m.folders))];
    this.#units = countUnits(config.mailboxes, this.#folders[0]!);
    this.#client = createClient(clientOptions(config, accessToken));
    const client = this.#client;
    // Without a listener an 'error' event would crash the process; the close that follows ends the session.
    client.on('error', (error: unknown) => {
      this.#lastError ??= error;
      client.close();
    });
    const changed = () => {
      listener.onHeard();
      this.recount();
    };
    client.on('exists', changed);
    client.on('expunge', changed);
    client.on('flags', changed);
    // Every tagged answer, the ones that end each IDLE included.
    client.on('response', () => listener.onHeard());
    this.closed = new Promise((resolve) => client.once('close', () => resolve(this.#lastError)));
  }

  /** Whether the server pushes changes; without IDLE the account polls. */
  get hasIdle(): boolean {
    return this.#client.capabilities.has('IDLE');
  }

  /** The folders it counts, the selected one first. */
  get folders(): readonly string[] {
    return this.#folders;
  }

  /** Whether the server reports changes in every folder (IDLE on the first, NOTIFY for the rest), not only the first. */
  get isPushingEveryFolder(): boolean {
    return this.hasIdle && (this.#folders.length === 1 || this.#isNotifying);
  }

  /** Connects, logs in, opens the first folder and counts; rejects with what went wrong. */
  async open(): Promise<void> {
    await this.#client.connect();
    const first = this.#folders[0]!;
    try {
      // Read-only (EXAMINE): watching must never change a flag, not even \Recent.
      await this.#client.mailboxOpen(first, { readOnly: true });
    } catch (error) {
      // A connection that died meanwhile is not the folder's fault.
      if (!this.#client.usable) throw error;
      const reason = serverWords(error);
      this.#client.close();
      throw Object.assign(new Error(`cannot open ${first}`), { folderFailed: true, folder: JSON.stringify(first), folderName: first, reason });
    }
    this.#listener.onHeard();
    this.#isNotifying = await notifyOtherFolders(this.#client, this.#folders.slice(1), () => {
      this.#listener.onHeard();
      this.recount();
    });
    await this.#count();
  }

  /** Re-counts soon; requests that arrive while a count runs make one more count, not one each. */
  recount(): void {
    if (this.#counting) {
      this.#isRecountWanted = true;
      return;
    }
    this.#counting = (async () => {
      do {
        this.#isRecountWanted = false;
        await this.#count();
      } while (this.#isRecountWanted && this.#client.usable);
    })()
      // A failed count means a failed connection; 'close' reports it.
      .catch(() => {})
      .finally(() => { this.#counting = undefined; });
  }

  /**
   * The periodic check: opens the first folder again (EXAMINE), then counts
   * every folder; resolves with the counts, also handed to `onCounts`. Some
   * sessions never see other sessions' changes until they select again (GNU
   * Mailutils' imap4d), so without the new EXAMINE their count drifts.
   * `onStart` runs when the check's turn comes. Rejects when the connection fails.
   */
  check(onStart: () => void = () => {}): Promise<Map<string, FolderCount>> {
    return this.#inTurn(async () => {
      // Called in turn, so the caller sees what the counts were after any recount queued before this check.
      onStart();
      const first = this.#folders[0]!;
      try {
        await this.#client.mailboxOpen(first, { readOnly: true });
      } catch (error) {
        if (!this.#client.usable) throw error;
        // The folder went away (deleted, renamed): the mailbox says so, and the next check tries again.
        const counts = new Map<string, FolderCount>([[first, { problem: serverWords(error) }]]);
        this.#listener.onCounts(counts);
        return counts;
      }
      return this.#countNow();
    });
  }

  /** Logs out politely when `isGraceful`, else drops the socket (for a connection already dead). */
  async close(isGraceful: boolean): Promise<void> {
    if (isGraceful && this.#client.usable) {
      let cancel = () => {};
      const giveUp = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        cancel = () => clearTimeout(timer);
      });
      await Promise.race([this.#client.logout().catch(() => {}), giveUp]);
      cancel();
    }
    this.#client.close();
    await this.closed;
  }

  /** Marks messages of `folders` seen (mark-read.ts), then counts again. */
  markSeen(folders: readonly string[], request: MarkRequest): Promise<number> {
    return this.#inTurn(async () => {
      const marked = await storeSeen(this.#client, this.#folders[0]!, folders, request, this.#newest);
      await this.#countNow();
      return marked;
    });
  }

  #inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(task, task);
    this.#turn = run.catch(() => {});
    return run;
  }

  async #count(): Promise<void> {
    await this.#inTurn(() => this.#countNow());
  }

  async #countNow(): Promise<Map<string, FolderCount>> {
    const counts = await countFolders(this.#client, this.#units, { first: this.#folders[0]!, newest: this.#newest, now: this.#now() });
    this.#listener.onHeard();
    this.#listener.onCounts(counts);
    return counts;
  }
}
