import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnswerReader, headerOf, type Answer } from '../../bench/http-answers.ts';

/** A real HTTP server whose answer for each path a test chooses. */
let server: Server;
let port: number;
const routes = new Map<string, (res: ServerResponse) => void>();
beforeEach(async () => {
  routes.clear();
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (route) route(res);
    else res.writeHead(404).end('no such path');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The bytes the server sends for these requests on one connection, once `answers` have come (or the connection closes). */
function bytesFor(requests: string, isComplete: (bytes: Buffer) => boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(requests));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) { socket.destroy(); resolve(Buffer.concat(chunks)); }
    });
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}
const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`;
const answersIn = (bytes: Buffer) => new AnswerReader().push(bytes);
const text = (answer: Answer) => answer.body.toString('utf8');

describe('the benchmark\'s answer reader, on a real server\'s answers', () => {
  it('reads the status, a header by any case, and the body by Content-Length', async () => {
    routes.set('/counts', (res) => {
      res.setHeader('Last-Modified', 'Sat, 21 Nov 2026 19:00:00 GMT');
      res.end('{"cursor":"abcd.1","mailboxes":[]}');
    });
    const [answer, ...more] = answersIn(await bytesFor(get('/counts'), (b) => b.includes('}')));
    expect(more).toEqual([]);
    expect(answer!.status).toBe(200);
    expect(text(answer!)).toBe('{"cursor":"abcd.1","mailboxes":[]}');
    expect(headerOf(answer!.head, 'last-modified')).toBe('Sat, 21 Nov 2026 19:00:00 GMT');
    expect(headerOf(answer!.head, 'LAST-MODIFIED')).toBe('Sat, 21 Nov 2026 19:00:00 GMT');
    expect(headerOf(answer!.head, 'etag')).toBeUndefined();
    expect(answer!.closes).toBe(false);
  });

  it('gives the same answers whichever bytes the chunks end at, down to one byte each', async () => {
    routes.set('/a', (res) => res.end('first body'));
    routes.set('/b', (res) => { res.statusCode = 201; res.end('second'); });
    const bytes = await bytesFor(get('/a') + get('/b'), (b) => b.includes('second'));
    for (const size of [1, 2, 7, 64, bytes.length]) {
      const reader = new AnswerReader();
      const answers: Answer[] = [];
      for (let at = 0; at < bytes.length; at += size) answers.push(...reader.push(bytes.subarray(at, at + size)));
      expect(answers.map((a) => [a.status, text(a)]), `chunks of ${size} bytes`).toEqual([[200, 'first body'], [201, 'second']]);
      expect(reader.isMidAnswer).toBe(false);
    }
  });

  it('keeps half an answer until the rest comes, and reads pipelined answers in order from one chunk', async () => {
    routes.set('/one', (res) => res.end('1'));
    routes.set('/two', (res) => res.end('22'));
    const bytes = await bytesFor(get('/one') + get('/two') + get('/one'), (b) => (b.toString().match(/HTTP\/1\.1/g) ?? []).length === 3 && b.toString().endsWith('1'));
    const reader = new AnswerReader();
    const cut = bytes.length - 3;
    const early = reader.push(bytes.subarray(0, cut));
    expect(early.map(text)).toEqual(['1', '22']);
    expect(reader.isMidAnswer).toBe(true);
    expect(reader.push(bytes.subarray(cut)).map(text)).toEqual(['1']);
  });

  it('reads a 304 and a 204 as answers with no body, and says when the server will close', async () => {
    routes.set('/not-modified', (res) => res.writeHead(304).end());
    routes.set('/empty', (res) => res.writeHead(204, { Connection: 'close' }).end());
    const answers = answersIn(await bytesFor(get('/not-modified') + get('/empty'), () => false));
    expect(answers.map((a) => [a.status, a.body.length, a.closes])).toEqual([[304, 0, false], [204, 0, true]]);
  });

  it('refuses a chunked answer in words rather than guessing where its body ends', async () => {
    routes.set('/chunked', (res) => { res.write('part one, '); res.end('part two'); });
    const bytes = await bytesFor(get('/chunked'), (b) => b.includes('0\r\n\r\n'));
    expect(() => answersIn(bytes)).toThrow(/chunked answer \(status 200\).*Content-Length only/);
  });

  it('refuses what is not an HTTP answer, and a head that never ends', () => {
    expect(() => answersIn(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow(/not an HTTP\/1\.x answer/);
    expect(() => answersIn(Buffer.from(`HTTP/1.1 200 OK\r\nX-Long: ${'a'.repeat(70_000)}`))).toThrow(/head is over 65536 bytes/);
    expect(() => answersIn(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'))).toThrow(/not a length/);
  });
});
