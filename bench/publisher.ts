import { connect, type Socket } from 'node:net';
import { AnswerReader } from './http-answers.ts';
import { publishRequest, type Wire } from './wire.ts';

/** At most this many keep-alive connections per port that changes are sent on. */
const SOCKETS_PER_PORT = 4;

interface Line { socket: Socket; reader: AnswerReader; outstanding: number }

/**
 * Sends changes on a few keep-alive raw sockets per port, each change at
 * once: on an idle socket if there is one, else on a new one (up to
 * SOCKETS_PER_PORT), else pipelined behind the fewest answers still due, so
 * a slow answer never delays a change's send (its time is taken when it is
 * written). A connection is opened only to be used at once: servers answer
 * a connection that sends nothing for a while with 408 (Mailtray) or close
 * it (nginx).
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

  /** With one connection per port, open before the first change, so no change's time includes a connect. */
  static async open(wire: Wire, ports: number[], noteError: (what: string) => void): Promise<Publisher> {
    const publisher = new Publisher(wire, ports, noteError);
    await Promise.all([...new Set(ports)].map((port) => {
      publisher.#lines.set(port, []);
      const { socket } = publisher.#connect(port);
      return new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    }));
    return publisher;
  }

  #connect(port: number): Line {
    const line: Line = { socket: connect({ host: '127.0.0.1', port, noDelay: true }), reader: new AnswerReader(), outstanding: 0 };
    const lines = this.#lines.get(port)!;
    lines.push(line);
    line.socket.on('error', (error: NodeJS.ErrnoException) => { if (this.#isOpen) this.#noteError(`a publishing connection failed: ${error.code ?? error.message}`); });
    line.socket.on('close', () => {
      if (lines.includes(line)) lines.splice(lines.indexOf(line), 1);
      if (this.#isOpen && line.outstanding > 0) this.#noteError(`a publishing connection closed with ${line.outstanding} changes unanswered`);
    });
    line.socket.on('data', (chunk: Buffer) => {
      try {
        for (const answer of line.reader.push(chunk)) {
          if (line.outstanding === 0) this.#noteError(`a publishing connection was answered ${answer.status} before it asked anything`);
          line.outstanding = Math.max(0, line.outstanding - 1);
          if (answer.status < 200 || answer.status > 299) this.#noteError(`a change was answered ${answer.status}: ${answer.body.toString('utf8', 0, 200)}`);
          if (answer.closes && lines.includes(line)) lines.splice(lines.indexOf(line), 1); // nothing more on it: it closes
        }
      } catch (error) {
        this.#noteError(`a change's answer could not be read: ${(error as Error).message}`);
        line.socket.destroy();
      }
    });
    return line;
  }

  /** The n-th change, setting `mailbox` to `count`. */
  send(mailbox: number, n: number, count: number): void {
    const port = this.#ports[n % this.#ports.length]!;
    const lines = this.#lines.get(port)!;
    let line = lines.find((candidate) => candidate.outstanding === 0 && !candidate.socket.destroyed);
    if (!line && lines.length < SOCKETS_PER_PORT) line = this.#connect(port);
    line ??= lines.reduce((fewest, candidate) => (candidate.outstanding < fewest.outstanding ? candidate : fewest));
    line.outstanding += 1;
    line.socket.write(publishRequest(this.#wire, mailbox, port, count), 'latin1');
  }

  close(): void {
    this.#isOpen = false;
    for (const lines of this.#lines.values()) for (const line of lines) line.socket.destroy();
  }
}
