import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Timers } from '../../common/timers.ts';
import type { AppContext } from './app-context.ts';
import { openCountsPoll, type CountsHttpRequest, type CountsPollOutcome, type CountsPollRequest } from './counts-poll.ts';
import { HttpError } from './errors.ts';
import type { EventStreamEnd, EventStreams, HeartbeatTarget } from './event-streams.ts';
import type { HeldPoll, HeldPollAnswerer, HeldPollEnd } from '../polls/held-polls.ts';
import { StoreUnavailableError } from '../store/store.ts';

/** A comment line: EventSource ignores it, and a proxy sees the stream is alive. */
const HEARTBEAT = ':\n\n';
/** As a poll's 503 `store_unavailable` says (Retry-After: 2): Redis gets that long before the stream asks again. */
const STORE_RETRY_MS = 2000;

/** What a stream asks, again at each of its polls: the token, the query (`delta`) and where it stands. */
export interface EventStreamQuestion {
  authorization: string | undefined;
  query: CountsHttpRequest['query'];
}

export interface EventStreamOptions {
  context: AppContext;
  streams: EventStreams;
  timers: Timers;
  log: Pick<FastifyBaseLogger, 'error'>;
  response: ServerResponse;
  question: EventStreamQuestion;
  /** The token's identity: whose limit the stream's reserved place counts against. */
  key: string;
  /** The Last-Event-ID (or `since`) it begins from. */
  since: string | undefined;
}

/**
 * One GET /v1/events stream (DESIGN.md, "Events"): a /v1/counts poll after
 * another on one response, each answer written as an event whose `id:` is its
 * cursor, each next poll asked `since` that cursor. So the stream says exactly
 * what a long-polling client would hear, and a reconnect's `Last-Event-ID`
 * resumes as `since=` would.
 *
 * Each poll is held in `HeldPolls` as any other, under the one place the stream
 * reserved against its token's limit, and with the server's longest wait: when
 * that runs out the next poll checks the token again (a signed token expires).
 *
 * A slow reader costs at most one event: the next poll is asked only once the
 * last event has drained, and its answer is then the state at that moment (or
 * the delta since the last event sent), not a queue of every state between. A
 * buffer that has not drained by the next heartbeat after one that found it
 * full is dropped; the client reconnects with its Last-Event-ID and loses nothing.
 */
export class EventStream implements HeldPollAnswerer<CountsPollRequest>, HeartbeatTarget {
  readonly #context: AppContext;
  readonly #streams: EventStreams;
  readonly #timers: Timers;
  readonly #log: EventStreamOptions['log'];
  readonly #response: ServerResponse;
  readonly #question: EventStreamQuestion;
  /** The token's identity: whose limit the stream's reserved place counts against. */
  readonly #key: string;
  /** The cursor of the last event written, or the Last-Event-ID it began from. */
  #cursor: string | undefined;
  #poll: HeldPoll | undefined;
  #cancelRetry: (() => void) | undefined;
  #isEnded = false;
  /** Written bytes wait in the response's buffer; the next poll waits for them to drain. */
  #isBlocked = false;
  /** A heartbeat found the buffer full; the next one drops the stream if it still is. */
  #wasBlockedAtBeat = false;
  #isNextAfterDrain = false;

  constructor(options: EventStreamOptions) {
    this.#context = options.context;
    this.#streams = options.streams;
    this.#timers = options.timers;
    this.#log = options.log;
    this.#response = options.response;
    this.#question = options.question;
    this.#key = options.key;
    this.#cursor = options.since;
    this.#response.on('close', this.#onClose);
    this.#response.on('drain', this.#onDrain);
    this.#streams.add(this);
  }

  /** Goes on from the first poll, which the route opened to answer refusals with their HTTP status. */
  begin(first: CountsPollOutcome): void {
    this.#follow(first);
  }

  heartbeat(): void {
    if (this.#isEnded) return;
    if (this.#isBlocked) {
      if (this.#wasBlockedAtBeat) this.end('slow');
      else this.#wasBlockedAtBeat = true;
      return;
    }
    this.#write(HEARTBEAT);
  }

  /** The held poll ended (held-polls.ts): a change or its wait running out asks again; a stop or a reload ends the stream. */
  answerHeld(end: Exclude<HeldPollEnd, 'gone'>): void {
    this.#poll = undefined;
    if (end === 'shutdown' || end === 'access-changed') this.end(end);
    else void this.#next();
  }

  end(how: EventStreamEnd): void {
    if (this.#isEnded) return;
    this.#isEnded = true;
    const poll = this.#poll;
    this.#poll = undefined;
    poll?.end('gone');
    this.#cancelRetry?.();
    this.#context.heldPolls.release(this.#key);
    this.#streams.remove(this, how);
    this.#response.off('drain', this.#onDrain);
    // A slow reader's buffer is thrown away with its connection; any other stream ends
    // cleanly, and EventSource reconnects with its Last-Event-ID.
    if (how === 'slow' || how === 'gone') this.#response.destroy();
    else this.#response.end();
  }

  async #next(): Promise<void> {
    if (this.#isEnded) return;
    if (this.#context.isClosing()) {
      this.end('shutdown');
      return;
    }
    let outcome: CountsPollOutcome;
    try {
      const { query, authorization } = this.#question;
      const wait = String(this.#context.config.limits.maxWaitSeconds);
      outcome = await openCountsPoll(this.#context, { authorization, query: { ...query, since: this.#cursor, wait } });
    } catch (error) {
      this.#failed(error);
      return;
    }
    if (!this.#isEnded) this.#follow(outcome);
  }

  #follow(outcome: CountsPollOutcome): void {
    if (outcome.kind === 'hold') {
      this.#poll = this.#context.heldPolls.hold(outcome.request, this, true);
      return;
    }
    this.#cursor = cursorOf(outcome.body);
    // One line of JSON: the answer has no line breaks (JSON.stringify escapes them in strings).
    this.#write(`id: ${this.#cursor}\ndata: ${outcome.body}\n\n`);
    if (this.#isBlocked) this.#isNextAfterDrain = true;
    else void this.#next();
  }

  #failed(error: unknown): void {
    if (this.#isEnded) return;
    if (error instanceof StoreUnavailableError) {
      // As a held poll stays held while Redis is away: the stream stays open and asks again.
      this.#cancelRetry = this.#timers.after(STORE_RETRY_MS, () => {
        this.#cancelRetry = undefined;
        void this.#next();
      });
      return;
    }
    if (error instanceof HttpError) {
      // The token expired or was revoked: the reconnect hears why, with its status.
      this.#write(`: ${error.message}\n\n`);
      this.end('refused');
      return;
    }
    this.#log.error({ err: error }, 'unexpected error in an event stream');
    this.end('failed');
  }

  #write(text: string): void {
    if (this.#response.write(text)) return;
    this.#isBlocked = true;
  }

  readonly #onDrain = (): void => {
    this.#isBlocked = false;
    this.#wasBlockedAtBeat = false;
    if (!this.#isNextAfterDrain) return;
    this.#isNextAfterDrain = false;
    void this.#next();
  };

  readonly #onClose = (): void => {
    this.end('gone');
  };
}

/** The cursor of a counts answer, which answer-text.ts always writes first. */
function cursorOf(body: string): string {
  const match = /^\{"cursor":("(?:[^"\\]|\\.)*")/.exec(body);
  if (!match) throw new Error('a counts answer without its cursor first');
  return JSON.parse(match[1]!) as string;
}
