import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { requestTimeout } from '../http-edge.ts';
import { FrontConnection, type ConnectionHost, type DeadlineKind } from './connection.ts';
import type { PollFrontOptions } from './front-options.ts';

export type { PollFrontOptions } from './front-options.ts';

/**
 * The held poll on the socket. Every connection the server accepts comes here
 * first. The two requests that every change costs, `GET`/`HEAD /v1/counts`
 * and a well-formed `PUT /v1/mailboxes/<id>`, are parsed by llhttp and
 * answered straight to the socket (connection.ts), so a held poll keeps only
 * its socket, its view, its cursor and its deadline, not node:http's and
 * Fastify's objects for each request. The first request for anything else
 * (or any PUT with something to refuse) hands the connection, with the bytes
 * read so far, to node:http and Fastify for good: they answer it as before.
 */
export class PollFront implements ConnectionHost {
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

  setDeadline(connection: FrontConnection, kind: DeadlineKind | undefined): void {
    if (kind === undefined) {
      connection.deadlineKind = undefined;
      this.#timed.delete(connection);
      return;
    }
    const { deadlines, keepAliveMs } = this.options;
    connection.deadlineKind = kind;
    connection.deadline = Date.now() + (kind === 'headers' ? deadlines.headersMs : kind === 'request' ? deadlines.requestMs : keepAliveMs);
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
