import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { AppContext } from '../app-context.ts';
import { openCountsPoll, tooManyPolls, type CountsOutcome } from '../counts-poll.ts';
import { HttpError, internalError, shuttingDown, storeUnavailable } from '../errors.ts';
import type { HeldPoll, PollEnd } from '../held-polls.ts';
import type { Deadlines } from '../http-edge.ts';
import type { RefusalLog } from '../refused-tokens.ts';
import { StoreUnavailableError } from '../store.ts';
import { LLHTTP_PAUSED, METHOD_GET, METHOD_HEAD, RequestParser, type ParserEvents } from './llhttp.ts';
import { rawAnswer, rawError } from './raw-answer.ts';

export interface PollFrontOptions {
  context: AppContext;
  deadlines: Deadlines;
  /** How long a connection may sit idle between requests: node:http's keepAliveTimeout, for the same behaviour. */
  keepAliveMs: number;
  refusals: RefusalLog;
  log: { error(fields: object, message: string): void };
}

/** node:http's default --max-http-header-size: the request line and headers together. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** Pipelined bytes kept while a poll is held; past this the socket is not read until the poll is answered. */
const MAX_QUEUED_BYTES = 64 * 1024;

const malformed = new HttpError('bad_request', 'the request is not valid HTTP/1.1');
const headersTooLarge = new HttpError('headers_too_large', 'the request line and headers are over 16 KiB; send a shorter address and fewer headers');
const requestTimeout = new HttpError('request_timeout', 'the request was not sent in time; send it whole, at once');

/**
 * The held poll on the socket. Every connection the server accepts comes here
 * first. `GET` and `HEAD /v1/counts` are parsed by llhttp and answered straight
 * to the socket, so a held poll keeps only its socket, its view, its cursor
 * and its deadline, not node:http's and Fastify's objects for each request.
 * The first request for anything else hands the connection, with the bytes
 * read so far, to node:http and Fastify for good.
 */
export class PollFront {
  readonly options: PollFrontOptions;
  readonly #handOver: (socket: Socket) => void;
  readonly #connections = new Set<FrontConnection>();
  /** Connections with a deadline to check: reading a request, or idle between requests. A held poll has none. */
  readonly #timed = new Set<FrontConnection>();
  #sweep: NodeJS.Timeout | undefined;
  #isClosing = false;

  /** Puts the front before `server`'s own connection handling, which now gets only the connections handed over. */
  static install(server: Server, options: PollFrontOptions): PollFront {
    const listeners = server.listeners('connection') as Array<(socket: Socket) => void>;
    server.removeAllListeners('connection');
    const front = new PollFront(options, (socket) => { for (const listener of listeners) listener.call(server, socket); });
    server.on('connection', (socket: Socket) => front.accept(socket));
    return front;
  }

  constructor(options: PollFrontOptions, handOver: (socket: Socket) => void) {
    this.options = options;
    this.#handOver = handOver;
  }

  get isClosing(): boolean {
    return this.#isClosing;
  }

  /** Connections the front still serves (for tests and /metrics-like questions). */
  get size(): number {
    return this.#connections.size;
  }

  accept(socket: Socket): void {
    const connection = new FrontConnection(this, socket);
    this.#connections.add(connection);
    this.setDeadline(connection, 'headers');
  }

  /** Gives the connection to node:http, with `bytes` (the request it begins with) to read first. */
  handOver(connection: FrontConnection, bytes: Buffer): void {
    this.forget(connection);
    const { socket } = connection;
    connection.stopListening();
    socket.pause();
    if (bytes.length > 0) socket.unshift(bytes);
    this.#handOver(socket);
    // node:http reads new bytes straight from the handle; the unshifted ones flow first, on the next tick.
    socket.resume();
  }

  forget(connection: FrontConnection): void {
    this.#connections.delete(connection);
    this.#timed.delete(connection);
    connection.free();
  }

