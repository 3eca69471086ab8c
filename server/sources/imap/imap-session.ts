import { rootCertificates } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MessageSummary } from '../../../common/protocol.ts';
import type { MarkRequest } from '../source.ts';
import { decodedFolderNames } from './folder-names.ts';
import { notifyOtherFolders } from './folder-notify.ts';
import type { ImapConfig } from './imap-config.ts';
import { highestUids, NewestMessages } from './imap-newest.ts';

/** What one folder's count came to: a number (and, for the selected folder, its newest unseen messages), or why it could not be had. */
export type FolderCount = { unseen: number; messages?: MessageSummary[] } | { problem: string };

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
    messagesPerMailbox = 0, newest?: NewestMessages,
  ) {
    this.#listener = listener;
    // The account hands over its summaries from the last session, so a reconnect fetches no envelope again.
    this.#newest = messagesPerMailbox > 0 ? newest ?? new NewestMessages(messagesPerMailbox) : undefined;
    this.#folders = [...new Set(config.mailboxes.flatMap((m) => m.folders))];
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

  /**
   * Marks messages of `folders` seen with UID STORE +FLAGS (\Seen) on this
   * connection, and counts again. The folders are selected read-write only
   * for the STORE; then the watched folder is examined again and imapflow
   * goes back to IDLE, so no change is missed. Returns how many were unseen
   * and now are not; ids of messages that are gone are skipped.
   */
  markSeen(folders: readonly string[], request: MarkRequest): Promise<number> {
    return this.#inTurn(async () => {
      const first = this.#folders[0]!;
      let marked = 0;
      try {
        if ('all' in request) {
          for (const folder of folders) {
            await this.#client.mailboxOpen(folder, { readOnly: false });
            const uids = await this.#client.search({ seen: false }, { uid: true });
            if (uids && uids.length > 0) await this.#client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
            marked += uids ? uids.length : 0;
          }
        } else if (folders.includes(first)) {
          const wanted = this.#newest?.uidsOf(request.ids) ?? [];
          if (wanted.length > 0) {
            await this.#client.mailboxOpen(first, { readOnly: false });
            const unseen = await this.#client.search({ seen: false, uid: wanted.join(',') }, { uid: true });
            if (unseen && unseen.length > 0) await this.#client.messageFlagsAdd(unseen, ['\\Seen'], { uid: true });
            marked = unseen ? unseen.length : 0;
          }
        }
      } finally {
        if (this.#client.usable && (this.#client.mailbox === false || this.#client.mailbox.path !== first || !this.#client.mailbox.readOnly)) {
          await this.#client.mailboxOpen(first, { readOnly: true });
        }
      }
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
    const counts = new Map<string, FolderCount>();
    for (const [i, folder] of this.#folders.entries()) {
      try {
        const counted = i === 0 ? await this.#countSelected() : await this.#countOther(folder);
        counts.set(folder, counted === undefined ? { problem: 'the server gave no count' } : typeof counted === 'number' ? { unseen: counted } : counted);
      } catch (error) {
        if (!this.#client.usable) throw error;
        counts.set(folder, { problem: serverWords(error) });
      }
    }
    this.#listener.onHeard();
    this.#listener.onCounts(counts);
    return counts;
  }

  /**
   * SEARCH UNSEEN, not STATUS, for the selected folder: STATUS there is a client
   * bug by RFC 3501 (Dovecot answers "[CLIENTBUG]" with the session's stale
   * view), while SEARCH also brings the session up to date. With ESEARCH the
   * answer is one number however many messages match.
   */
  async #countSelected(): Promise<number | { unseen: number; messages: MessageSummary[] } | undefined> {
    if (!this.#newest) {
      const result = await this.#client.search({ seen: false }, { returnOptions: ['COUNT'] });
      if (Array.isArray(result)) return result.length;
      return result ? result.count ?? 0 : undefined;
    }
    // ALL as well: the unseen UIDs as a compact set ("3,7:9"), the newest of which get their envelopes shown.
    const result = await this.#client.search({ seen: false }, { uid: true, returnOptions: ['COUNT', 'ALL'] });
    if (!result) return undefined;
    const unseen = Array.isArray(result) ? result.length : result.count ?? 0;
    const uids = highestUids(Array.isArray(result) ? result : result.all, this.#newest.limit);
    return { unseen, messages: await this.#newest.of(this.#client, uids) };
  }

  async #countOther(folder: string): Promise<number | undefined> {
    const status = await this.#client.status(folder, { unseen: true });
    return status ? status.unseen : undefined;
  }
}

function clientOptions(config: ImapConfig, accessToken: string | undefined): ImapFlowOptions {
  const { auth } = config;
  // imapflow picks OAUTHBEARER (RFC 7628) when offered, else XOAUTH2, for an access token.
  const login = auth.kind === 'password' ? { user: config.user, pass: auth.secret.reveal() }
    : { user: config.user, accessToken: auth.kind === 'accessToken' ? auth.secret.reveal() : accessToken ?? '' };
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    // true: STARTTLS or nothing, never a silent fall-back to plain text. false: plain text, as written.
    doSTARTTLS: config.security === 'tls' ? undefined : config.security === 'starttls',
    auth: login,
    // Node's `ca` replaces the built-in authorities; keep them, so "ca" adds trust rather than moving it.
    tls: config.ca === undefined ? {} : { ca: [...rootCertificates, config.ca] },
    // imapflow's logs carry protocol lines; ours say what matters without them.
    logger: false,
    // Back to IDLE as soon as our own commands are done: until IDLE starts, the server holds
    // back news of changes. Our back-to-back STATUS commands run before this timer can fire.
    autoIdleDelay: 0,
    maxIdleTime: config.idleRestartMs,
    connectionTimeout: 30_000,
    clientInfo: { name: 'Mailtray' },
  };
}

/** The server's words from a refused command ("NONEXISTENT", "Mailbox doesn't exist: Foo"), a folder it names in modified UTF-7 decoded. */
function serverWords(error: unknown): string {
  const err = (error ?? {}) as Record<string, unknown>;
  if (typeof err.serverResponseCode === 'string') return `the server said ${err.serverResponseCode}`;
  // Dovecot ends its answers with its timings, "(0.001 + 0.000 secs)": noise in a sentence for a person.
  if (typeof err.responseText === 'string' && err.responseText) {
    return `the server said ${decodedFolderNames(err.responseText.replace(/\s*\([\d.+ ]+ secs\)\.?$/, ''))}`;
  }
  return err instanceof Error ? err.message : String(error);
}
