import type { Socket } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_WAIT_SECONDS } from '../../common/protocol.ts';
import { endingConnection, endWithError, rawError, sendError } from './error-answer.ts';
import { HttpError } from './errors.ts';

/**
 * The edge of the HTTP server, below the routes: how long a client may take
 * to send its request, and the answers to requests Node or Fastify refuse
 * before any route sees them. Every one is the JSON error of the protocol,
 * with `no-store`, and never echoes the request.
 */
export interface Deadlines {
  /** To send the request line and headers. */
  headersMs: number;
  /** To send the whole request, body included. A GET has none, so a held poll is not cut by it. */
  requestMs: number;
  /** How long a connection may send and receive nothing: a held poll's longest wait plus a margin. */
  idleMs: number;
}

/** A held poll's connection is silent for its whole wait; it is cut only this long after that. */
export const HELD_POLL_MARGIN_MS = 30_000;

export function deadlinesFor(limits: { headersSeconds: number; requestSeconds: number }): Deadlines {
  return {
    headersMs: limits.headersSeconds * 1000,
    requestMs: limits.requestSeconds * 1000,
    // The protocol's longest wait, not the configured one: a reload may raise that.
    idleMs: MAX_WAIT_SECONDS * 1000 + HELD_POLL_MARGIN_MS,
  };
}

/** Fastify's options for the deadlines and for the errors it answers itself. */
export function edgeOptions(deadlines: Deadlines): FastifyHttpOptions<Server> {
  return {
    requestTimeout: deadlines.requestMs,
    connectionTimeout: deadlines.idleMs,
    // keepAliveTimeout stays Fastify's 72 s: longer than the 60 s of common proxies and
    // clients' pools, so a reused connection is not closed under a request (ECONNRESET).
    http: {
      // node:http would answer an HTTP/1.1 request without Host with a bare 400 itself;
      // the app's first hook answers it with the protocol's error (lacksHost).
      requireHostHeader: false,
      headersTimeout: deadlines.headersMs,
      // Node checks the deadlines this often; its default of 30 s would let a slow client keep its socket that much longer.
      connectionsCheckingInterval: Math.min(1000, deadlines.headersMs),
    },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  };
}

/** What a request that never reached a route is told, by node:http's edge here and by the poll front. */
export const requestTimeout = new HttpError('request_timeout', 'the request was not sent in time; send it whole, at once');
export const headersTooLarge = new HttpError('headers_too_large', 'the request line and headers are over the limit (16 KiB, or 1,000 headers); send a shorter address and fewer headers');
export const malformed = new HttpError('bad_request', 'the request is not valid HTTP/1.1');
export const missingHost = new HttpError('bad_request', 'an HTTP/1.1 request needs a Host header; send one (any name of this server)');
const expectationFailed = new HttpError('expectation_failed', 'the only Expect this server meets is "100-continue"; send the request without the other');
const notAProxy = new HttpError('method_not_allowed', 'CONNECT is not served: this server is not a proxy; the API is under /v1/ (see docs/protocol.md)',
  { Allow: 'GET, HEAD, POST, PUT' });

/** An HTTP/1.1 request without Host, which HTTP says to refuse with 400 (RFC 9112, 3.2). */
export function lacksHost(request: IncomingMessage): boolean {
  return request.httpVersionMajor === 1 && request.httpVersionMinor === 1 && request.headers.host === undefined;
}

/**
 * The requests node:http answers itself, without a body or `no-store`,
 * unless the server listens for them: an `Expect` other than 100-continue
 * (a bare 417) and `CONNECT` (its socket closed without a word). Here they
 * get the protocol's error too.
 */
export function answerAtTheEdge(server: Server): void {
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    // The body, if any, is not read: the connection closes after the answer.
    endWithError(response, expectationFailed);
  });
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => {});
    // node:http has let go of the socket: the answer is written to it whole, then it closes.
    socket.end(rawError(notAProxy, { isHead: false }), () => socket.destroy());
    request.resume();
  });
}

const clientErrors: Record<string, HttpError> = {
  ERR_HTTP_REQUEST_TIMEOUT: requestTimeout,
  HPE_HEADER_OVERFLOW: headersTooLarge,
};

/**
 * Requests Node's parser refuses (a malformed request line, headers over the
 * limit, a deadline missed) never reach Fastify: the socket is all there is.
 */
function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // Bytes after a request that asked to close (Connection: close, HTTP/1.0): HTTP says not to
  // read them (RFC 9112, 9.6). That request's answer may still be on its way; node:http closes
  // the connection after it. A 400 now would go out in its place.
  if (error.code === 'HPE_CLOSED_CONNECTION') return;
  const answer = (error.code !== undefined ? clientErrors[error.code] : undefined) ?? malformed;
  if (socket.writable) {
    // The request line may be all that was read; a HEAD request gets no body, as HTTP says.
    const isHead = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.write(rawError(answer, { isHead }));
  }
  socket.destroy();
}

/** Errors Fastify's router raises before a route is chosen; both quote the URL by default, which we never do. */
function answerFrameworkError(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const answer = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new HttpError('uri_too_long', 'a part of the address is too long; mailbox ids are 1 to 128 characters')
    : error.code === 'FST_ERR_BAD_URL'
      ? new HttpError('bad_request', 'the address is not valid: a % must be followed by two hex digits')
      : new HttpError('bad_request', 'the request could not be routed');
  // Answered before the token is checked, so a body is never read: the connection closes rather than wait for it.
  sendError(reply, endingConnection(answer));
}
