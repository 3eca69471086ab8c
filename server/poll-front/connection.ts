import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import secureJson from 'secure-json-parse';
import { answerNow, answerOf, openCountsPoll, tooManyPolls, type PollPlan } from '../counts-poll.ts';
import { heldPollError, HttpError, internalError, shuttingDown, storeUnavailable } from '../errors.ts';
import type { HeldPoll, PollEnd, PollTarget } from '../held-polls.ts';
import { putCount } from '../routes/ingest.ts';
import { StoreUnavailableError } from '../store.ts';
import { headersTooLarge, malformed } from '../http-edge.ts';
import type { PollFront } from './front.ts';
import { LLHTTP_PAUSED, RequestParser, type ParserEvents } from './llhttp.ts';
import { okAnswer, rawError } from './raw-answer.ts';
import { isPutBody, servedRequest, type RequestHead, type ServedRequest } from './served-requests.ts';

/** node:http's default --max-http-header-size: the request line and headers together. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** Pipelined bytes kept while a request is answered; past this the socket is not read until it is. */
const MAX_QUEUED_BYTES = 64 * 1024;

/** What a connection's deadline is for: its request's headers, a PUT's body, or the next request. */
export type DeadlineKind = 'headers' | 'request' | 'idle';


/** One connection while the front serves it: the request being read, or the one being answered. */
export class FrontConnection implements ParserEvents, PollTarget<PollPlan> {
  readonly front: PollFront;
  readonly socket: Socket;
  #parser: RequestParser | undefined;
  deadline = 0;
  deadlineKind: DeadlineKind = 'headers';

  // The request being read. Its bytes are kept until it is known to be served here, for a hand-over.
  #bytes: Buffer[] = [];
  #head = newHead();
  #headBytes = 0;
  #field = '';
  #value = '';
  #body: Buffer[] = [];
  #served: ServedRequest | undefined;
  #isHandOver = false;
  #isOverflow = false;
  #keepAlive = true;

  // The request being answered; bytes the client sent behind it wait.
  #isBusy = false;
  #queued: Buffer | undefined;
  #held: HeldPoll | undefined;
  #isHeadHeld = false;

  constructor(front: PollFront, socket: Socket) {
    this.front = front;
    this.socket = socket;
    socket.on('data', this.#onData);
    // A client that half-closes or leaves while its poll is held is gone: its poll is freed at once.
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onClose);
    socket.on('error', ignoreError);
  }

  get isIdle(): boolean {
    return !this.#isBusy && this.#bytes.length === 0;
  }

