import { DEFAULT_MESSAGES_PER_MAILBOX, type MailboxUpdate, type MessageSummary } from '../../../common/protocol.ts';
import { retryBounds, retryDelay, type BackoffOptions } from '../../../common/retry.ts';
import { formatDelay, realTimers, type Timers } from '../../../common/timers.ts';
import { setOne } from '../../store/store.ts';
import type { AccessTokens } from '../imap/access-tokens.ts';
import { signInTokens } from '../imap/account-tokens.ts';
import type { MarkOutcome, MarkRequest, Source, SourceContext, SourceState } from '../source.ts';
import { GraphClient, GraphRefusal, odataQuery } from './graph-client.ts';
import type { GraphConfig } from './graph-config.ts';
import { describeGraphFailure, type GraphFailure } from './graph-error.ts';
import { GraphFolder } from './graph-folder.ts';
import { SLOW_RETRY_MS, TIMEOUT_MS, type PolledSourceKnobs } from '../polled-source-knobs.ts';

/** Knobs for tests; the config does not set these. */
export interface GraphOptions extends PolledSourceKnobs {
  /** Messages per page of a delta round (`Prefer: odata.maxpagesize`). */
  pageSize?: number;
}

/** Graph's own default page for messages is 10; larger pages mean fewer requests in the first round. */
const PAGE_SIZE = 50;

/**
 * A Microsoft 365 or Outlook.com mailbox through Microsoft Graph, asked every
 * `intervalSeconds`: per folder its `unreadItemCount` and a delta query for the
 * newest unread messages. Graph's change notifications would push instead,
 * but they are delivered to a public HTTPS webhook, which a desktop (and most
 * count servers) cannot offer. Marking read is a PATCH of `isRead`.
 */
export class GraphSource implements Source {
  readonly #config: GraphConfig;
  readonly #context: SourceContext;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #slowRetryMs: number;
  readonly #pageSize: number;
  readonly #limit: number;
  readonly #tokens: AccessTokens;
  readonly #client: GraphClient;
  readonly #folders: GraphFolder[];
  #state: SourceState = 'pending';
  #failures = 0;
  /** Throttled answers in a row: the first is only obeyed, the next ones show as `limit`. */
  #throttles = 0;
  #lastProblem: string | undefined;
  /** Why the sign-in is over ("sign in again"); set, nothing is asked any more. */
  #signedOut: string | undefined;
  #abort = new AbortController();
  #running: Promise<void> | undefined;
  /** A check was asked for while one ran (after marking read): run again as soon as it ends. */
  #isWanted = false;
  #cancelTimer: (() => void) | undefined;
  #isStopped = false;

