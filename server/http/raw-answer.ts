import { STATUS_CODES } from 'node:http';

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

/** The headers of every JSON answer the server writes: `no-store` on every one, as the protocol says. */
export const JSON_HEADERS = { 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' } as const;

/**
 * A whole HTTP/1.1 answer as one string for one write, for requests answered
 * below Fastify: `headers` (names in lower case) as given, then the framing
 * node:http would add. Errors come through error-answer.ts.
 */
export function rawAnswer(status: number, headers: Readonly<Record<string, string>>, body: string, options: RawAnswerOptions): string {
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  head += `content-length: ${Buffer.byteLength(body)}\r\nDate: ${httpDate()}\r\n`;
  head += options.keepAliveSeconds === undefined
    ? 'Connection: close\r\n\r\n'
    : `Connection: keep-alive\r\nKeep-Alive: timeout=${options.keepAliveSeconds}\r\n\r\n`;
  return options.isHead ? head : head + body;
}

/** The last 200 answer written: when a change wakes many polls of one view they share one body, and so its bytes. */
let lastAnswer: { body: string; keepAliveSeconds: number | undefined; date: string; text: string; bytes: Buffer | undefined } | undefined;

/**
 * A 200 answer with `body`, for the socket: text the first time (a string
 * write needs no Buffer of its own), bytes made once when the same body is
 * written again in the same second (a change that wakes many polls).
 */
export function okAnswer(body: string, options: RawAnswerOptions): string | Buffer {
  if (options.isHead) return rawAnswer(200, JSON_HEADERS, body, options);
  const date = httpDate();
  if (lastAnswer?.body === body && lastAnswer.keepAliveSeconds === options.keepAliveSeconds && lastAnswer.date === date) {
    return (lastAnswer.bytes ??= Buffer.from(lastAnswer.text, 'utf8'));
  }
  const text = rawAnswer(200, JSON_HEADERS, body, options);
  lastAnswer = { body, keepAliveSeconds: options.keepAliveSeconds, date, text, bytes: undefined };
  return text;
}
