import { STATUS_CODES } from 'node:http';
import type { HttpError } from '../errors.ts';

/** How an answer written straight to a socket ends: its body (none for HEAD) and whether the connection stays open. */
export interface RawAnswerOptions {
  isHead: boolean;
  /** Seconds the connection is kept open for the next request, as `Keep-Alive: timeout=`; absent: `Connection: close`. */
  keepAliveSeconds?: number;
}

let dateSecond = -1;
let dateText = '';

/** The Date header's value, made once a second as node:http does. */
function httpDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

/**
 * A whole HTTP/1.1 answer with a JSON body, as one string for one write: the
 * headers Fastify's answers carry (`no-store` on every one, as the protocol
 * says), for requests answered below Fastify.
 */
export function rawAnswer(status: number, headers: Readonly<Record<string, string>>, body: string, options: RawAnswerOptions): string {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncache-control: no-store\r\n`;
  for (const name in headers) head += `${name.toLowerCase()}: ${headers[name]}\r\n`;
  head += `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nDate: ${httpDate()}\r\n`;
  head += options.keepAliveSeconds === undefined
    ? 'Connection: close\r\n\r\n'
    : `Connection: keep-alive\r\nKeep-Alive: timeout=${options.keepAliveSeconds}\r\n\r\n`;
  return options.isHead ? head : head + body;
}

/** The protocol's JSON error, written straight to a socket. */
export function rawError(error: HttpError, options: RawAnswerOptions): string {
  return rawAnswer(error.status, error.headers, JSON.stringify(error.toBody()), options);
}
