import { STATUS_CODES } from 'node:http';
import type { HttpError } from './errors.ts';

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

/** The last 200 answer written: when a change wakes many polls of one view they share one body, and so its bytes. */
let lastAnswer: { body: string; keepAliveSeconds: number | undefined; date: string; text: string; bytes: Buffer | undefined } | undefined;

/**
 * A 200 answer with `body`, for the socket: text the first time (a string
 * write needs no Buffer of its own), bytes made once when the same body is
 * written again in the same second (a change that wakes many polls).
 */
export function okAnswer(body: string, options: RawAnswerOptions): string | Buffer {
  if (options.isHead) return rawAnswer(200, {}, body, options);
  const date = httpDate();
  if (lastAnswer?.body === body && lastAnswer.keepAliveSeconds === options.keepAliveSeconds && lastAnswer.date === date) {
    return (lastAnswer.bytes ??= Buffer.from(lastAnswer.text, 'utf8'));
  }
  const text = rawAnswer(200, {}, body, options);
  lastAnswer = { body, keepAliveSeconds: options.keepAliveSeconds, date, text, bytes: undefined };
  return text;
}
