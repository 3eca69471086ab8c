import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent before it closed the connection. */
  text: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the close. */
  closedAfterMs: number;
}

/**
 * Sends `request` as raw bytes (however broken) and reads until the server
 * closes the connection: for what Node's own parser answers, which no HTTP
 * client library would send.
 */
export function rawRequest(port: number, request: string | Buffer, options: { timeoutMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server did not close the connection within ${options.timeoutMs ?? 10_000} ms; it sent ${JSON.stringify(text.slice(0, 300))}`));
    }, options.timeoutMs ?? 10_000);
    socket.on('data', (chunk: Buffer) => { text += chunk.toString('latin1'); });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseAnswer(text), text, closedAfterMs: Date.now() - started });
    });
    socket.write(request);
  });
}

/** Opens a connection, sends `start` and keeps it open, as a slow client does. */
export function openSlowly(port: number, start: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => { socket.write(start); resolve(socket); });
    socket.on('error', reject);
  });
}

/** What a connection has received by the time it closes (or '' if it never does within `timeoutMs`). */
export function receivedBeforeClose(socket: Socket, timeoutMs: number): Promise<{ text: string; isClosed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => { text += chunk.toString('latin1'); });
    const timer = setTimeout(() => resolve({ text, isClosed: false }), timeoutMs);
    socket.on('close', () => { clearTimeout(timer); resolve({ text, isClosed: true }); });
  });
}

export function parseAnswer(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: end < 0 ? '' : text.slice(end + 4) };
}

/** One answer of several on a kept-open connection. */
export interface ConnectionAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A connection kept open, reading answers one after another as they come:
 * for keep-alive and pipelined requests, written as raw bytes.
 */
export class RawConnection {
  readonly socket: Socket;
  #received = '';
  #isClosed = false;
  #wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => { this.#received += chunk.toString('latin1'); this.#wake?.(); });
    socket.on('error', () => {});
    socket.on('close', () => { this.#isClosed = true; this.#wake?.(); });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  send(bytes: string | Buffer): void {
    this.socket.write(bytes);
  }

  /** The next whole answer; a HEAD request's answer (`isHead`) has no body, whatever its Content-Length says. */
  async next({ isHead = false, timeoutMs = 10_000 } = {}): Promise<ConnectionAnswer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = this.#take(isHead);
      if (answer) return answer;
      if (this.#isClosed) throw new Error(`the connection closed before a whole answer; it sent ${JSON.stringify(this.#received.slice(0, 300))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no whole answer within ${timeoutMs} ms; received ${JSON.stringify(this.#received.slice(0, 300))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => { clearTimeout(timer); resolve(); };
      });
      this.#wake = undefined;
    }
  }

  /** Resolves true when the server closes the connection within `timeoutMs`. */
  async closes(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#isClosed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.#isClosed;
  }

  destroy(): void {
    this.socket.destroy();
  }

  #take(isHead: boolean): ConnectionAnswer | undefined {
    const end = this.#received.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const { status, headers } = parseAnswer(this.#received.slice(0, end + 4));
    const length = isHead ? 0 : Number(headers['content-length'] ?? 0);
    if (this.#received.length < end + 4 + length) return undefined;
    const body = this.#received.slice(end + 4, end + 4 + length);
    this.#received = this.#received.slice(end + 4 + length);
    return { status, headers, body };
  }
}