  setDeadline(connection: FrontConnection, kind: 'headers' | 'idle' | undefined): void {
    if (kind === undefined) {
      this.#timed.delete(connection);
      return;
    }
    const { deadlines, keepAliveMs } = this.options;
    connection.deadlineKind = kind;
    connection.deadline = Date.now() + (kind === 'headers' ? deadlines.headersMs : keepAliveMs);
    this.#timed.add(connection);
    // As node:http checks its deadlines: every second at most, and only while there is something to check.
    this.#sweep ??= setInterval(() => this.#checkDeadlines(), Math.min(1000, deadlines.headersMs)).unref();
  }

  #checkDeadlines(): void {
    const now = Date.now();
    for (const connection of this.#timed) {
      if (connection.deadline > now) continue;
      this.#timed.delete(connection);
      if (connection.deadlineKind === 'idle') connection.socket.destroy();
      else connection.refuse(requestTimeout);
    }
    if (this.#timed.size === 0) {
      clearInterval(this.#sweep);
      this.#sweep = undefined;
    }
  }

  /** As the server stops (after held polls were answered): idle connections close now, the others after their answer. */
  close(): void {
    this.#isClosing = true;
    for (const connection of this.#connections) if (connection.isIdle) connection.socket.destroy();
  }

  /** The last step of a stop: whatever is still open is cut. */
  destroyAll(): void {
    for (const connection of this.#connections) connection.socket.destroy();
    clearInterval(this.#sweep);
    this.#sweep = undefined;
  }
}

/** One connection while the front serves it: the request being read, or the poll being answered. */
class FrontConnection implements ParserEvents {
  readonly front: PollFront;
  readonly socket: Socket;
  #parser: RequestParser | undefined;
  deadline = 0;
  deadlineKind: 'headers' | 'idle' = 'headers';

  // The request being read. Its bytes are kept until it is known to be a poll, for a hand-over.
  #bytes: Buffer[] = [];
  #url = '';
  #field = '';
  #value = '';
  #headBytes = 0;
  #authorization: string | undefined;
  #hasHost = false;
  #hasBody = false;
  #hasExpect = false;
  #isHandOver = false;
  #isOverflow = false;
  #method = 0;
  #keepAlive = true;

  // The poll being answered; bytes the client sent behind it wait.
  #isBusy = false;
  #queued: Buffer | undefined;
  #held: HeldPoll | undefined;

  constructor(front: PollFront, socket: Socket) {
    this.front = front;
    this.socket = socket;
    socket.on('data', this.#onData);
    // A client that half-closes or leaves while its poll is held is gone: its poll is freed at once.
    socket.on('end', this.#onEnd);
    socket.on('close', this.#onClose);
    socket.on('error', ignoreError);
  }

  /** Takes the front's listeners off the socket (net.Socket keeps listeners of its own), before a hand-over. */
  stopListening(): void {
    this.socket.off('data', this.#onData);
    this.socket.off('end', this.#onEnd);
    this.socket.off('close', this.#onClose);
    this.socket.off('error', ignoreError);
  }

  get isIdle(): boolean {
    return !this.#isBusy && this.#bytes.length === 0;
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
    if (this.#bytes.length === 0 && this.deadlineKind === 'idle') this.front.setDeadline(this, 'headers');
    this.#bytes.push(chunk);
    this.#parser ??= new RequestParser(this);
    const outcome = this.#parser.execute(chunk);
    if (outcome.kind === 'error') {
      this.refuse(malformed);
      return;
    }
    if (outcome.kind === 'done') {
      if (this.#headBytes > MAX_HEAD_BYTES) this.refuse(headersTooLarge);
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
    const rest = chunk.subarray(outcome.consumed);
    this.#queued = rest.length > 0 ? rest : undefined;
    this.#bytes = [];
    this.#isBusy = true;
    this.front.setDeadline(this, undefined);
    void this.#serve();
  }

  // llhttp's events, while `execute` runs.
  onUrl(text: string): void {
    this.#url += text;
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
    this.#method = method;
    this.#keepAlive = shouldKeepAlive;
    const isPoll = (method === METHOD_GET || method === METHOD_HEAD) && isPollPath(this.#url)
      // Anything node:http treats specially stays with it: upgrades, bodies, Expect, HTTP/1.1 without Host.
      && !isUpgrade && !this.#hasBody && !this.#hasExpect && (this.#hasHost || versionMinor === 0);
    if (isPoll) return 0;
    this.#isHandOver = true;
    return LLHTTP_PAUSED;
  }

  onMessageComplete(): number {
    // One request at a time: pipelined requests wait for this one's answer, in order.
    return LLHTTP_PAUSED;
  }

  #takeHeader(): void {
    switch (this.#field.toLowerCase()) {
      case 'authorization': this.#authorization ??= this.#value; break;
      case 'host': this.#hasHost = true; break;
      case 'content-length': if (this.#value.trim() !== '0') this.#hasBody = true; break;
      case 'transfer-encoding': this.#hasBody = true; break;
      case 'expect': this.#hasExpect = true; break;
      default: break;
    }
    this.#field = '';
    this.#value = '';
  }

  async #serve(): Promise<void> {
    const url = this.#url;
    const authorization = this.#authorization;
    const isHead = this.#method === METHOD_HEAD;
    this.#url = '';
    this.#authorization = undefined;
    this.#headBytes = 0;
    this.#hasHost = false;
    const { context } = this.front.options;
    try {
      if (this.front.isClosing) throw shuttingDown();
      const question = url.indexOf('?');
      const query = question < 0 ? {} : parseQuery(url.slice(question + 1));
      const outcome = await openCountsPoll(context, { authorization, query });
      if (this.socket.destroyed) return;
      if (outcome.kind === 'now') {
        this.#answer(200, outcome.body, isHead);
        return;
      }
      this.#held = context.heldPolls.hold({
        key: outcome.key,
        view: outcome.view,
        since: outcome.since,
        waitMs: outcome.waitMs,
        answer: (end) => this.#answerHeld(outcome, end, isHead),
      });
      if (!this.#held) throw tooManyPolls(context.config.limits.heldPollsPerToken);
    } catch (error) {
      this.#answerError(error, isHead);
    }
  }

  #answerHeld(outcome: Extract<CountsOutcome, { kind: 'hold' }>, end: Exclude<PollEnd, 'gone'>, isHead: boolean): void {
    this.#held = undefined;
    if (end === 'shutdown') {
      this.#answerError(shuttingDown(), isHead);
      return;
    }
    outcome.answer(end).then((body) => this.#answer(200, body, isHead), (error: unknown) => this.#answerError(error, isHead));
  }

  #answerError(error: unknown, isHead: boolean): void {
    const { refusals, log } = this.front.options;
    let answer: HttpError;
    if (error instanceof HttpError) answer = error;
    else if (error instanceof StoreUnavailableError) answer = storeUnavailable();
    else {
      log.error({ err: error }, 'unexpected error answering a request');
      answer = internalError();
    }
    if (answer.code === 'unauthorized') refusals.note(this.socket.remoteAddress ?? '', answer.message, `${isHead ? 'HEAD' : 'GET'} /v1/counts`);
    this.#write(rawError(answer, this.#ending(isHead, answer.code === 'shutting_down')));
  }

  #answer(status: number, body: string, isHead: boolean): void {
    this.#write(rawAnswer(status, {}, body, this.#ending(isHead, false)));
  }

  #ending(isHead: boolean, isClose: boolean) {
    const keepsOpen = this.#keepAlive && !isClose && !this.front.isClosing;
    return keepsOpen ? { isHead, keepAliveSeconds: Math.round(this.front.options.keepAliveMs / 1000) } : { isHead };
  }

  #write(text: string): void {
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
    if (queued) this.#read(queued);
    else this.front.setDeadline(this, 'idle');
  }

  /** Answers a request that cannot be served with its error, and closes the connection: what follows it cannot be trusted. */
  refuse(error: HttpError): void {
    if (!this.socket.destroyed && this.socket.writable) {
      const bytes = Buffer.concat(this.#bytes);
      const isHead = bytes.subarray(0, 5).toString('latin1') === 'HEAD ';
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

/** Exactly the path of the counts, with or without a query: any other spelling goes to Fastify's router. */
function isPollPath(url: string): boolean {
  return url === '/v1/counts' || (url.startsWith('/v1/counts?') && !url.includes('#'));
}
