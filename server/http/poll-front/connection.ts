import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import secureJson from 'secure-json-parse';
import { answerNow, answerOf, openCountsPoll, tooManyPolls, type CountsPollRequest } from '../counts-poll.ts';
import { heldPollError, HttpError, internalError, shuttingDown, storeUnavailable } from '../errors.ts';
import type { HeldPoll, HeldPollEnd, HeldPollAnswerer } from '../../polls/held-polls.ts';
import { putCount } from '../routes/ingest.ts';
import { StoreUnavailableError } from '../../store/store.ts';
import type { PollFrontOptions } from './front-options.ts';
import { LLHTTP_PAUSED, LLHTTP_USER, RequestParser, type ParserEvents } from './llhttp.ts';
import { rawError } from '../error-answer.ts';
import { okAnswer } from '../raw-answer.ts';
import { isPutBody, servedRequest, type RequestHead, type ServedRequest } from './served-requests.ts';

/**
 * node:http's default --max-http-header-size. It counts the address and the
 * headers' names and values (not the method, colons or line ends) and refuses
 * a head whose count reaches it: 16,384 is refused, 16,383 is not.
 */
export const MAX_HEAD_BYTES = 16 * 1024;
/** node:http refuses a request's 1,001st header line with 431 (Node 24; the differential test holds the front to it). */
export const MAX_HEADERS = 1000;
/** Pipelined bytes kept while a request is answered; past this the socket is not read until it is. */
const MAX_QUEUED_BYTES = 64 * 1024;

/** What a connection's deadline is for: its request's headers, a PUT's body, or the next request. */
export type DeadlineKind = 'headers' | 'request' | 'idle';

/** What a connection asks of the front that accepted it (PollFront): its options, and to be handed over, timed or let go. */
export interface ConnectionHost {
  readonly options: PollFrontOptions;
  readonly isClosing: boolean;
  handOver(connection: FrontConnection, bytes: Buffer): void;
  forget(connection: FrontConnection): void;
  setDeadline(connection: FrontConnection, kind: DeadlineKind | undefined): void;
}

/** One connection while the front serves it: the request being read, or the one being answered. */
export class FrontConnection implements ParserEvents, HeldPollAnswerer<CountsPollRequest> {
  readonly front: ConnectionHost;
  readonly socket: Socket;
  #parser: RequestParser | undefined;
  deadline = 0;
  /** What `deadline` is for; undefined while a request is being answered (a held poll has no deadline). */
  deadlineKind: DeadlineKind | undefined = 'headers';

  // The request being read. Its bytes are kept until it is known to be served here, for a hand-over.
  #bytes: Buffer[] = [];
  #head = newHead();
  #headBytes = 0;
  #headerCount = 0;
  #field = '';
  #value = '';
  // Whether llhttp told the value of the header being read. It tells an empty value as '',
  // so the next field then begins a header of its own, as in node:http: the text alone
  // cannot say that ("Authoriz:" then "ation: Bearer ..." are two headers, not one).
  #hasValue = false;
  #body: Buffer[] = [];
  #served: ServedRequest | undefined;
  #isHandOver = false;
  #keepAlive = true;

  // The request being answered; bytes the client sent behind it wait.
  #isBusy = false;
  #queued: Buffer | undefined;
  #held: HeldPoll | undefined;
  #isHeadHeld = false;