  /** Takes the front's listeners off the socket (net.Socket keeps listeners of its own), before a hand-over. */
  stopListening(): void {
    this.socket.off('data', this.#onData);
    this.socket.off('end', this.#onEnd);
    this.socket.off('close', this.#onClose);
    this.socket.off('error', ignoreError);
  }

  free(): void {
    this.#parser?.free();
    this.#parser = undefined;
  }

  readonly #onEnd = (): void => {
    this.socket.destroy();
  };

  readonly #onClose = (): void => {
    this.#held?.end('gone');
    this.#held = undefined;
    this.front.forget(this);
  };

  readonly #onData = (chunk: Buffer): void => {
    if (this.#isBusy) {
      this.#queued = this.#queued ? Buffer.concat([this.#queued, chunk]) : chunk;
      if (this.#queued.length > MAX_QUEUED_BYTES) this.socket.pause();
      return;
    }
    this.#read(chunk);
  };

  #read(chunk: Buffer): void {
    this.#bytes.push(chunk);
    this.#parser ??= new RequestParser(this);
    const outcome = this.#parser.execute(chunk);
    if (outcome.kind === 'error') {
      this.refuse(malformed);
      return;
    }
    if (outcome.kind === 'done') {
      if (this.#headBytes > MAX_HEAD_BYTES) this.refuse(headersTooLarge);
      // A request that came in more than one piece: its headers now have a deadline (a whole one needs none).
      else if (this.deadlineKind === 'idle') this.front.setDeadline(this, 'headers');
      return;
    }
    if (this.#isOverflow) {
      this.refuse(headersTooLarge);
      return;
    }
    if (this.#isHandOver) {
      this.front.handOver(this, Buffer.concat(this.#bytes));
      return;
    }
    // A whole request, served here. What follows it waits for its answer.
    const rest = chunk.subarray(outcome.consumed);
    const message = this.#served?.kind === 'put'
      ? (this.#bytes.length === 1 ? chunk.subarray(0, outcome.consumed) : Buffer.concat(this.#bytes).subarray(0, -rest.length || undefined))
      : undefined;
    this.#queued = rest.length > 0 ? rest : undefined;
    // Emptied and reset in place, not made anew: what a connection keeps between its
    // requests lives for seconds, and each new object would outlive a young collection.
    this.#bytes.length = 0;
    this.#isBusy = true;
    this.front.setDeadline(this, undefined);
    const served = this.#served!;
    this.#served = undefined;
    resetHead(this.#head);
    this.#headBytes = 0;
    if (served.kind === 'poll') void this.#servePoll(served);
    else void this.#servePut(served, message!);
  }

  // llhttp's events, while `execute` runs.
  onUrl(text: string): void {
    this.#head.url += text;
    this.#headBytes += text.length;
  }

  onHeaderField(text: string): void {
    if (this.#value !== '') this.#takeHeader();
    this.#field += text;
    this.#headBytes += text.length;
  }

  onHeaderValue(text: string): void {
    this.#value += text;
    this.#headBytes += text.length;
  }

  onHeadersComplete(method: number, versionMinor: number, shouldKeepAlive: boolean, isUpgrade: boolean): number {
    if (this.#field !== '') this.#takeHeader();
    if (this.#headBytes > MAX_HEAD_BYTES) {
      this.#isOverflow = true;
      return LLHTTP_PAUSED;
    }
    Object.assign(this.#head, { method, versionMinor, isUpgrade });
    this.#keepAlive = shouldKeepAlive;
    this.#served = servedRequest(this.#head, this.front.options.context.ingestTokens);
    if (!this.#served) {
      this.#isHandOver = true;
      return LLHTTP_PAUSED;
    }
    if (this.#served.kind === 'put') this.front.setDeadline(this, 'request');
    return 0;
  }

  onBody(bytes: Buffer): void {
    this.#body.push(Buffer.from(bytes));
  }

  onMessageComplete(): number {
    // One request at a time: pipelined requests wait for this one's answer, in order.
    return LLHTTP_PAUSED;
  }

  #takeHeader(): void {
    const head = this.#head;
    switch (this.#field.toLowerCase()) {
      case 'authorization': head.authorization ??= this.#value; break;
      case 'host': head.hasHost = true; break;
      case 'content-length': head.contentLength = this.#value; break;
      case 'content-type': head.contentType = this.#value; break;
      case 'transfer-encoding': head.isChunked = true; break;
      case 'expect': head.hasExpect = true; break;
      default: break;
    }
    this.#field = '';
    this.#value = '';
  }

  async #servePoll({ url, authorization, isHead }: Extract<ServedRequest, { kind: 'poll' }>): Promise<void> {
    const { context } = this.front.options;
    try {
      if (this.front.isClosing) throw shuttingDown();
      const question = url.indexOf('?');
      const query = question < 0 ? {} : parseQuery(url.slice(question + 1));
      const outcome = await openCountsPoll(context, { authorization, query });
      if (this.socket.destroyed) return;
      if (outcome.kind === 'now') {
        this.#answer(outcome.body, isHead);
        return;
      }
      this.#isHeadHeld = isHead;
      this.#held = context.heldPolls.hold(outcome.plan, this);
      if (!this.#held) throw tooManyPolls(context.config.limits.heldPollsPerToken);
    } catch (error) {
      this.#answerError(error, isHead, 'GET /v1/counts');
    }
  }

  /** The held poll ended (held-polls.ts): its answer, or the 503 of a stop. */
  answerHeld(end: Exclude<PollEnd, 'gone'>, plan: PollPlan): void {
    this.#held = undefined;
    const isHead = this.#isHeadHeld;
    if (end === 'shutdown' || end === 'access-changed') {
      this.#answerError(heldPollError(end), isHead, 'GET /v1/counts');
      return;
    }
    const { store } = this.front.options.context;
    // At once where the store can (a memory store): a change that wakes 15,000 polls
    // then makes no promise for each. This runs inside the store's wake, so nothing
    // may escape it to cut the wake of the other polls short.
    let body: string | undefined;
    try {
      body = answerNow(store, plan, end);
    } catch (error) {
      this.#answerError(error, isHead, 'GET /v1/counts');
      return;
    }
    if (body !== undefined) {
      this.#answer(body, isHead);
      return;
    }
    answerOf(store, plan, end)
      .then((text) => this.#answer(text, isHead), (error: unknown) => this.#answerError(error, isHead, 'GET /v1/counts'));
  }

  /** A PUT whose body is not what Fastify's route would take goes to Fastify, which refuses it in its words. */
  async #servePut({ id, holder }: Extract<ServedRequest, { kind: 'put' }>, message: Buffer): Promise<void> {
    const body = Buffer.concat(this.#body).toString('utf8');
    this.#body.length = 0;
    let parsed: unknown;
    try {
      parsed = secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      parsed = undefined;
    }
    if (this.front.isClosing || !isPutBody(parsed)) {
      this.#handOverAnswered(message);
      return;
    }
    const { store, config } = this.front.options.context;
    try {
      this.#answer(JSON.stringify(await putCount(store, config.limits.messagesPerMailbox, holder, id, parsed)), false);
    } catch (error) {
      this.#answerError(error, false, `PUT /v1/mailboxes/${id}`);
    }
  }

  /** Hands over a request read whole, and whatever the client sent after it. */
  #handOverAnswered(message: Buffer): void {
    const queued = this.#queued;
    this.#queued = undefined;
    this.front.handOver(this, queued ? Buffer.concat([message, queued]) : message);
  }

  #answerError(error: unknown, isHead: boolean, where: string): void {
    const { refusals, log } = this.front.options;
    let answer: HttpError;
    if (error instanceof HttpError) answer = error;
    else if (error instanceof StoreUnavailableError) answer = storeUnavailable(error.message);
    else {
      log.error({ err: error }, 'unexpected error answering a request');
      answer = internalError();
    }
    if (answer.code === 'unauthorized') refusals.note(this.socket.remoteAddress ?? '', answer.message, where);
    if (answer.code === 'shutting_down') this.#keepAlive = false;
    this.#write(rawError(answer, this.#ending(isHead)));
  }

  #answer(body: string, isHead: boolean): void {
    this.#write(okAnswer(body, this.#ending(isHead)));
  }

  #ending(isHead: boolean): { isHead: boolean; keepAliveSeconds?: number } {
    if (!this.#keepAlive || this.front.isClosing) return { isHead };
    return { isHead, keepAliveSeconds: Math.round(this.front.options.keepAliveMs / 1000) };
  }

  #write(text: string | Buffer): void {
    if (this.socket.destroyed) return;
    this.socket.write(text);
    if (!this.#keepAlive || this.front.isClosing) {
      this.socket.destroySoon();
      return;
    }
    this.#isBusy = false;
    const queued = this.#queued;
    this.#queued = undefined;
    this.socket.resume();
    // A request the client sent behind this one is read after what answered this one has
    // returned: a held poll is answered inside the store's wake, which must not run a PUT.
    if (queued) queueMicrotask(() => this.#read(queued));
    else this.front.setDeadline(this, 'idle');
  }

  /** Answers a request that cannot be served with its error, and closes the connection: what follows it cannot be trusted. */
  refuse(error: HttpError): void {
    if (!this.socket.destroyed && this.socket.writable) {
      const isHead = Buffer.concat(this.#bytes).subarray(0, 5).toString('latin1') === 'HEAD ';
      this.socket.write(rawError(error, { isHead }));
    }
    this.socket.destroySoon();
    this.#bytes = [];
    this.front.forget(this);
  }
}

function newHead(): RequestHead {
  return resetHead({} as RequestHead);
}

function resetHead(head: RequestHead): RequestHead {
  head.method = 0;
  head.url = '';
  head.versionMinor = 1;
  head.isUpgrade = false;
  head.authorization = undefined;
  head.contentType = undefined;
  head.contentLength = undefined;
  head.hasHost = false;
  head.isChunked = false;
  head.hasExpect = false;
  return head;
}

function ignoreError(): void {
  // 'close' follows every socket error, and frees what the connection held.
}
