import { DEFAULT_MESSAGES_PER_MAILBOX, MAX_COUNT, MAX_MESSAGE_ID_LENGTH, type MailboxUpdate, type MessageSummary } from '../../../common/protocol.ts';
import { Backoff, retryBounds, retryDelay, type BackoffOptions } from '../../../common/retry.ts';
import { formatDelay, realTimers, type Timers } from '../../../common/timers.ts';
import { cleanText, senderText } from '../../messages/message-text.ts';
import { AccessTokens } from '../imap/access-tokens.ts';
import type { MarkOutcome, MarkRequest, Source, SourceContext, SourceState } from '../source.ts';
import { eventSourceUrl, isMailChange, readEvents } from './event-stream.ts';
import { JmapAnswerError, JmapClient, JmapHttpError, type Invocation, type JmapSession } from './jmap-client.ts';
import { folderWords, type JmapConfig } from './jmap-config.ts';
import { describeJmapFailure, type JmapFailure } from './jmap-error.ts';
import { readFolderList, resolveFolders, unseenIn } from './jmap-folders.ts';
import { SLOW_RETRY_MS, TIMEOUT_MS, type PolledSourceKnobs } from '../polled-source-knobs.ts';

/** Knobs for tests; the config does not set these. */
export interface JmapOptions extends PolledSourceKnobs {
  /** The ping interval asked of the push stream; silence for twice as long (and 15 s) ends it. */
  pingSeconds?: number;
}

const PING_SECONDS = 60;
// Email/set and Email/get take at most maxObjectsInSet/Get ids; every server allows this many (RFC 8620 2: at least 500).
const CHUNK = 500;

/**
 * One JMAP account (RFC 8620, RFC 8621): the unread counts of chosen folders
 * from Mailbox/get, the newest unseen messages from Email/query and Email/get,
 * marking read with Email/set. Changes are pushed over the session's
 * EventSource (a StateChange starts a check at once); where the server offers
 * none, or while the stream is down, the account is asked every `pollSeconds`.
 */
export class JmapSource implements Source {
  readonly #config: JmapConfig;
  readonly #context: SourceContext;
  readonly #timers: Timers;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #slowRetryMs: number;
  readonly #pingSeconds: number;
  readonly #limit: number;
  readonly #client: JmapClient;
  readonly #tokens: AccessTokens | undefined;
  readonly #pushBackoff: Backoff;
  #session: JmapSession | undefined;
  /** Each mailbox's folder ids as the last check found them, for marking read. */
  #folderIds = new Map<string, string[]>();
  #state: SourceState = 'pending';
  #failures = 0;
  #lastProblem: string | undefined;
  #abort = new AbortController();
  #running: Promise<void> | undefined;
  /** A change was pushed while a check ran: check again right after it. */
  #isDirty = false;
  #cancelTimer: (() => void) | undefined;
  #push: AbortController | undefined;
  #isPushLive = false;
  #cancelPushRetry: (() => void) | undefined;
  #isStopped = false;