  constructor(config: GraphConfig, context: SourceContext, options: GraphOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? retryBounds.recount;
    this.#slowRetryMs = options.slowRetryMs ?? SLOW_RETRY_MS;
    this.#pageSize = options.pageSize ?? PAGE_SIZE;
    this.#limit = context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX;
    this.#folders = config.folders.map((name) => new GraphFolder(name));
    const owner = { source: 'graph', where: { graph: config.graphUrl, user: config.user }, mailboxIds: [config.mailbox] };
    this.#tokens = signInTokens(config.auth, owner, context, this.#timers, (failure) => void this.#signOut(describeGraphFailure(failure, config)));
    this.#client = new GraphClient({
      graphUrl: config.graphUrl, tokens: this.#tokens, timers: this.#timers,
      signal: () => this.#abort.signal, timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
    });
  }

  /** Starts the first round and returns without waiting for it: one slow account must not hold up the other sources. */
  async start(): Promise<void> {
    this.#isStopped = false;
    this.#abort = new AbortController();
    this.#run();
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#tokens.stop();
    this.#abort.abort();
    await this.#running;
  }

  state(): SourceState {
    return this.#state;
  }

  /** Resolves when the round under way (if any) is done; for tests that step the timers. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async markRead(_mailboxId: string, request: MarkRequest): Promise<MarkOutcome> {
    if (this.#signedOut !== undefined) return { failed: this.#signedOut };
    let marked = 0;
    try {
      const ids = 'all' in request ? await this.#allUnreadIds() : request.ids.filter((id) => this.#folders.some((f) => f.has(id)));
      for (const id of ids) {
        try {
          await this.#client.patch(`/me/messages/${encodeURIComponent(id)}`, { isRead: true });
          marked += 1;
        } catch (error) {
          // Deleted or moved meanwhile: nothing left to mark.
          if (!(error instanceof GraphRefusal && error.status === 404)) throw error;
        }
        for (const folder of this.#folders) folder.forget(id);
      }
    } catch (error) {
      if (marked > 0) this.#runSoon();
      return { failed: describeGraphFailure(error, this.#config).words };
    }
    // The new count is Graph's to say: ask now rather than at the next interval.
    if (marked > 0) this.#runSoon();
    return { marked };
  }

  /** Every unread message of the folders, the old ones too ("mark all read" means all). */
  async #allUnreadIds(): Promise<string[]> {
    const ids: string[] = [];
    for (const folder of this.#folders) {
      const query = odataQuery({ $filter: 'isRead eq false', $select: 'id', $top: '100' });
      let link: string | undefined = `/me/mailFolders/${encodeURIComponent(await folder.id(this.#client))}/messages?${query}`;
      while (link !== undefined) {
        const page: { value?: Array<{ id?: unknown }>; '@odata.nextLink'?: string } = await this.#client.get(link);
        for (const item of page.value ?? []) if (typeof item.id === 'string') ids.push(item.id);
        link = page['@odata.nextLink'];
      }
    }
    return ids;
  }

  #runSoon(): void {
    if (this.#running) {
      this.#isWanted = true;
      return;
    }
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#run();
  }

  #run(): void {
    if (this.#isStopped || this.#running || this.#signedOut !== undefined) return;
    this.#isWanted = false;
    this.#running = this.#check().catch((error: unknown) => {
      // Only a bug gets here; keep checking rather than go silent.
      this.#context.log.error({ err: error, graph: this.#config.graphUrl }, 'graph: unexpected failure');
      return this.#config.intervalMs;
    }).then((delayMs) => {
      // Scheduled once this round is over, so a timer can never find one still running.
      this.#running = undefined;
      if (delayMs !== undefined) this.#schedule(this.#isWanted ? 0 : delayMs);
    });
  }

  /** One round over every folder; resolves with the wait before the next (none when stopped or signed out). */
  async #check(): Promise<number | undefined> {
    try {
      for (const folder of this.#folders) await folder.check(this.#client, { pageSize: this.#pageSize, now: () => this.#timers.now() });
    } catch (error) {
      if (this.#isStopped) return undefined;
      return this.#fail(describeGraphFailure(error, this.#config));
    }
    if (this.#isStopped) return undefined;
    if (this.#lastProblem !== undefined) this.#context.log.info({ graph: this.#config.graphUrl, user: this.#config.user }, 'graph: the mailbox can be read again');
    this.#lastProblem = undefined;
    this.#failures = 0;
    this.#throttles = 0;
    this.#state = 'ok';
    await this.#write({ id: this.#config.mailbox, count: this.#count(), state: 'ok', messages: this.#newest() });
    return this.#config.intervalMs;
  }

  #count(): number {
    return this.#folders.reduce((sum, folder) => sum + folder.count, 0);
  }

  /** The newest unread messages of all the folders, newest first. */
  #newest(): MessageSummary[] {
    const all = this.#folders.flatMap((folder) => [...folder.unread()]);
    return all.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')).slice(0, this.#limit);
  }

  /** Keeps the mailbox's last count with the failure; returns the wait before the next try (none once signed out). */
  async #fail(failure: GraphFailure): Promise<number | undefined> {
    if (failure.kind === 'auth-expired') {
      await this.#signOut(failure);
      return undefined;
    }
    if (failure.kind === 'limit') {
      this.#throttles += 1;
      const wait = failure.retryAfterMs ?? retryDelay(this.#throttles - 1, { ...this.#backoff, random: this.#random });
      // Graph throttles for seconds at a time; one throttled round is only obeyed, the count stays as it was.
      if (this.#throttles === 1) {
        this.#context.log.info({ graph: this.#config.graphUrl, user: this.#config.user }, `graph: ${failure.words}; waiting ${formatDelay(wait)} as asked`);
        return wait;
      }
      await this.#showFailure(failure, wait);
      return wait;
    }
    const attempt = this.#failures;
    this.#failures += 1;
    const delay = failure.kind === 'auth' || failure.kind === 'setup' || failure.kind === 'folder'
      ? Math.max(this.#slowRetryMs, this.#config.intervalMs)
      : Math.min(retryDelay(attempt, { ...this.#backoff, random: this.#random }), this.#config.intervalMs);
    await this.#showFailure(failure, delay);
    return delay;
  }

  async #showFailure(failure: GraphFailure, delay: number): Promise<void> {
    const problem = `${failure.kind}: ${failure.words}`;
    if (problem !== this.#lastProblem) this.#context.log.warn({ graph: this.#config.graphUrl, user: this.#config.user, kind: failure.kind }, `graph: ${failure.words}`);
    this.#lastProblem = problem;
    this.#state = 'error';
    await this.#write({
      id: this.#config.mailbox, state: 'error', error: `${failure.words}; retrying in ${formatDelay(delay)}`,
      errorKind: failure.kind, errorFacts: { ...failure.facts, retryAt: new Date(this.#timers.now() + delay).toISOString() },
    });
  }

  /** The grant is over: say "sign in again" and stop, rather than ask the token endpoint again and again. */
  async #signOut(failure: GraphFailure): Promise<void> {
    if (this.#isStopped || this.#signedOut !== undefined) return;
    this.#signedOut = failure.words;
    this.#context.log.warn({ graph: this.#config.graphUrl, user: this.#config.user }, `graph: ${failure.words}`);
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#tokens.stop();
    this.#state = 'error';
    await this.#write({ id: this.#config.mailbox, state: 'error', error: failure.words, errorKind: 'auth-expired', errorFacts: failure.facts });
  }

  #schedule(delayMs: number): void {
    if (this.#isStopped || this.#signedOut !== undefined) return;
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
      this.#context.log.error({ err: error }, 'graph: the store refused the count');
    }
  }
}
