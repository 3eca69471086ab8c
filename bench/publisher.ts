import { connect, type Socket } from 'node:net';
import { AnswerReader } from './http-answers.ts';
import { publishRequest, type Wire } from './wire.ts';

/** Keep-alive connections per port that changes are sent on. */
const SOCKETS_PER_PORT = 4;

interface Line { socket: Socket; reader: AnswerReader; outstanding: number }

/**
 * Sends changes on a few keep-alive raw sockets per port, each change at
 * once: on an idle socket if there is one, else pipelined behind the
 * fewest answers still due, so a slow answer never delays a change's send
 * (its time is taken when it is written).
 */
export class Publisher {
  readonly #lines = new Map<number, Line[]>();
  readonly #wire: Wire;
  readonly #noteError: (what: string) => void;
  readonly #ports: number[];
  #isOpen = true;

  private constructor(wire: Wire, ports: number[], noteError: (what: string) => void) {
    this.#wire = wire;
    this.#ports = ports;
    this.#noteError = noteError;
  }

  static async open(wire: Wire, ports: number[], noteError: (what: string) => void): Promise<Publisher> {
    const publisher = new Publisher(wire, ports, noteError);
    await Promise.all([...new Set(ports)].map(async (port) => {
      publisher.#lines.set(port, await Promise.all(Array.from({ length: SOCKETS_PER_PORT }, () => publisher.#connect(port))));
    }));
    return publisher;
  }

  #connect(port: number): Promise<Line> {
    return new Promise((resolve, reject) => {
      const line: Line = { socket: connect({ host: '127.0.0.1', port, noDelay: true }), reader: new AnswerReader(), outstanding: 0 };
      line.socket.once('connect', () => resolve(line));
      line.socket.once('error', reject);
      line.socket.on('error', (error: NodeJS.ErrnoException) => { if (this.#isOpen) this.#noteError(`a publishing connection failed: ${error.code ?? error.message}`); });
      line.socket.on('close', () => {
        if (!this.#isOpen) return;
        if (line.outstanding > 0) this.#noteError(`a publishing connection closed with ${line.outstanding} changes unanswered`);
        const lines = this.#lines.get(port)!;
        lines.splice(lines.indexOf(line), 1);
        this.#connect(port).then((fresh) => lines.push(fresh), () => this.#noteError('a publishing connection could not be opened again'));
      });
      line.socket.on('data', (chunk: Buffer) => {
        try {
          for (const answer of line.reader.push(chunk)) {
            line.outstanding -= 1;
            if (answer.status < 200 || answer.status > 299) this.#noteError(`a change was answered ${answer.status}: ${answer.body.toString('utf8', 0, 200)}`);
          }
        } catch (error) {
          this.#noteError(`a change's answer could not be read: ${(error as Error).message}`);
          line.socket.destroy();
        }
      });
    });
  }

  /** The n-th change, setting `mailbox` to `count`. */
  send(mailbox: number, n: number, count: number): void {
    const port = this.#ports[n % this.#ports.length]!;
    const lines = this.#lines.get(port)!;
    let line = lines[0];
    for (const candidate of lines) {
      if (!line || candidate.outstanding < line.outstanding) line = candidate;
      if (line.outstanding === 0) break;
    }
    if (!line) {
      this.#noteError(`no connection to send change ${n} on`);
      return;
    }
    line.outstanding += 1;
    line.socket.write(publishRequest(this.#wire, mailbox, port, count), 'latin1');
  }

  close(): void {
    this.#isOpen = false;
    for (const lines of this.#lines.values()) for (const line of lines) line.socket.destroy();
  }
}
