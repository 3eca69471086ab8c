import { DEFAULT_MESSAGES_PER_MAILBOX, type MailboxUpdate } from '../../../common/protocol.ts';
import type { MarkOutcome, MarkRequest, Source, SourceContext, SourceState } from '../source.ts';
import { formatDelay, realTimers, type Timers } from '../../../common/timers.ts';
import type { ImapConfig } from './imap-config.ts';
import { describeFailure, type Failure, type FailureKind } from './imap-error.ts';
import { NewestMessages } from './imap-newest.ts';
import { ImapSession, type CreateClient, type FolderCount } from './imap-session.ts';
import { AccessTokens } from './access-tokens.ts';
import { FolderWatchers } from './folder-watchers.ts';
import { TokenFailure } from './token-endpoint.ts';
import { retryBounds, retryDelay, type BackoffOptions } from '../../../common/retry.ts';

/** How long to wait before reconnecting, and why not sooner. */
export interface ReconnectBackoff extends BackoffOptions {
  /** After a refused login: slow, so the server does not lock the account. */
  authMs: number;
}

const defaultBackoff: ReconnectBackoff = { ...retryBounds.imapReconnect, authMs: 15 * 60_000 };

export interface ImapAccountOptions {
  timers?: Timers;
  random?: () => number;
  backoff?: ReconnectBackoff;
  createClient?: CreateClient;
}

/** A failure this account retries: what imap-error.ts words, or one of its own it did not expect. */
type RetriedFailure = Omit<Failure, 'kind'> & { kind: FailureKind | 'internal' };

/**
 * One IMAP account: keeps one session alive for as long as the source runs.
 * It owns reconnecting (imapflow does not): backoff with full jitter after a
 * lost connection, 15 min after a refused login, and a watchdog for a
 * connection that went silent without an error. While it is down its
 * mailboxes keep their last count with `state: "error"` and the reason.
 */
export class ImapAccount implements Source {
  readonly #config: ImapConfig;
  readonly #context: SourceContext;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #backoff: ReconnectBackoff;
  readonly #createClient: CreateClient | undefined;
  /** Set for an account that signs in with an OAuth2 refresh token. */
  readonly #tokens: AccessTokens | undefined;
  /** Set once the refresh token is refused: nothing is retried until the config changes. */
  #signedOut: string | undefined;
  #state: SourceState = 'pending';
  #session: ImapSession | undefined;
  #isSessionOpen = false;
  readonly #messagesPerMailbox: number;
  /** Kept across sessions: a reconnect fetches no envelope it already has. */
  readonly #newest: NewestMessages;
  #watchers: FolderWatchers | undefined;
  /** The latest count of each folder, from the account's connection or a folder's own watcher. */
  #counts = new Map<string, FolderCount>();
  #failures = 0;
  #isStopped = false;
  #running: Promise<void> | undefined;
  /** Cancels for the timers of the current session or the pending retry. */
  #cancels: Array<() => void> = [];
  #cancelWatchdog = () => {};
  #lastHeardAt = 0;
  /** Set when the watchdog dropped the connection, to say so in the error. */
  #silence: string | undefined;
  /** The folders whose changes the server is expected to push (IDLE, NOTIFY, a folder's own watcher). */
  #pushed = new Set<string>();
  /**
   * Set once a periodic check found new mail that the server's IDLE never
   * reported (Courier, Cyrus without idled, imap4d): the account then checks
   * every `pollSeconds`, for the rest of its life, and /healthz says why.
   */
  #lateNote: string | undefined;