  constructor(config: JmapConfig, context: SourceContext, options: JmapOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#timers = options.timers ?? realTimers;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? retryBounds.imapReconnect;
    this.#slowRetryMs = options.slowRetryMs ?? SLOW_RETRY_MS;
    this.#pingSeconds = options.pingSeconds ?? PING_SECONDS;
    this.#limit = context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX;
    this.#pushBackoff = new Backoff({ ...this.#backoff, random: this.#random });
    const { auth, user } = config;
    this.#tokens = auth.kind === 'oauth2' ? new AccessTokens(auth, {
      timers: this.#timers,
      onRotated: (refreshToken) => {
        context.log.info({ user }, 'jmap: the provider rotated the refresh token; keeping the new one');
        context.onRefreshToken?.(config.mailboxes.map((m) => m.id), refreshToken);
      },
      warn: (words) => context.log.warn({ user }, `jmap: ${words}`),
    }) : undefined;
    const tokens = this.#tokens;
    this.#client = new JmapClient(config, {
      authorization: async () => {
        if (auth.kind === 'password') return `Basic ${Buffer.from(`${user}:${auth.secret.reveal()}`, 'utf8').toString('base64')}`;
        return `Bearer ${tokens ? await tokens.current() : (auth as { secret: { reveal(): string } }).secret.reveal()}`;
      },
      ...(tokens ? { renewed: async () => `Bearer ${await tokens.renew()}` } : {}),
      signal: () => this.#abort.signal,
      timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
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
    this.#cancelPushRetry?.();
    this.#cancelPushRetry = undefined;
    this.#abort.abort();
    this.#push?.abort();
    this.#tokens?.stop();
    await this.#running;
  }

  state(): SourceState {
    return this.#state;
  }

  /** Whether the push stream is open now; for tests and /healthz's note. */
  isPushed(): boolean {
    return this.#isPushLive;
  }

  note(): string | undefined {
    if (!this.#config.push || this.#state !== 'ok' || this.#isPushLive) return undefined;
    return `no push from ${new URL(this.#config.sessionUrl).host} now; the account is asked every ${formatDelay(this.#config.pollMs)}`;
  }

  /** Resolves when the check under way (if any) is done; for tests that step the timers. */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async markRead(mailboxId: string, request: MarkRequest): Promise<MarkOutcome> {
    const mailbox = this.#config.mailboxes.find((m) => m.id === mailboxId);
    if (!mailbox) return { refused: `the JMAP account ${this.#config.user} does not feed the mailbox "${mailboxId}"` };
    const session = this.#session;
    const folderIds = this.#folderIds.get(mailboxId);
    if (!session || !folderIds) return { refused: `the JMAP account ${this.#config.user} is not connected now; try again when it is` };
    try {
      const ids = 'all' in request ? await this.#allUnseen(session, folderIds) : await this.#unseenAmong(session, folderIds, request.ids);
      let marked = 0;
      for (let start = 0; start < ids.length; start += CHUNK) {
        const update = Object.fromEntries(ids.slice(start, start + CHUNK).map((id) => [id, { 'keywords/$seen': true }]));
        const [[, answer]] = await this.#client.call(session, [['Email/set', { accountId: session.accountId, update }, 's']]) as [Invocation];
        marked += Object.keys((answer.updated ?? {}) as object).length;
      }
      // The push would bring the new count too; a check now does not wait for it.
      this.#run();
      return { marked };
    } catch (error) {
      const failure = describeJmapFailure(error, this.#config);
      this.#context.log.warn({ user: this.#config.user, kind: failure.kind }, `jmap: marking messages read failed: ${failure.words}`);
      return { failed: failure.words };
    }
  }

  /** Every unseen message of the folders, a page at a time. */
  async #allUnseen(session: JmapSession, folderIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    // Each page's messages are marked only after all are found; 100 pages of 500 is more than any inbox holds unread.
    for (let page = 0; page < 100; page += 1) {
      const [[, answer]] = await this.#client.call(session, [['Email/query', {
        accountId: session.accountId, filter: unseenIn(folderIds), position: ids.length, limit: CHUNK,
      }, 'q']]) as [Invocation];
      const found = Array.isArray(answer.ids) ? answer.ids.filter((id): id is string => typeof id === 'string') : [];
      ids.push(...found);
      if (found.length < CHUNK) break;
    }
    return ids;
  }

  /** Of these ids, those that are unseen messages in the folders; others (read or moved meanwhile, or unknown) are skipped. */
  async #unseenAmong(session: JmapSession, folderIds: string[], wanted: readonly string[]): Promise<string[]> {
    const ids = [...new Set(wanted)].slice(0, CHUNK);
    if (ids.length === 0) return [];
    const [[, answer]] = await this.#client.call(session, [['Email/get', {
      accountId: session.accountId, ids, properties: ['id', 'mailboxIds', 'keywords'],
    }, 'g']]) as [Invocation];
    const list = Array.isArray(answer.list) ? answer.list as Array<{ id?: unknown; mailboxIds?: Record<string, boolean>; keywords?: Record<string, boolean> }> : [];
    return list.filter((email) => typeof email.id === 'string' && !email.keywords?.$seen
      && folderIds.some((id) => email.mailboxIds?.[id])).map((email) => email.id as string);
  }

  #run(): void {
    if (this.#isStopped) return;
    if (this.#running) {
      this.#isDirty = true;
      return;
    }
    this.#isDirty = false;
    this.#running = this.#check().catch((error: unknown) => {
      // Only a bug gets here; keep checking rather than go silent.
      this.#context.log.error({ err: error, user: this.#config.user }, 'jmap: unexpected failure');
      return this.#config.pollMs;
    }).then((delayMs) => {
      // Scheduled once this check is over, so a timer can never find one still running.
      this.#running = undefined;
      if (this.#isDirty) this.#run();
      else if (delayMs !== undefined) this.#schedule(delayMs);
    });
  }

  /** One check; resolves with the wait before the next one (none when stopped meanwhile). */
  async #check(): Promise<number | undefined> {
    let updates: MailboxUpdate[];
    let session: JmapSession;
    try {
      session = this.#session ?? await this.#client.session();
      this.#session = session;
      updates = await this.#read(session);
    } catch (error) {
      if (this.#isStopped) return undefined;
      // The session may have moved (a new apiUrl, another account): found again on the next try.
      this.#session = undefined;
      return this.#fail(describeJmapFailure(error, this.#config));
    }
    if (this.#isStopped) return undefined;
    if (this.#lastProblem !== undefined) this.#context.log.info({ user: this.#config.user }, 'jmap: the account can be read again');
    this.#lastProblem = undefined;
    this.#failures = 0;
    this.#state = updates.some((update) => update.state === 'error') ? 'error' : 'ok';
    await this.#write(updates);
    this.#startPush(session);
    return this.#isPushLive ? Math.max(this.#config.recountMs, this.#config.pollMs) : this.#config.pollMs;
  }

  /** The counts and newest unseen messages of every mailbox: Mailbox/get, then one request for all the Email/query + Email/get pairs. */
  async #read(session: JmapSession): Promise<MailboxUpdate[]> {
    const { accountId } = session;
    const [[, mailboxAnswer]] = await this.#client.call(session, [['Mailbox/get', {
      accountId, ids: null, properties: ['id', 'name', 'parentId', 'role', 'unreadEmails'],
    }, 'm']]) as [Invocation];
    const folders = readFolderList(mailboxAnswer.list);
    if (!folders) throw new JmapAnswerError('the JMAP server answered Mailbox/get without a list of folders');
    const updates: MailboxUpdate[] = [];
    const calls: Invocation[] = [];
    this.#folderIds = new Map();
    for (const [index, mailbox] of this.#config.mailboxes.entries()) {
      const resolved = resolveFolders(mailbox.folders, folders);
      if ('missing' in resolved) {
        const words = resolved.isAmbiguous
          ? `${this.#config.user} has more than one folder named ${folderWords(resolved.missing)}; give its path, such as "Parent/${'name' in resolved.missing ? resolved.missing.name : ''}"`
          : `${this.#config.user} has no ${folderWords(resolved.missing)}`;
        updates.push({ id: mailbox.id, state: 'error', error: words, errorKind: 'folder', errorFacts: { user: this.#config.user, folder: 'name' in resolved.missing ? resolved.missing.name : resolved.missing.role } });
        continue;
      }
      this.#folderIds.set(mailbox.id, resolved.ids);
      updates.push({ id: mailbox.id, count: Math.min(resolved.unread, MAX_COUNT), state: 'ok', messages: [] });
      if (this.#limit === 0) continue;
      calls.push(
        ['Email/query', { accountId, filter: unseenIn(resolved.ids), sort: [{ property: 'receivedAt', isAscending: false }], limit: this.#limit }, `q${index}`],
        ['Email/get', {
          accountId, '#ids': { resultOf: `q${index}`, name: 'Email/query', path: '/ids' }, properties: ['id', 'from', 'subject', 'receivedAt'],
        }, `g${index}`],
      );
    }
    if (calls.length === 0) return updates;
    const answers = await this.#client.call(session, calls);
    for (const [index, mailbox] of this.#config.mailboxes.entries()) {
      const got = answers.find(([name, , callId]) => name === 'Email/get' && callId === `g${index}`);
      const query = answers.find(([name, , callId]) => name === 'Email/query' && callId === `q${index}`);
      const update = updates.find((u) => u.id === mailbox.id && u.state === 'ok');
      if (got && update) update.messages = summaries(newestFirst(got[1].list, query?.[1].ids), this.#limit);
    }
    return updates;
  }

  /** Opens the push stream unless it is open, waiting to be retried, or off. */
  #startPush(session: JmapSession): void {
    if (!this.#config.push || this.#push || this.#cancelPushRetry || this.#isStopped) return;
    if (session.eventSourceUrl === undefined) {
      this.#noPush('the session names no eventSourceUrl');
      return;
    }
    const controller = new AbortController();
    this.#push = controller;
    void this.#listen(eventSourceUrl(session.eventSourceUrl, this.#pingSeconds), controller);
  }

  async #listen(url: string, controller: AbortController): Promise<void> {
    const silenceMs = this.#pingSeconds * 2000 + 15_000;
    let cancelWatchdog = this.#timers.after(silenceMs, () => controller.abort());
    const heard = () => {
      cancelWatchdog();
      cancelWatchdog = this.#timers.after(silenceMs, () => controller.abort());
    };
    let failure: unknown;
    try {
      const response = await this.#client.openStream(url, AbortSignal.any([controller.signal, this.#abort.signal]));
      if (!/^text\/event-stream/i.test(response.headers.get('content-type') ?? '') || !response.body) {
        await response.body?.cancel();
        throw new JmapAnswerError(`the push stream answered ${response.headers.get('content-type') ?? 'no content type'}, not text/event-stream`);
      }
      this.#isPushLive = true;
      this.#pushBackoff.reset();
      this.#context.log.info({ user: this.#config.user }, 'jmap: changes are pushed');
      heard();
      // Whatever changed between the last check and the stream's start is not pushed: a check now sees it.
      this.#run();
      await readEvents(response.body, (event) => {
        if (event.type === 'state' && isMailChange(event.data)) this.#run();
      }, heard);
    } catch (error) {
      failure = error;
    } finally {
      cancelWatchdog();
      this.#isPushLive = false;
      this.#push = undefined;
    }
    if (this.#isStopped) return;
    const isRefused = failure instanceof JmapAnswerError
      || (failure instanceof JmapHttpError && [204, 404, 405, 406, 501].includes(failure.status));
    if (isRefused) {
      this.#noPush(failure instanceof Error ? failure.message : 'it is refused');
      return;
    }
    const delay = Math.min(this.#pushBackoff.next(), this.#config.pollMs);
    this.#context.log.info({ user: this.#config.user, err: failure }, `jmap: the push stream ended; asking every ${formatDelay(this.#config.pollMs)} until it is back (next try in ${formatDelay(delay)})`);
    this.#retryPush(delay);
    // The stream was the only news: without it, the poll interval applies from now.
    this.#run();
  }

  /** The server offers no push: logged once; tried again after a long while (a server's settings may change). */
  #noPush(why: string): void {
    this.#context.log.info({ user: this.#config.user }, `jmap: ${new URL(this.#config.sessionUrl).host} offers no push (${why}); the account is asked every ${formatDelay(this.#config.pollMs)}`);
    this.#retryPush(Math.max(this.#slowRetryMs, this.#config.pollMs));
  }

  #retryPush(delayMs: number): void {
    this.#cancelPushRetry = this.#timers.after(delayMs, () => {
      this.#cancelPushRetry = undefined;
      if (this.#session) this.#startPush(this.#session);
    });
  }

  /** Keeps the mailboxes' last counts with the failure; returns the wait before the next try. */
  async #fail(failure: JmapFailure): Promise<number> {
    const attempt = this.#failures;
    this.#failures += 1;
    // Refused credentials retried every minute could lock the account; a setting that cannot work will not work in a minute.
    const isSlow = failure.kind === 'auth' || failure.kind === 'auth-expired' || failure.kind === 'setup' || failure.kind === 'limit';
    const delay = isSlow
      ? Math.max(this.#slowRetryMs, this.#config.pollMs)
      : Math.min(retryDelay(attempt, { ...this.#backoff, random: this.#random }), this.#config.pollMs);
    const problem = `${failure.kind}: ${failure.words}`;
    if (problem !== this.#lastProblem) this.#context.log.warn({ user: this.#config.user, kind: failure.kind }, `jmap: ${failure.words}`);
    this.#lastProblem = problem;
    this.#state = 'error';
    const retryAt = new Date(this.#timers.now() + delay).toISOString();
    await this.#write(this.#config.mailboxes.map((mailbox) => ({
      id: mailbox.id, state: 'error', error: `${failure.words}; retrying in ${formatDelay(delay)}`,
      errorKind: failure.kind, errorFacts: { ...failure.facts, retryAt },
    })));
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

  async #write(updates: MailboxUpdate[]): Promise<void> {
    try {
      await this.#context.store.setMany(updates);
    } catch (error) {
      this.#context.log.error({ err: error }, 'jmap: the store refused the counts');
    }
  }
}

/**
 * Email/get's list newest first: by receivedAt, then in the order Email/query gave
 * the ids. RFC 8620 lets /get answer in another order than the ids were asked in,
 * and the window promises the newest first whatever the server did (a test once
 * saw the older of two messages first from Cyrus, though not again in 210 answers).
 */
export function newestFirst(list: unknown, ids: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const place = new Map(Array.isArray(ids) ? ids.map((id, i) => [id, i]) : []);
  const at = (email: unknown) => place.get((email as { id?: unknown } | null)?.id) ?? place.size;
  // Undated last: -Infinity less -Infinity is NaN, so two undated keep the query's order.
  const time = (email: unknown) => Date.parse(String((email as { receivedAt?: unknown } | null)?.receivedAt)) || -Infinity;
  return [...list].sort((a, b) => (time(b) - time(a)) || (at(a) - at(b)));
}

/** Email/get's list as message summaries, in the order given; a message the server describes oddly is left out. */
function summaries(list: unknown, limit: number): MessageSummary[] {
  if (!Array.isArray(list)) return [];
  const result: MessageSummary[] = [];
  for (const email of list.slice(0, limit) as Array<Record<string, unknown>>) {
    if (typeof email?.id !== 'string' || email.id.length > MAX_MESSAGE_ID_LENGTH) continue;
    const [first] = Array.isArray(email.from) ? email.from as Array<{ name?: unknown; email?: unknown }> : [];
    const summary: MessageSummary = {
      id: email.id,
      from: first ? senderText(typeof first.name === 'string' ? first.name : undefined, typeof first.email === 'string' ? first.email : undefined) : '',
      subject: cleanText(typeof email.subject === 'string' ? email.subject : ''),
    };
    const time = typeof email.receivedAt === 'string' ? Date.parse(email.receivedAt) : Number.NaN;
    if (!Number.isNaN(time)) summary.date = new Date(time).toISOString();
    result.push(summary);
  }
  return result;
}
