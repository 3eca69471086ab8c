import { DEFAULT_MESSAGES_PER_MAILBOX, type MailboxUpdate } from '../../../common/protocol.ts';
import type { MarkOutcome, MarkRequest, Source, SourceContext, SourceState } from '../source.ts';
import { formatDelay, realTimers, type Timers } from '../../../common/timers.ts';
import type { ImapConfig } from './imap-config.ts';
import { NewestMessages } from './imap-newest.ts';
import type { FolderCount } from './folder-counts.ts';
import type { CreateClient, ImapSession } from './imap-session.ts';
import type { AccessTokens } from './access-tokens.ts';
import { accountTokens, isRevoked, tokenFailure } from './account-tokens.ts';
import { pushOtherFolders, type FolderWatchers } from './folder-watchers.ts';
import { failingUpdates, mailboxUpdates } from './mailbox-updates.ts';
import { markMailboxRead } from './mark-read.ts';
import { PeriodicChecks } from './periodic-checks.ts';
import { openSession } from './session-opening.ts';
import { SilenceWatchdog } from './silence-watchdog.ts';
import { defaultBackoff, reconnectDelay, type ReconnectBackoff, type RetriedFailure } from './reconnect-backoff.ts';
import type { TokenFailure } from './token-endpoint.ts';

export interface ImapAccountOptions {
  timers?: Timers;
  random?: () => number;
  backoff?: ReconnectBackoff;
  createClient?: CreateClient;
}

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
  readonly #watchdog: SilenceWatchdog;
  /** Set when the watchdog dropped the connection, to say so in the error. */
  #silence: string | undefined;
  readonly #checks: PeriodicChecks;

  constructor(config: ImapConfig, context: SourceContext, options: ImapAccountOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? defaultBackoff;
    this.#createClient = options.createClient;
    this.#messagesPerMailbox = context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX;
    this.#newest = new NewestMessages(this.#messagesPerMailbox);
    this.#tokens = accountTokens(config, context, this.#timers, (failure) => this.#signOut(failure));
    this.#watchdog = new SilenceWatchdog(this.#timers, config.idleRestartMs);
    this.#checks = new PeriodicChecks({
      config, timers: this.#timers, log: context.log,
      counts: () => this.#counts,
      isCurrent: (session) => this.#session === session,
      // The mailboxes carry the note from now on, beside their counts.
      onLate: () => this.#publish(new Map()),
    });
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
    return this.#checks.lateNote;
  }

  markRead(mailboxId: string, request: MarkRequest): Promise<MarkOutcome> {
    return markMailboxRead(this.#config, this.#isSessionOpen ? this.#session : undefined, mailboxId, request, this.#context.log);
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
    const opening = await openSession({
      config: this.#config, tokens: this.#tokens, log: this.#context.log, createClient: this.#createClient,
      messagesPerMailbox: this.#messagesPerMailbox, newest: this.#newest,
      listener: { onCounts: (counts) => { void this.#publish(counts); }, onHeard: () => this.#heard() },
      onSession: (session) => {
        this.#counts = new Map();
        this.#session = session;
        this.#isSessionOpen = false;
      },
      isStopped: () => this.#isStopped,
      now: () => this.#timers.now(),
    });
    if (opening === undefined) return;
    if ('tokenError' in opening) {
      this.#tokenFailed(opening.tokenError);
      return;
    }
    if ('failure' in opening) {
      this.#context.log.warn({ host, port, user, kind: opening.failure.kind }, `imap: ${opening.failure.words}`);
      this.#retry(opening.failure, false);
      return;
    }
    const { session, accessToken } = opening;
    if (this.#isStopped) {
      await session.close(true);
      return;
    }
    this.#failures = 0;
    const push = await pushOtherFolders(session, this.#config, {
      createClient: this.#createClient,
      accessToken,
      onCounts: (counts) => { void this.#publish(counts); },
      onHeard: () => {},
      now: () => this.#timers.now(),
      log: this.#context.log,
      onWatchers: (watchers) => { this.#watchers = watchers; },
    });
    if (this.#isStopped) return;
    this.#context.log.info({ host, port, user, push: push.how }, 'imap: connected');
    this.#isSessionOpen = true;
    this.#cancels.push(this.#checks.start(session, new Set(push.folders), push.isEveryFolder));
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

  /** The token endpoint failed: a revoked sign-in stops the account, anything else is retried. */
  #tokenFailed(error: unknown): void {
    if (isRevoked(error)) {
      this.#signOut(error);
      return;
    }
    const failure = tokenFailure(error, this.#config);
    const { host, user } = this.#config;
    this.#context.log.warn({ host, user, kind: failure.kind }, `imap: ${failure.words}`);
    this.#retry(failure, false);
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
    void this.#write(failingUpdates(this.#config, { error: this.#signedOut, errorKind: 'auth-expired', errorFacts: { user, host } }));
    this.#session?.close(true).catch(() => {});
  }

  /** Marks the mailboxes as failing and schedules the next try. */
  #retry(failure: RetriedFailure, isLost: boolean): void {
    if (this.#isStopped) return;
    this.#clearTimers();
    // A connection that was up starts the backoff over; failed attempts in a row climb it.
    const attempt = isLost ? 0 : this.#failures;
    this.#failures = attempt + 1;
    const delay = reconnectDelay(failure.kind, attempt, this.#backoff, this.#random);
    this.#state = 'error';
    const error = `${failure.words}; retrying in ${formatDelay(delay)}`;
    const errorFacts = { ...failure.facts, retryAt: new Date(this.#timers.now() + delay).toISOString() };
    void this.#write(failingUpdates(this.#config, { error, errorKind: failure.kind, errorFacts }));
    this.#cancels.push(this.#timers.after(delay, () => this.#connect()));
  }

  /** Sums each mailbox's folders and writes them all at once, so a client sees one change. */
  async #publish(latest: Map<string, FolderCount>): Promise<void> {
    if (this.#isStopped || this.#signedOut !== undefined) return;
    for (const [folder, count] of latest) this.#counts.set(folder, count);
    // "" clears a note an earlier account of the same mailbox left (a changed config entry starts afresh).
    const updates = mailboxUpdates(this.#config, this.#counts, this.#checks.lateNote ?? '');
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

  /** Something arrived, so the connection lives; one silent too long is dropped and made again. */
  #heard(): void {
    const session = this.#session;
    if (this.#isStopped || !session) {
      this.#watchdog.cancel();
      return;
    }
    this.#watchdog.heard((silentFor) => {
      if (this.#session !== session || this.#isStopped) return;
      this.#silence = silentFor;
      this.#context.log.warn({ host: this.#config.host, silentFor }, 'imap: no word from the server; reconnecting');
      session.close(false).catch(() => {});
    });
  }

  #clearTimers(): void {
    for (const cancel of this.#cancels) cancel();
    this.#cancels = [];
    this.#watchdog.cancel();
  }
}