  constructor(config: ImapConfig, context: SourceContext, options: ImapAccountOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? defaultBackoff;
    this.#createClient = options.createClient;
    this.#messagesPerMailbox = context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX;
    this.#newest = new NewestMessages(this.#messagesPerMailbox);
    if (config.auth.kind === 'oauth2') {
      const { host, user } = config;
      const mailboxIds = config.mailboxes.map((m) => m.id);
      const isKept = context.onRefreshToken !== undefined || config.auth.stateFile !== undefined;
      this.#tokens = new AccessTokens(config.auth, {
        timers: this.#timers,
        onRotated: (refreshToken) => {
          if (isKept) context.log.info({ host, user }, 'imap: the provider rotated the refresh token; keeping the new one');
          else context.log.warn({ host, user }, 'imap: the provider rotated the refresh token; set "auth.stateFile" so the new one outlives a restart');
          context.onRefreshToken?.(mailboxIds, refreshToken);
        },
        onRevoked: (failure) => this.#signOut(failure),
        warn: (words) => context.log.warn({ host, user }, words),
      });
    }
  }

  /** Starts the first connection and returns without waiting for it: one slow server must not hold up the others. */
  async start(): Promise<void> {
    this.#connect();
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    this.#tokens?.stop();
    this.#clearTimers();
    await Promise.all([this.#session?.close(true), this.#watchers?.close(true)]);
    await this.#running;
  }

  state(): SourceState {
    return this.#state;
  }

  note(): string | undefined {
    return this.#lateNote;
  }

  async markRead(mailboxId: string, request: MarkRequest): Promise<MarkOutcome> {
    const mailbox = this.#config.mailboxes.find((m) => m.id === mailboxId);
    const session = this.#session;
    if (!mailbox) return { refused: `the IMAP account ${this.#config.user} does not feed the mailbox "${mailboxId}"` };
    if (!session || !this.#isSessionOpen) {
      return { refused: `the IMAP account ${this.#config.user} on ${this.#config.host} is not connected now; try again when it is` };
    }
    try {
      return { marked: await session.markSeen(mailbox.folders, request) };
    } catch (error) {
      this.#context.log.warn({ host: this.#config.host, err: error }, 'imap: marking messages read failed');
      return { refused: `${this.#config.host} did not mark the messages read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  #connect(): void {
    if (this.#isStopped) return;
    this.#running = this.#runSession().catch((error: unknown) => {
      // Only a bug gets here; keep the account alive rather than silent.
      this.#context.log.error({ err: error, host: this.#config.host }, 'imap: unexpected failure');
      this.#retry({ kind: 'internal', words: `unexpected failure with ${this.#config.host}`, facts: { host: this.#config.host } }, false);
    });
  }

  async #runSession(): Promise<void> {
    const { host, port, user } = this.#config;
    let accessToken: string | undefined;
    let session: ImapSession;
    for (let attempt = 0; ; attempt += 1) {
      if (this.#tokens) {
        try {
          accessToken = attempt === 0 ? await this.#tokens.current() : await this.#tokens.renew();
        } catch (error) {
          this.#tokenFailed(error);
          return;
        }
        if (this.#isStopped) return;
      }
      this.#counts = new Map();
      session = new ImapSession(this.#config, {
        onCounts: (counts) => { void this.#publish(counts); },
        onHeard: () => this.#heard(),
      }, this.#createClient, accessToken, this.#messagesPerMailbox, this.#newest);
      this.#session = session;
      this.#isSessionOpen = false;
      try {
        await session.open();
        break;
      } catch (error) {
        session.close(false).catch(() => {});
        if (this.#isStopped) return;
        const failure = describeFailure(error, { host, port, user });
        // An access token may be refused before its stated expiry (revoked, clock skew): refresh once, then judge.
        if (failure.kind === 'auth' && this.#tokens && attempt === 0) {
          this.#context.log.info({ host, port, user }, 'imap: the server refused the access token; refreshing it once');
          continue;
        }
        if (failure.kind === 'auth' && this.#tokens) {
          failure.words += ' even with a fresh access token (is IMAP allowed for this account, and was mail access granted at sign-in?)';
        }
        this.#context.log.warn({ host, port, user, kind: failure.kind }, `imap: ${failure.words}`);
        this.#retry(failure, false);
        return;
      }
    }
    if (this.#isStopped) {
      await session.close(true);
      return;
    }
    this.#failures = 0;
    const push = await this.#pushOtherFolders(session, accessToken);
    if (this.#isStopped) return;
    this.#context.log.info({ host, port, user, push: push.how }, 'imap: connected');
    this.#isSessionOpen = true;
    this.#pushed = new Set(push.folders);
    this.#checkPeriodically(session, push.isEveryFolder);
    this.#heard();

    const watchers = this.#watchers;
    const error = await Promise.race([session.closed, watchers?.closed ?? session.closed]);
    // One connection of the account dropped: all of them start again together.
    await Promise.all([session.close(false), watchers?.close(false)]);
    this.#watchers = undefined;
    this.#isSessionOpen = false;
    if (this.#isStopped || this.#signedOut !== undefined) return;
    this.#clearTimers();
    this.#context.log.warn({ host, port, user, code: (error as { code?: string } | undefined)?.code }, 'imap: connection lost');
    const why = this.#silence === undefined ? '' : ` (no word from the server for ${this.#silence})`;
    this.#silence = undefined;
    this.#retry({ kind: 'connection', words: `connection to ${host} lost${why}`, facts: { host, port: String(port) } }, true);
  }

  /**
   * Push beyond the first folder: NOTIFY where the session has it, else one
   * IDLE connection per folder up to `maxConnections` for the account.
   * Says what came of it, for the log.
   */
  async #pushOtherFolders(session: ImapSession, accessToken: string | undefined): Promise<{ isEveryFolder: boolean; folders: string[]; how: string }> {
    const count = session.folders.length;
    if (session.isPushingEveryFolder) return { isEveryFolder: true, folders: [...session.folders], how: count > 1 ? 'IDLE and NOTIFY' : 'IDLE' };
    if (!session.hasIdle) return { isEveryFolder: false, folders: [], how: 'none: polled' };
    const others = session.folders.slice(1, this.#config.maxConnections);
    const watchers = new FolderWatchers(this.#config, {
      createClient: this.#createClient,
      accessToken,
      onCounts: (counts) => { void this.#publish(counts); },
      onHeard: () => {},
    });
    this.#watchers = watchers;
    const { watched, failures } = await watchers.open(others);
    for (const failure of failures) {
      const { host, port, user } = this.#config;
      this.#context.log.warn({ host, port, user }, `imap: a folder stays polled: ${describeFailure(failure, { host, port, user }).words}`);
    }
    return {
      isEveryFolder: watched.length === count - 1,
      folders: [session.folders[0]!, ...watched],
      how: `IDLE on ${watched.length + 1} connections for ${count} folders`,
    };
  }

  /** The token endpoint failed: a revoked sign-in stops the account, anything else is retried. */
  #tokenFailed(error: unknown): void {
    if (error instanceof TokenFailure && error.kind === 'revoked') {
      this.#signOut(error);
      return;
    }
    const words = error instanceof TokenFailure ? error.message : `the access token could not be refreshed: ${String(error)}`;
    const kind = error instanceof TokenFailure && error.kind === 'setup' ? 'setup' : 'connection';
    const { host, user } = this.#config;
    this.#context.log.warn({ host, user, kind }, `imap: ${words}`);
    this.#retry({ kind, words, facts: { user, host } }, false);
  }

  /** The refresh token is revoked or expired: say "sign in again" and stop, rather than ask the provider again and again. */
  #signOut(failure: TokenFailure): void {
    if (this.#isStopped || this.#signedOut !== undefined) return;
    const { host, user } = this.#config;
    this.#signedOut = `${user}: ${failure.message}`;
    this.#context.log.warn({ host, user }, `imap: ${failure.message}`);
    this.#clearTimers();
    this.#tokens?.stop();
    this.#state = 'error';
    const error = this.#signedOut;
    void this.#write(this.#config.mailboxes.map(({ id }) => ({ id, state: 'error', error, errorKind: 'auth-expired', errorFacts: { user, host } })));
    this.#session?.close(true).catch(() => {});
  }

  /** Marks the mailboxes as failing and schedules the next try. */
  #retry(failure: RetriedFailure, isLost: boolean): void {
    if (this.#isStopped) return;
    this.#clearTimers();
    // A connection that was up starts the backoff over; failed attempts in a row climb it.
    const attempt = isLost ? 0 : this.#failures;
    this.#failures = attempt + 1;
    const delay = failure.kind === 'auth' || failure.kind === 'limit' || failure.kind === 'setup' || failure.kind === 'folder'
      ? this.#backoff.authMs
      : retryDelay(attempt, { ...this.#backoff, random: this.#random });
    this.#state = 'error';
    const error = `${failure.words}; retrying in ${formatDelay(delay)}`;
    const errorFacts = { ...failure.facts, retryAt: new Date(this.#timers.now() + delay).toISOString() };
    void this.#write(this.#config.mailboxes.map(({ id }) => ({ id, state: 'error', error, errorKind: failure.kind, errorFacts })));
    this.#cancels.push(this.#timers.after(delay, () => this.#connect()));
  }

  /** Sums each mailbox's folders and writes them all at once, so a client sees one change. */
  async #publish(latest: Map<string, FolderCount>): Promise<void> {
    if (this.#isStopped || this.#signedOut !== undefined) return;
    for (const [folder, count] of latest) this.#counts.set(folder, count);
    const counts = this.#counts;
    const updates: MailboxUpdate[] = this.#config.mailboxes.map(({ id, folders }) => {
      const failed = folders.map((f) => [f, counts.get(f)] as const).find(([, c]) => !c || 'problem' in c);
      if (failed) {
        const why = failed[1] && 'problem' in failed[1] ? failed[1].problem : 'not counted';
        const { host } = this.#config;
        return { id, state: 'error', error: `the folder ${JSON.stringify(failed[0])} on ${host} cannot be counted: ${why}`, errorKind: 'folder', errorFacts: { folder: failed[0], host } };
      }
      const count = folders.reduce((sum, f) => sum + (counts.get(f) as { unseen: number }).unseen, 0);
      // Messages only where the session knows them for every folder (the watched one): a list from part of the mailbox would mislead.
      const messages = folders.length === 1 ? (counts.get(folders[0]!) as { messages?: MailboxUpdate['messages'] }).messages : undefined;
      // "" clears a note an earlier account of the same mailbox left (a changed config entry starts afresh).
      const note = this.#lateNote ?? '';
      return messages ? { id, count, state: 'ok', note, messages } : { id, count, state: 'ok', note };
    });
    this.#state = updates.some((u) => u.state === 'error') ? 'error' : 'ok';
    await this.#write(updates);
  }

  async #write(updates: MailboxUpdate[]): Promise<void> {
    try {
      await this.#context.store.setMany(updates);
    } catch (error) {
      this.#context.log.error({ err: error }, 'imap: the store refused the counts');
    }
  }

  /**
   * Something arrived, so the connection lives. If nothing at all arrives for
   * the IDLE re-issue interval plus a margin (an IDLE that died without an
   * error), the connection is dropped and made again.
   */
  #heard(): void {
    this.#lastHeardAt = this.#timers.now();
    this.#cancelWatchdog();
    if (this.#isStopped || !this.#session) return;
    const session = this.#session;
    const limit = this.#config.idleRestartMs + Math.min(60_000, this.#config.idleRestartMs / 2);
    this.#cancelWatchdog = this.#timers.after(limit, () => {
      if (this.#session !== session || this.#isStopped) return;
      this.#silence = formatDelay(this.#timers.now() - this.#lastHeardAt);
      this.#context.log.warn({ host: this.#config.host, silentFor: this.#silence }, 'imap: no word from the server; reconnecting');
      session.close(false).catch(() => {});
    });
  }

  /**
   * Checks every folder every `recountSeconds` even with IDLE (not every
   * server pushes flag changes), or every `pollSeconds` where a folder is
   * polled or the server was found to report new mail late. The next check
   * is set when one ends, so a check that finds the server late shortens the
   * very next wait.
   */
  #checkPeriodically(session: ImapSession, isEveryFolderPushed: boolean): void {
    const { recountMs, pollMs } = this.#config;
    let isCancelled = false;
    let cancel = () => {};
    const next = () => {
      if (isCancelled || this.#isStopped) return;
      const ms = isEveryFolderPushed && this.#lateNote === undefined ? recountMs : Math.min(pollMs, recountMs);
      cancel = this.#timers.after(ms, () => { void this.#check(session).finally(next); });
    };
    this.#cancels.push(() => {
      isCancelled = true;
      cancel();
    });
    next();
  }

  /** One periodic check; new mail it finds in a pushed folder is mail the server's IDLE did not report. */
  async #check(session: ImapSession): Promise<void> {
    let before = new Map<string, FolderCount>();
    let counts: Map<string, FolderCount>;
    try {
      counts = await session.check(() => { before = new Map(this.#counts); });
    } catch {
      // A failed check means a failed connection; the session's 'close' reports it.
      return;
    }
    if (this.#lateNote !== undefined || this.#session !== session) return;
    const missed = [...this.#pushed].find((folder) => {
      const [was, is] = [before.get(folder), counts.get(folder)];
      return was !== undefined && is !== undefined && 'unseen' in was && 'unseen' in is && is.unseen > was.unseen;
    });
    if (missed === undefined) return;
    const every = formatDelay(Math.min(this.#config.pollMs, this.#config.recountMs));
    this.#lateNote = `this server reports new mail late; checking for it every ${every}`;
    const { host, port, user } = this.#config;
    this.#context.log.warn({ host, port, user, folder: missed },
      `imap: ${host} reports new mail late: a periodic check found new mail in ${JSON.stringify(missed)} that IDLE did not report; `
      + `checking every ${every} from now on (docs/sources.md: "How an account is watched")`);
    // The mailboxes carry the note from now on, beside their counts.
    await this.#publish(new Map());
  }

  #clearTimers(): void {
    for (const cancel of this.#cancels) cancel();
    this.#cancels = [];
    this.#cancelWatchdog();
  }
}