  constructor(front: ConnectionHost, socket: Socket) {
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
      // Bytes llhttp refuses, or a head over node:http's limits: node:http reads the request
      // again and refuses it in the protocol's words (http-edge.ts). So whatever the front
      // refuses, node:http refuses too, and nothing it would take is refused here.
      this.front.handOver(this, Buffer.concat(this.#bytes));
      return;
    }
    if (outcome.kind === 'done') {
      // Part of a request, however it came: the first on the connection, after an idle wait,
      // or behind one answered here. Its head now has a deadline, unless it has one running
      // (its head's, or, once a PUT's head is read, the whole request's).
      if (this.deadlineKind === undefined || this.deadlineKind === 'idle') this.front.setDeadline(this, 'headers');
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
    if (served.kind === 'poll') void this.#servePoll(served);
    else void this.#servePut(served, message!);
  }

  // llhttp's events, while `execute` runs.
  onMessageBegin(): void {
    // Nothing of the request before (a header half read, a body) may reach this one.
    resetHead(this.#head);
    this.#headBytes = 0;
    this.#headerCount = 0;
    this.#field = '';
    this.#value = '';
    this.#hasValue = false;
    this.#body.length = 0;
    this.#served = undefined;
    this.#isHandOver = false;
  }

  onUrl(text: string): number {
    this.#head.url += text;
    return this.#countHeadBytes(text.length);
  }

  onHeaderField(text: string): number {
    if (this.#hasValue) this.#takeHeader();
    if (this.#field === '' && ++this.#headerCount > MAX_HEADERS) return LLHTTP_USER;
    this.#field += text;
    return this.#countHeadBytes(text.length);
  }

  onHeaderValue(text: string): number {
    this.#value += text;
    this.#hasValue = true;
    return this.#countHeadBytes(text.length);
  }

  /** As node:http counts a head, after each piece of it: past its limit the parser stops, and node:http refuses the request. */
  #countHeadBytes(length: number): number {
    this.#headBytes += length;
    return this.#headBytes >= MAX_HEAD_BYTES ? LLHTTP_USER : 0;
  }

  onHeadersComplete(method: number, versionMinor: number, shouldKeepAlive: boolean, isUpgrade: boolean): number {
    if (this.#hasValue || this.#field !== '') this.#takeHeader();
    const head = this.#head;
    head.method = method;
    head.versionMinor = versionMinor;
    head.isUpgrade = isUpgrade;
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

  /** The header just read, as node:http keeps it: the first of two, without trailing spaces and tabs. */
  #takeHeader(): void {
    const head = this.#head;
    switch (this.#field.toLowerCase()) {
      case 'authorization': head.authorization ??= withoutTrailingSpace(this.#value); break;
      case 'host': head.hasHost = true; break;
      case 'content-length': head.contentLength ??= withoutTrailingSpace(this.#value); break;
      case 'content-type': head.contentType ??= withoutTrailingSpace(this.#value); break;
      case 'transfer-encoding': head.isChunked = true; break;
      case 'expect': head.hasExpect = true; break;
      default: break;
    }
    this.#field = '';
    this.#value = '';
    this.#hasValue = false;
  }

  async #servePoll({ url, authorization, isHead }: Extract<ServedRequest, { kind: 'poll' }>): Promise<void> {
    const { context, onServe } = this.front.options;
    if (onServe) onServe(this.socket, { ...this.#head }, Buffer.alloc(0));
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
      this.#held = context.heldPolls.hold(outcome.request, this);
      if (!this.#held) throw tooManyPolls(context.config.limits.heldPollsPerToken);
    } catch (error) {
      this.#answerError(error, isHead, 'GET /v1/counts');
    }
  }

  /** The held poll ended (held-polls.ts): its answer, or the 503 of a stop. */
  answerHeld(end: Exclude<HeldPollEnd, 'gone'>, request: CountsPollRequest): void {
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
      body = answerNow(store, request, end);
    } catch (error) {
      this.#answerError(error, isHead, 'GET /v1/counts');
      return;
    }
    if (body !== undefined) {
      this.#answer(body, isHead);
      return;
    }
    answerOf(store, request, end)
      .then((text) => this.#answer(text, isHead), (error: unknown) => this.#answerError(error, isHead, 'GET /v1/counts'));
  }

  /** A PUT whose body is not what Fastify's route would take goes to Fastify, which refuses it in its words. */
  async #servePut({ id, holder }: Extract<ServedRequest, { kind: 'put' }>, message: Buffer): Promise<void> {
    const bytes = Buffer.concat(this.#body);
    this.#body.length = 0;
    const body = bytes.toString('utf8');
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
    const { context: { store, config }, onServe } = this.front.options;
    if (onServe) onServe(this.socket, { ...this.#head }, bytes);
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

/** node:http drops a value's trailing whitespace (llhttp already skips the leading). */
function withoutTrailingSpace(value: string): string {
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}

function ignoreError(): void {
  // 'close' follows every socket error, and frees what the connection held.
}
