/**
 * The benchmark's HTTP/1.1 answer reader: just enough to read the answers of
 * the two servers it measures off a raw socket, as cheaply as possible, so
 * the load generator is never the bottleneck. It reads the status, keeps the
 * head as text for the one or two headers a caller wants, and takes the body
 * by Content-Length. Whatever it does not handle (chunked bodies, a body
 * delimited by the close, a head over 64 KiB) is an error, never a guess.
 */

export interface Answer {
  status: number;
  /** The status line and headers, without the blank line that ends them. */
  head: string;
  body: Buffer;
  /** The server said `Connection: close`: the connection ends after this answer. */
  closes: boolean;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;

/** A header's value (the first, trimmed), looked up without regard to case; undefined if absent. */
export function headerOf(head: string, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let start = head.indexOf('\r\n') + 2;
  while (start > 1 && start < head.length) {
    const end = head.indexOf('\r\n', start);
    const line = end < 0 ? head.slice(start) : head.slice(start, end);
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
    if (end < 0) break;
    start = end + 2;
  }
  return undefined;
}

function bodyLength(head: string, status: number): number {
  if (headerOf(head, 'transfer-encoding') !== undefined) {
    throw new Error(`a chunked answer (status ${status}): the benchmark's reader takes bodies by Content-Length only`);
  }
  const length = headerOf(head, 'content-length');
  if (length === undefined) {
    if ((status >= 100 && status < 200) || status === 204 || status === 304) return 0;
    throw new Error(`an answer with status ${status} and neither Content-Length nor an empty body by its status`);
  }
  if (!/^\d{1,12}$/.test(length)) throw new Error(`a Content-Length that is not a length: ${JSON.stringify(length)}`);
  return Number(length);
}

/** Reads the answers of one connection from its bytes, as they arrive in chunks of any size. */
export class AnswerReader {
  /** Bytes received that are not yet a whole answer. */
  #pending: Buffer | undefined;

  /**
   * The whole answers these bytes complete, in order (pipelined answers may
   * share a chunk). Their bodies may be views of `chunk`: valid as long as it is.
   */
  push(chunk: Buffer): Answer[] {
    let bytes = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = undefined;
    const answers: Answer[] = [];
    while (bytes.length > 0) {
      const headEnd = bytes.indexOf(HEAD_END);
      if (headEnd < 0) {
        if (bytes.length > MAX_HEAD) throw new Error(`an answer's head is over ${MAX_HEAD} bytes`);
        break;
      }
      const head = bytes.toString('latin1', 0, headEnd);
      if (!head.startsWith('HTTP/1.')) throw new Error(`not an HTTP/1.x answer: ${JSON.stringify(head.slice(0, 40))}`);
      const status = Number(head.slice(9, 12));
      const length = bodyLength(head, status);
      const bodyStart = headEnd + HEAD_END.length;
      if (bytes.length < bodyStart + length) break;
      const connection = headerOf(head, 'connection');
      answers.push({
        status,
        head,
        body: bytes.subarray(bodyStart, bodyStart + length),
        closes: connection !== undefined && connection.toLowerCase() === 'close',
      });
      bytes = bytes.subarray(bodyStart + length);
    }
    // A copy: the caller may read the next chunk into the same memory.
    if (bytes.length > 0) this.#pending = Buffer.from(bytes);
    return answers;
  }

  /** Part of an answer has arrived and not the rest. */
  get isMidAnswer(): boolean {
    return this.#pending !== undefined;
  }
}
