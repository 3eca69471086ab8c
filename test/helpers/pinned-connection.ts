import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { parseAnswer } from './raw-http.ts';

export interface PinnedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One kept-alive connection to a server whose workers share a port: the
 * kernel gives each connection to one worker, so every request on it is
 * answered by the same process. `worker` is that process's number, read
 * from /metrics on the connection.
 */
export class PinnedConnection {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #waiting: Array<(answer: PinnedAnswer) => void> = [];
  worker = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#readAnswers();
    });
    socket.on('error', () => {});
  }

  static async open(port: number): Promise<PinnedConnection> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const connection = new PinnedConnection(socket);
    const metrics = await connection.get('/metrics');
    connection.worker = Number(/^mailtray_worker (\d+)$/m.exec(metrics.body)?.[1]);
    return connection;
  }

  get(path: string, token?: string): Promise<PinnedAnswer> {
    return this.send('GET', path, token);
  }

  send(method: string, path: string, token?: string, body?: unknown): Promise<PinnedAnswer> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = [
      `${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1',
      ...(token ? [`Authorization: Bearer ${token}`] : []),
      ...(body === undefined ? [] : ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(text)}`]),
    ];
    const answer = new Promise<PinnedAnswer>((resolve) => this.#waiting.push(resolve));
    this.#socket.write(`${headers.join('\r\n')}\r\n\r\n${text}`);
    return answer;
  }

  close(): void {
    this.#socket.destroy();
  }

  /** Answers carry Content-Length (Fastify sends it for every body here). */
  #readAnswers(): void {
    for (;;) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.#buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.#buffer.length < end + 4 + length) return;
      const text = this.#buffer.subarray(0, end + 4 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(end + 4 + length);
      this.#waiting.shift()?.(parseAnswer(text));
    }
  }
}

/** Opens connections until every one of `workers` holds at least `each` of them (at most 40 tries per connection wanted). */
export async function connectionsOnEveryWorker(port: number, workers: number, each = 1): Promise<PinnedConnection[]> {
  const kept: PinnedConnection[] = [];
  for (let tries = 0; tries < 40 * workers * each; tries++) {
    const connection = await PinnedConnection.open(port);
    if (kept.filter((c) => c.worker === connection.worker).length < each) kept.push(connection);
    else connection.close();
    if (kept.length === workers * each) return kept;
  }
  for (const connection of kept) connection.close();
  throw new Error(`the connections did not reach all ${workers} workers: ${kept.map((c) => c.worker).join(', ')}`);
}
