import { DEFAULT_MESSAGES_PER_MAILBOX, type MailboxUpdate, type MessageSummary } from '../../../common/protocol.ts';
import { retryBounds, retryDelay, type BackoffOptions } from '../../../common/retry.ts';
import { formatDelay, realTimers, type Timers } from '../../../common/timers.ts';
import { summaryFromHeader } from '../../messages/message-text.ts';
import { setOne } from '../../store/store.ts';
import type { Source, SourceContext, SourceState } from '../source.ts';
import { NewMail } from './new-mail.ts';
import { openPop3, Pop3Refusal, type MaildropEntry, type Pop3Session } from './pop3-client.ts';
import type { Pop3Config } from './pop3-config.ts';
import { describePop3Failure, type Pop3Failure } from './pop3-error.ts';
import { SLOW_RETRY_MS, TIMEOUT_MS, type PolledSourceKnobs } from '../polled-source-knobs.ts';

/** Knobs for tests; the config does not set these. */
export type Pop3Options = PolledSourceKnobs;

/**
 * One POP3 maildrop, checked every `intervalSeconds`: log in, UIDL, TOP for
 * the newest new messages, QUIT. A session is not kept open between checks:
 * POP3 locks the maildrop for as long as one is (a mail client could not
 * download meanwhile) and a session sees the maildrop only as it was at login.
 * The count is the messages that arrived since the first check and are still
 * on the server (new-mail.ts). Nothing is ever deleted or changed: no DELE is
 * sent, so marking read is not offered (a 403 says so).
 */
export class Pop3Source implements Source {
  readonly #config: Pop3Config;
  readonly #context: SourceContext;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #slowRetryMs: number;
  readonly #timeoutMs: number;
  readonly #limit: number;
  readonly #newMail: NewMail;
  /** Summaries by UIDL, kept while the message stays among the newest, so each header is fetched once. */
  #summaries = new Map<string, MessageSummary>();
  #state: SourceState = 'pending';
  #failures = 0;
  /** The last failure's kind and words, to log a failure once, not on every retry. */
  #lastProblem: string | undefined;
  #session: Pop3Session | undefined;
  /** Ends the check under way when the source stops, connecting and logging in included. */
  #abort = new AbortController();
  #running: Promise<void> | undefined;
  #cancelTimer: (() => void) | undefined;
  #isStopped = false;
  /** Set once the server refused TOP, to log it once. */
  #isTopRefused = false;

