import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, tokens, type TestServer } from '../../../helpers/count-server.ts';
import { eventually } from '../../../helpers/eventually.ts';

// Hostile bytes against the poll front: well-formed requests, mutated as a
// fuzzer would (bytes flipped, inserted, deleted, lines repeated, cut short,
// requests run together). llhttp itself is fuzzed upstream (its
// test/fuzzers/fuzz_parser.c); this checks what the front does around it.
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const interesting = ['\r', '\n', '\r\n', '\0', ' ', ':', '\t', '%', '?', '/', '0', '9', '-', '\x7f', '\x80', '\xff', 'a', ';', ','];

function mutate(base: string, next: () => number, others: string[]): string {
  let text = base;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const at = () => Math.floor(next() * (text.length + 1));
  for (let n = 1 + Math.floor(next() * 3); n > 0; n -= 1) {
    const i = at();
    switch (pick(['flip', 'insert', 'delete', 'repeat-line', 'cut', 'join'] as const)) {
      case 'flip': text = text.slice(0, i) + pick(interesting) + text.slice(i + 1); break;
      case 'insert': text = text.slice(0, i) + pick(interesting).repeat(1 + Math.floor(next() * 3)) + text.slice(i); break;
      case 'delete': text = text.slice(0, i) + text.slice(i + 1 + Math.floor(next() * 10)); break;
      case 'repeat-line': {
        const lines = text.split('\r\n');
        const line = Math.floor(next() * lines.length);
        lines.splice(line, 0, lines[line]!);
        text = lines.join('\r\n');
        break;
      }
      case 'cut': text = text.slice(0, i); break;
      case 'join': text += pick(others); break;
    }
  }
  return text;
}

/** Sends `bytes` and leaves once an answer has come (and a moment for any behind it), the server closed, or `ms` passed. */
function exchange(port: number, bytes: string, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) setTimeout(() => socket.destroy(), 50);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
    socket.write(Buffer.from(bytes, 'latin1'));
    setTimeout(() => socket.destroy(), ms);
  });
}

/**
 * What in `text` (every answer to one connection) breaks the wire contract:
 * every answer has `Cache-Control: no-store`, and every error is the JSON
 * error, `{"error": {"code", "message"}}` (its body checked when it came whole).
 */
function contractProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/HTTP\/1\.1 (\d{3})[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n/g)) {
    const status = Number(match[1]);
    if (status < 200) continue;
    const headers = new Map([...match[2]!.matchAll(/([^:\r\n]+):[ \t]*([^\r\n]*)\r\n/g)].map(([, name, value]) => [name!.toLowerCase(), value!]));
    if (headers.get('cache-control') !== 'no-store') problems.push(`${status} without no-store`);
    if (status < 400) continue;
    if (!headers.get('content-type')?.startsWith('application/json')) {
      problems.push(`${status} with ${headers.get('content-type') ?? 'no content type'}`);
      continue;
    }
    const length = Number(headers.get('content-length'));
    const body = text.slice(match.index + match[0].length, match.index + match[0].length + length);
    // A HEAD request's answer has no body: what follows is the next answer, or nothing.
    if (!body.startsWith('{') || body.length < length) continue;
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') problems.push(`${status} with the body ${body.slice(0, 80)}`);
  }
  return problems;
}

describe('the poll front under hostile bytes', () => {
  it('answers 2,000 mutated requests with nothing but well-formed answers in the protocol\'s words (no-store, JSON errors), never a 5xx, and serves a normal client after', async () => {
    server = await startTestServer();
    const { cursor } = await server.counts(tokens.ann);
    const body = '{"count":5}';
    const bases = [
      `GET /v1/counts?since=${cursor}&wait=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`,
      `GET /v1/counts?wait=0&delta=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ops}\r\n\r\n`,
      `HEAD /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.bob}\r\n\r\n`,
      `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `POST /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\nContent-Type: application/json\r\nContent-Length: 35\r\n\r\n{"mailboxes":[{"id":"b","count":1}]}`,
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
    ];
    const next = random(20261121);
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    const cases = Array.from({ length: 2000 }, () => mutate(bases[Math.floor(next() * bases.length)]!, next, bases));
    for (let first = 0; first < cases.length; first += 400) {
      const answers = await Promise.all(cases.slice(first, first + 400).map((bytes) => exchange(server!.port, bytes, 2000)));
      answers.forEach((text, i) => {
        if (text === '') return;
        const lines = [...text.matchAll(/HTTP\/1\.1 (\d{3}) [^\r\n]*\r\n/g)];
        if (!text.startsWith('HTTP/1.1 ') || lines.length === 0) problems.push(`not an answer to ${JSON.stringify(cases[first + i])}: ${JSON.stringify(text.slice(0, 80))}`);
        for (const [, status] of lines) {
          statuses.set(Number(status), (statuses.get(Number(status)) ?? 0) + 1);
          if (Number(status) >= 500) problems.push(`${status} to ${JSON.stringify(cases[first + i])}`);
        }
        for (const problem of contractProblems(text)) problems.push(`${problem}, to ${JSON.stringify(cases[first + i])}`);
      });
    }
    expect(problems).toEqual([]);
    // Both what was served and what was refused were seen, so the mutations reached both paths.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(50);
    await eventually(async () => (await server!.metric('mailtray_held_polls')) === 0);
    expect((await server.counts(tokens.ann)).mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work']);
  }, 60_000);
});
