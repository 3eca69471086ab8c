import type { Socket } from 'node:net';
import type { CountsPollRequest } from '../counts-poll.ts';
import { HttpError, internalError, storeUnavailable } from '../errors.ts';
import type { HeldPoll, HeldPollEnd, HeldPollAnswerer } from '../../polls/held-polls.ts';
import { StoreUnavailableError } from '../../store/store.ts';
import type { PollFrontOptions } from './front-options.ts';
import { HeadReader } from './head-reader.ts';
import { LLHTTP_PAUSED, RequestParser, type ParserEvents } from './llhttp.ts';
import { rawError } from '../error-answer.ts';
import { okAnswer } from '../raw-answer.ts';
import { answerHeldPoll, servePoll, servePut, type AnsweringConnection } from './served-answers.ts';
import { servedRequest, type ServedRequest } from './served-requests.ts';

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
export class FrontConnection implements ParserEvents, HeldPollAnswerer<CountsPollRequest>, AnsweringConnection {
  readonly front: ConnectionHost;
  readonly socket: Socket;
  #parser: RequestParser | undefined;
  deadline = 0;
  /** What `deadline` is for; undefined while a request is being answered (a held poll has no deadline). */
  deadlineKind: DeadlineKind | undefined = 'headers';

  // The request being read. Its bytes are kept until it is known to be served here, for a hand-over.
  #bytes: Buffer[] = [];
  readonly #reader = new HeadReader();
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
    if (served.kind === 'poll') void servePoll(this, served, this.#reader.head);
    else {
      const bytes = Buffer.concat(this.#body);
      this.#body.length = 0;
      void servePut(this, served, message!, bytes, this.#reader.head);
    }
  }

  // llhttp's events, while `execute` runs; the head's go to the reader.
  onMessageBegin(): void {
    // Nothing of the request before (a header half read, a body) may reach this one.
    this.#reader.reset();
    this.#body.length = 0;
    this.#served = undefined;
    this.#isHandOver = false;
  }

  onUrl(text: string): number {
    return this.#reader.onUrl(text);
  }

  onHeaderField(text: string): number {
    return this.#reader.onHeaderField(text);
  }

  onHeaderValue(text: string): number {
    return this.#reader.onHeaderValue(text);
  }

  onHeadersComplete(method: number, versionMinor: number, shouldKeepAlive: boolean, isUpgrade: boolean): number {
    const head = this.#reader.complete(method, versionMinor, isUpgrade);
    this.#keepAlive = shouldKeepAlive;
    this.#served = servedRequest(head, this.front.options.context.ingestTokens);
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

  // What served-answers.ts asks of the connection (AnsweringConnection).
  get options(): PollFrontOptions {
    return this.front.options;
  }

  get isClosing(): boolean {
    return this.front.isClosing;
  }

  hold(request: CountsPollRequest, isHead: boolean): boolean {
    this.#isHeadHeld = isHead;
    this.#held = this.front.options.context.heldPolls.hold(request, this);
    return this.#held !== undefined;
  }

  /** The held poll ended (held-polls.ts): served-answers.ts answers it. */
  answerHeld(end: Exclude<HeldPollEnd, 'gone'>, request: CountsPollRequest): void {
    this.#held = undefined;
    answerHeldPoll(this, end, request, this.#isHeadHeld);
  }

  handOverAnswered(message: Buffer): void {
    const queued = this.#queued;
    this.#queued = undefined;
    this.front.handOver(this, queued ? Buffer.concat([message, queued]) : message);
  }

  answerError(error: unknown, isHead: boolean, where: string): void {
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

  answer(body: string, isHead: boolean): void {
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

function ignoreError(): void {
  // 'close' follows every socket error, and frees what the connection held.
}
