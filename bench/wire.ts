/**
 * What each measured server's requests and answers look like on the wire,
 * as plain data so the load generator (its own process) can build them:
 * requests are strings made once per poll, with only the cursor (Mailtray)
 * or the last message's date and tag (nchan) put in per request.
 */
import { headerOf, type Answer } from './http-answers.ts';

export type Wire =
  /** Mailtray: client `c<i>` (token `tokenOf(i)`) sees mailbox `m<i>`; changes go to PUT /v1/mailboxes/m<i> or POST /v1/counts. */
  | { kind: 'mailtray'; ingestToken: string; feed: 'put' | 'post' }
  /** nchan: channel `m<i>`, long-poll subscriber at /sub/m<i>, publisher at /pub/m<i>. */
  | { kind: 'nchan' };

export const tokenOf = (mailbox: number) => `bench-client-token-${mailbox}-xxxxxxxx`;
export const INGEST_TOKEN = 'bench-ingest-token-xxxxxxxxxxxx';

/** What an answer to a poll told: the state the next poll sends, and the count it carried. */
export interface PollReading {
  /** Undefined: keep the last state (a timeout, or an answer that is not a message). */
  state?: string;
  /** The mailbox's count as this answer shows it; undefined when the answer carries none. */
  value?: number;
  /** The mailbox the answer shows (Mailtray: its id; nchan's answers do not say). */
  mailboxId?: string;
  /** The cursor's version, the part after the epoch (Mailtray only). */
  version?: number;
}

export interface PollRequests {
  /** The first poll: no cursor (Mailtray answers it at once) or no last message (nchan holds it). */
  first: string;
  next(state: string): string;
}

const hostLine = (port: number) => `Host: 127.0.0.1:${port}\r\n`;

export function pollRequests(wire: Wire, mailbox: number, port: number): PollRequests {
  if (wire.kind === 'mailtray') {
    const rest = ` HTTP/1.1\r\n${hostLine(port)}Authorization: Bearer ${tokenOf(mailbox)}\r\n\r\n`;
    return { first: `GET /v1/counts?wait=120${rest}`, next: (cursor) => `GET /v1/counts?wait=120&since=${cursor}${rest}` };
  }
  const start = `GET /sub/m${mailbox} HTTP/1.1\r\n${hostLine(port)}`;
  return { first: `${start}\r\n`, next: (lastMessage) => `${start}${lastMessage}\r\n` };
}

/** The digits at `at` in `bytes`, as a number (NaN if there are none). */
function numberAt(bytes: Buffer, at: number): number {
  let value = 0;
  let end = at;
  for (; end < bytes.length; end += 1) {
    const digit = bytes[end]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return end === at ? NaN : value;
}

const CURSOR = Buffer.from('"cursor":"');
const COUNT = Buffer.from('"count":');
const ID = Buffer.from('"id":"');

export function readPoll(wire: Wire, answer: Answer): PollReading {
  if (answer.status !== 200) return {};
  const { body } = answer;
  if (wire.kind === 'mailtray') {
    // A view of one mailbox: its count and id are the only ones in the body.
    const cursorAt = body.indexOf(CURSOR);
    const countAt = body.indexOf(COUNT);
    const idAt = body.indexOf(ID);
    if (cursorAt < 0) return {};
    const start = cursorAt + CURSOR.length;
    const state = body.toString('latin1', start, body.indexOf(34 /* " */, start));
    const reading: PollReading = { state };
    const dot = state.indexOf('.');
    if (dot > 0) reading.version = numberAt(body, start + dot + 1);
    if (idAt >= 0) reading.mailboxId = body.toString('latin1', idAt + ID.length, body.indexOf(34, idAt + ID.length));
    if (countAt >= 0) reading.value = numberAt(body, countAt + COUNT.length);
    return reading;
  }
  const lastModified = headerOf(answer.head, 'last-modified');
  if (lastModified === undefined) return {};
  const state = `If-Modified-Since: ${lastModified}\r\nIf-None-Match: ${headerOf(answer.head, 'etag') ?? '0'}\r\n`;
  return { state, value: numberAt(body, 0) };
}

export function publishRequest(wire: Wire, mailbox: number, port: number, count: number): string {
  if (wire.kind === 'nchan') {
    const body = String(count);
    return `POST /pub/m${mailbox} HTTP/1.1\r\n${hostLine(port)}Content-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  }
  const [path, body] = wire.feed === 'post'
    ? ['/v1/counts', `{"mailboxes":[{"id":"m${mailbox}","count":${count}}]}`]
    : [`/v1/mailboxes/m${mailbox}`, `{"count":${count}}`];
  return `${wire.feed === 'post' ? 'POST' : 'PUT'} ${path} HTTP/1.1\r\n${hostLine(port)}Authorization: Bearer ${wire.ingestToken}\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}