  constructor(config: Pop3Config, context: SourceContext, options: Pop3Options = {}) {
    this.#config = config;
    this.#context = context;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? retryBounds.recount;
    this.#slowRetryMs = options.slowRetryMs ?? SLOW_RETRY_MS;
    this.#timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
    this.#limit = context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX;
    const { stateFile, host, port, user } = config;
    this.#newMail = new NewMail(stateFile === undefined ? undefined : {
      path: stateFile, account: `${user}@${host}:${port}`, warn: (message) => context.log.warn({ host, user }, message),
    });
  }

  /** Starts the first check and returns without waiting for it: one slow server must not hold up the other sources. */
  async start(): Promise<void> {
    this.#isStopped = false;
    this.#abort = new AbortController();
    this.#run();
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#abort.abort();
    this.#session?.close();
    await this.#running;
  }

  state(): SourceState {
    return this.#state;
  }

  /** Resolves when the check under way (if any) is done; for tests that step the timers. */
  async settled(): Promise<void> {
    await this.#running;
  }

  #run(): void {
    if (this.#isStopped || this.#running) return;
    this.#running = this.#check().catch((error: unknown) => {
      // Only a bug gets here; keep checking rather than go silent.
      this.#context.log.error({ err: error, host: this.#config.host }, 'pop3: unexpected failure');
      return this.#config.intervalMs;
    }).then((delayMs) => {
      // Scheduled once this check is over, so a timer can never find one still running.
      this.#running = undefined;
      if (delayMs !== undefined) this.#schedule(delayMs);
    });
  }

  /** One check; resolves with the wait before the next one (none when stopped meanwhile). */
  async #check(): Promise<number | undefined> {
    const { host, port, security, ca, user, password } = this.#config;
    let update: MailboxUpdate;
    try {
      this.#session = await openPop3({
        host, port, security, user, password: password.reveal(), timers: this.#timers, timeoutMs: this.#timeoutMs,
        signal: this.#abort.signal, ...(ca === undefined ? {} : { ca }),
      });
      if (this.#isStopped) return undefined;
      const fresh = await this.#newMail.check(await this.#session.uidl());
      const messages = await this.#newest(this.#session, fresh);
      await this.#session.quit();
      update = { id: this.#config.mailbox, count: fresh.length, state: 'ok', messages };
    } catch (error) {
      if (this.#isStopped) return undefined;
      return this.#fail(describePop3Failure(error, this.#config));
    } finally {
      this.#session?.close();
      this.#session = undefined;
    }
    if (this.#lastProblem !== undefined) this.#context.log.info({ host, port, user }, 'pop3: the server can be checked again');
    this.#lastProblem = undefined;
    this.#failures = 0;
    this.#state = 'ok';
    await this.#write(update);
    return this.#config.intervalMs;
  }

  /** The summaries of the newest `limit` new messages, newest first (the highest numbers arrived last). */
  async #newest(session: Pop3Session, fresh: readonly MaildropEntry[]): Promise<MessageSummary[]> {
    const picked = [...fresh].sort((a, b) => b.number - a.number).slice(0, this.#limit);
    const summaries = new Map<string, MessageSummary>();
    for (const entry of picked) {
      const summary = this.#summaries.get(entry.uidl) ?? await this.#summaryOf(session, entry);
      if (!summary) continue;
      summaries.set(entry.uidl, summary);
    }
    this.#summaries = summaries;
    return [...summaries.values()];
  }

  /** One message's summary from its header; undefined when the server has no TOP or the header cannot be read (it still counts). */
  async #summaryOf(session: Pop3Session, entry: MaildropEntry): Promise<MessageSummary | undefined> {
    let header: Buffer;
    try {
      header = await session.header(entry.number);
    } catch (error) {
      // TOP is optional in RFC 1939: without it the count is right and the messages unknown.
      if (!(error instanceof Pop3Refusal)) throw error;
      if (!this.#isTopRefused) this.#context.log.info({ host: this.#config.host, said: error.text }, 'pop3: the server refuses TOP; its mailbox is counted without messages');
      this.#isTopRefused = true;
      return undefined;
    }
    try {
      return await summaryFromHeader(header, entry.uidl);
    } catch (error) {
      // Mail is written by strangers: a header no parser makes sense of is not shown, and breaks nothing else.
      this.#context.log.warn({ host: this.#config.host, err: error }, 'pop3: a message header could not be read; the message counts but is not shown');
      return undefined;
    }
  }

  /** Keeps the mailbox's last count with the failure; returns the wait before the next try. */
  async #fail(failure: Pop3Failure): Promise<number> {
    const attempt = this.#failures;
    this.#failures += 1;
    // A refused login retried every minute could lock the account; a setting that cannot work will not work in a minute.
    const delay = failure.kind === 'auth' || failure.kind === 'setup'
      ? Math.max(this.#slowRetryMs, this.#config.intervalMs)
      : Math.min(retryDelay(attempt, { ...this.#backoff, random: this.#random }), this.#config.intervalMs);
    const { host, port, user } = this.#config;
    const problem = `${failure.kind}: ${failure.words}`;
    if (problem !== this.#lastProblem) this.#context.log.warn({ host, port, user, kind: failure.kind }, `pop3: ${failure.words}`);
    this.#lastProblem = problem;
    this.#state = 'error';
    await this.#write({
      id: this.#config.mailbox, state: 'error', error: `${failure.words}; retrying in ${formatDelay(delay)}`,
      errorKind: failure.kind, errorFacts: { ...failure.facts, retryAt: new Date(this.#timers.now() + delay).toISOString() },
    });
    return delay;
  }

  #schedule(delayMs: number): void {
    if (this.#isStopped) return;
    this.#cancelTimer?.();
    this.#cancelTimer = this.#timers.after(delayMs, () => {
      this.#cancelTimer = undefined;
      this.#run();
    });
  }

  async #write(update: MailboxUpdate): Promise<void> {
    try {
      await setOne(this.#context.store, update);
    } catch (error) {
      this.#context.log.error({ err: error }, 'pop3: the store refused the count');
    }
  }
}
