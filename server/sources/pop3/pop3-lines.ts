import type { Socket } from 'node:net';
import type { Timers } from '../../../common/timers.ts';

/** The server broke the protocol (a line that is not POP3, too long, data where none may be) or went silent: `code` says which. */
export class Pop3ProtocolError extends Error {
  readonly code: 'PROTOCOL' | 'ETIMEOUT' | 'GREETING';
  constructor(code: Pop3ProtocolError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

// RFC 1939 caps a response line at 512 octets and RFC 5322 a header line at 998;
// a line past this is no mail server's, and is cut (in TOP) or refused.
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * The lines a POP3 server sends, one at a time as they are asked for, each
 * without its CRLF (or bare LF). Bounded in every way a stranger could try:
 * a line past MAX_LINE_BYTES, data nobody asked for, silence for `timeoutMs`.
 */
export class LineReader {
  readonly #timers: Timers;
  readonly #timeoutMs: number;
  /** Bytes received and not yet taken as lines. */
  #buffer: Buffer = Buffer.alloc(0);
  /** Set while the rest of an overlong line is dropped up to its end. */
  #isDropping = false;
  #waiter: { resolve: (line: Buffer) => void; reject: (error: Error) => void } | undefined;
  #failure: Error | undefined;
  /** Whether an overlong line is cut (inside a message's header, which strangers write) or refused. */
  isCutting = false;

  constructor(timers: Timers, timeoutMs: number) {
    this.#timers = timers;
    this.#timeoutMs = timeoutMs;
  }

  /** Reads from `socket` (again after STLS, from the TLS socket over it). */
  attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.#received(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Pop3ProtocolError('PROTOCOL', 'the server closed the connection')));
  }

  /** Bytes that arrived and were not asked for yet. */
  get unread(): number {
    return this.#buffer.length;
  }

  /** The failure that ended the connection, if one did. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** The next line; rejects when the connection fails, the line breaks a bound, or nothing comes for `timeoutMs`. */
  line(): Promise<Buffer> {
    try {
      const line = this.#takeLine();
      if (line) return Promise.resolve(line);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const cancel = this.#timers.after(this.#timeoutMs, () => {
        this.fail(new Pop3ProtocolError('ETIMEOUT', `the server stopped answering (nothing for ${this.#timeoutMs} ms)`));
      });
      this.#waiter = {
        resolve: (value) => { cancel(); resolve(value); },
        reject: (error) => { cancel(); reject(error); },
      };
    });
  }

  /** Ends reading with `error`: the line asked for now, and every later one, rejects with it. */
  fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(error);
  }

  #received(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const waiter = this.#waiter;
    if (!waiter) {
      // Nobody reads (between commands, or after STLS's +OK): only hold a bounded amount.
      if (this.#buffer.length > MAX_LINE_BYTES) this.fail(new Pop3ProtocolError('PROTOCOL', 'the server sent data nobody asked for'));
      return;
    }
    let line: Buffer | undefined;
    try {
      line = this.#takeLine();
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (!line) return;
    this.#waiter = undefined;
    waiter.resolve(line);
  }

  /** The next whole line, if one has arrived. */
  #takeLine(): Buffer | undefined {
    for (;;) {
      const end = this.#buffer.indexOf(0x0a);
      if (end < 0) {
        if (this.#buffer.length <= MAX_LINE_BYTES) return undefined;
        if (!this.isCutting) throw new Pop3ProtocolError('PROTOCOL', `the server sent a line longer than ${MAX_LINE_BYTES} bytes`);
        // Inside a message's header: keep the line's start, drop the rest as it comes.
        const start = this.#isDropping ? undefined : this.#buffer.subarray(0, MAX_LINE_BYTES);
        this.#buffer = Buffer.alloc(0);
        this.#isDropping = true;
        if (start) return start;
        continue;
      }
      const line = this.#buffer.subarray(0, end > 0 && this.#buffer[end - 1] === 0x0d ? end - 1 : end);
      this.#buffer = this.#buffer.subarray(end + 1);
      if (this.#isDropping) {
        this.#isDropping = false;
        continue;
      }
      if (line.length > MAX_LINE_BYTES) {
        if (!this.isCutting) throw new Pop3ProtocolError('PROTOCOL', `the server sent a line longer than ${MAX_LINE_BYTES} bytes`);
        return line.subarray(0, MAX_LINE_BYTES);
      }
      return line;
    }
  }
}
