import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { HttpError } from './errors.ts';
import { JSON_HEADERS, rawAnswer, type RawAnswerOptions } from './raw-answer.ts';

/**
 * The one place an HttpError becomes an answer: its status, the headers every
 * error carries and its JSON body. Fastify, the poll front and node:http's
 * edge each write this same description; they add only the framing their
 * transport owns (Content-Length, Date, how the connection ends).
 */
export interface ErrorAnswer {
  status: number;
  /** Names in lower case, in the order they go on the wire. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export function errorAnswer(error: HttpError): ErrorAnswer {
  // `no-store` first and the error's own headers (Retry-After, Allow) before the
  // content type: the order both paths have always written.
  const headers: Record<string, string> = { 'cache-control': JSON_HEADERS['cache-control'] };
  for (const name in error.headers) headers[name.toLowerCase()] = error.headers[name]!;
  headers['content-type'] = JSON_HEADERS['content-type'];
  return { status: error.status, headers, body: JSON.stringify(error.toBody()) };
}

/** Errors whose answer through Fastify ends the connection (`endingConnection`). */
const closingErrors = new WeakSet<HttpError>();

/**
 * Marks `error` as answered before its request's body was read (a refusal
 * before the token is known, or as the server stops): its answer carries
 * `Connection: close`, since the unread body leaves the connection unable to
 * carry another request. Below Fastify every error answer closes already.
 */
export function endingConnection<E extends HttpError>(error: E): E {
  closingErrors.add(error);
  return error;
}

/**
 * Answers `error` through Fastify. `no-store` is set here too, since some
 * errors (Fastify's own) are answered before the hooks that set it run.
 */
export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  const answer = errorAnswer(error);
  if (closingErrors.has(error)) reply.header('Connection', 'close');
  // A string with a JSON content type is sent as it is, not serialized again.
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/** The error as one string for one write to a socket, for requests answered below Fastify. */
export function rawError(error: HttpError, options: RawAnswerOptions): string {
  const answer = errorAnswer(error);
  return rawAnswer(answer.status, answer.headers, answer.body, options);
}

/** Answers `error` through node:http's own response (a refused Expect), and closes the connection after it. */
export function endWithError(response: ServerResponse, error: HttpError): void {
  const answer = errorAnswer(error);
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body), connection: 'close' }).end(answer.body);
}
