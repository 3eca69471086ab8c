import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AnswerReader, type Answer } from '../../bench/http-answers.ts';
import { INGEST_TOKEN, pollRequests, publishRequest, readPoll, tokenOf, type Wire } from '../../bench/wire.ts';
import { startTestServer, type TestServer } from '../helpers/count-server.ts';

/** One raw connection and the answers read off it by the benchmark's reader. */
class Line {
  readonly socket: Socket;
  readonly #reader = new AnswerReader();
  readonly #answers: Answer[] = [];
  #waiting: (() => void) | undefined;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.#answers.push(...this.#reader.push(chunk));
      this.#waiting?.();
    });
  }

  async send(request: string): Promise<Answer> {
    this.socket.write(request, 'latin1');
    return this.next();
  }

  async next(): Promise<Answer> {
    while (this.#answers.length === 0) await new Promise<void>((resolve) => { this.#waiting = resolve; });
    return this.#answers.shift()!;
  }
}

const wire: Wire = { kind: 'mailtray', ingestToken: INGEST_TOKEN, feed: 'put' };
let server: TestServer;
const lines: Line[] = [];
beforeEach(async () => {
  server = await startTestServer({
    clients: [{ name: 'c0', token: tokenOf(0), mailboxes: ['m0'] }, { name: 'c1', token: tokenOf(1), mailboxes: ['m1'] }],
    ingest: [{ name: 'bench', token: INGEST_TOKEN }],
    mailboxes: [],
  });
});
afterEach(async () => {
  for (const line of lines.splice(0)) line.socket.destroy();
  await server.stop();
});
const open = () => {
  const line = new Line(server.port);
  lines.push(line);
  return line;
};

it('the benchmark\'s raw requests hold a Mailtray poll on its cursor and read the count each change sets', async () => {
  const requests = pollRequests(wire, 0, server.port);
  const poll = open();
  const first = readPoll(wire, await poll.send(requests.first));
  expect(first.state).toMatch(/^[a-z0-9]+\.0$/);
  expect(first).toMatchObject({ value: 0, mailboxId: 'm0', version: 0 });

  const held = poll.send(requests.next(first.state!));
  const publisher = open();
  // The other mailbox's change does not answer this poll; its own does, with the count it set.
  expect((await publisher.send(publishRequest(wire, 1, server.port, 7))).status).toBe(200);
  expect((await publisher.send(publishRequest(wire, 0, server.port, 5))).status).toBe(200);
  const changed = readPoll(wire, await held);
  // The mailbox and cursor version it shows too: bench/answer-check.ts checks both in every answer.
  expect(changed).toMatchObject({ value: 5, mailboxId: 'm0', version: 1 });
  expect(changed.state).not.toBe(first.state);

  const again = poll.send(requests.next(changed.state!));
  expect((await publisher.send(publishRequest({ ...wire, feed: 'post' }, 0, server.port, 6))).status).toBe(200);
  expect(readPoll(wire, await again).value).toBe(6);
});

it('an answer that is not 200 tells no state and no count, so the poll keeps what it had', async () => {
  const refused = await open().send(pollRequests(wire, 5, server.port).first); // no client has token 5
  expect(refused.status).toBe(401);
  expect(readPoll(wire, refused)).toEqual({});
});
