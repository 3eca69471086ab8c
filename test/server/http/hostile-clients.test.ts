import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorStatus } from '../../../server/http/errors.ts';
import { startTestServer, tokens, type TestServer } from '../../helpers/count-server.ts';
import { httpPathConfig, httpPaths } from '../../helpers/http-paths.ts';
import { openSlowly, parseAnswer, rawRequest, receivedBeforeClose, type RawAnswer } from '../../helpers/raw-http.ts';

let server: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.stop();
  server = undefined;
});

const putStart = (token?: string) => [
  'PUT /v1/mailboxes/ann HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 1000',
  ...(token ? [`Authorization: Bearer ${token}`] : []), '', '{"cou',
].join('\r\n');

/** The answer is the protocol's JSON error: its status is the one errors.ts gives its code, with no-store. */
function expectContractError(answer: RawAnswer, code: keyof typeof errorStatus): void {
  expect(answer.status).toBe(errorStatus[code]);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

// Both ways a connection is taken: the front must refuse as node:http does, and node:http as the contract says.
describe.each(httpPaths)('slow and hostile clients, via %s', (httpPath) => {
  const start = (overrides: Record<string, unknown> = {}) => startTestServer({ ...httpPathConfig(httpPath), ...overrides });
  it('closes many slow bodies sent without a token at once, and still serves a normal client', async () => {
    server = await start();
    const slow = await Promise.all(Array.from({ length: 300 }, () => openSlowly(server!.port, putStart())));
    sockets.push(...slow);
    const outcomes = await Promise.all(slow.map((socket) => receivedBeforeClose(socket, 5000)));
    expect(outcomes.filter((o) => !o.isClosed)).toHaveLength(0);
    for (const { text } of outcomes) expect(text).toMatch(/^HTTP\/1\.1 401 /);
    expect((await server.poll(tokens.ann)).status).toBe(200);
  });

  it('closes a slow body with a wrong token without reading it, with the 401 of the protocol', async () => {
    server = await start();
    const socket = await openSlowly(server.port, putStart('not-a-known-token-123456'));
    sockets.push(socket);
    const { text, isClosed } = await receivedBeforeClose(socket, 5000);
    expect(isClosed).toBe(true);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('cuts a body that a client with a good token sends too slowly, with 408 request_timeout', async () => {
    server = await start({ limits: { headersSeconds: 1, requestSeconds: 1 } });
    const socket = await openSlowly(server.port, putStart(tokens.ingest));
    sockets.push(socket);
    const { text, isClosed } = await receivedBeforeClose(socket, 6000);
    expect(isClosed).toBe(true);
    expectContractError({ ...parseAnswer(text), text, closedAfterMs: 0 }, 'request_timeout');
    expect((await server.poll(tokens.ann)).status).toBe(200);
  });

  it('cuts headers that never end, with 408 request_timeout', async () => {
    server = await start({ limits: { headersSeconds: 1, requestSeconds: 5 } });
    const answer = await rawRequest(server.port, 'GET /v1/counts HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a', { timeoutMs: 6000 });
    expectContractError(answer, 'request_timeout');
  });

  it('cuts headers that never end behind a request the front answered, with 408, whatever that request was', async () => {
    server = await start({ limits: { headersSeconds: 1, requestSeconds: 5 } });
    const body = '{"count":2}';
    const firsts = [
      'GET /v1/counts HTTP/1.1\r\nHost: t\r\n\r\n',
      `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`,
      `HEAD /v1/counts HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`,
      `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${tokens.ingest}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ];
    // Each in one write with the start of the next request: the first is answered, the second must not hold its socket for good.
    const answers = await Promise.all(firsts.map((first) => rawRequest(server!.port, `${first}GET /v1/co`, { timeoutMs: 8000 })));
    for (const [i, answer] of answers.entries()) {
      const statuses = [...answer.text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
      expect(statuses, firsts[i]).toEqual([[401, 200, 200, 200][i], 408]);
      expect(answer.text.slice(answer.text.lastIndexOf('{"error"')), firsts[i]).toMatch(/"code":"request_timeout"/);
    }
    expect((await server.poll(tokens.ann)).status).toBe(200);
  });

  it('lets a held GET wait longer than the request deadline: it has no body to send', async () => {
    server = await start({ limits: { headersSeconds: 1, requestSeconds: 1 } });
    const { cursor } = await server.counts(tokens.ann);
    const started = Date.now();
    const held = await server.counts(tokens.ann, `?since=${cursor}&wait=3`);
    expect(held.cursor).toBe(cursor);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });
});

// docs/protocol.md, "Every answer" and "Errors".
describe.each(httpPaths)('every answer follows the wire contract, via %s', (httpPath) => {
  const start = (overrides: Record<string, unknown> = {}) => startTestServer({ ...httpPathConfig(httpPath), ...overrides });
  it('answers a malformed request line with the JSON 400, no-store', async () => {
    server = await start();
    expectContractError(await rawRequest(server.port, 'GET /v1/counts HTTP/9.9 extra\r\n\r\n'), 'bad_request');
    expectContractError(await rawRequest(server.port, 'NOT A REQUEST\r\n\r\n'), 'bad_request');
  });

  it('answers headers over 16 KiB with the JSON 431, and a HEAD request with no body', async () => {
    server = await start();
    const big = `X-Big: ${'a'.repeat(20_000)}\r\n`;
    expectContractError(await rawRequest(server.port, `GET /v1/counts HTTP/1.1\r\nHost: x\r\n${big}\r\n`), 'headers_too_large');
    const head = await rawRequest(server.port, `HEAD /v1/counts HTTP/1.1\r\nHost: x\r\n${big}\r\n`);
    expect(head.status).toBe(431);
    expect(head.headers['cache-control']).toBe('no-store');
    expect(head.body).toBe('');
  });

  it('answers a bad percent-escape in the address with the JSON 400, not Fastify\'s', async () => {
    server = await start();
    const answer = await rawRequest(server.port, [
      'PUT /v1/mailboxes/%ZZ HTTP/1.1', 'Host: x', `Authorization: Bearer ${tokens.ingest}`, 'Content-Type: application/json',
      'Content-Length: 11', 'Connection: close', '', '{"count":1}'].join('\r\n'));
    expectContractError(answer, 'bad_request');
    expect(answer.text).not.toContain('FST_ERR');
  });

  it('closes the connection of a bad address at once, without waiting for a body it will not read', async () => {
    server = await start();
    const socket = await openSlowly(server.port, ['PUT /v1/mailboxes/%ZZ HTTP/1.1', 'Host: x', 'Content-Type: application/json',
      'Content-Length: 1000', '', '{"cou'].join('\r\n'));
    sockets.push(socket);
    const { text, isClosed } = await receivedBeforeClose(socket, 3000);
    expect(isClosed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers an over-long address part with the JSON 414, without echoing it', async () => {
    server = await start();
    const id = 'x'.repeat(1500);
    const answer = await rawRequest(server.port, [
      `PUT /v1/mailboxes/${id} HTTP/1.1`, 'Host: x', `Authorization: Bearer ${tokens.ingest}`, 'Content-Type: application/json',
      'Content-Length: 11', 'Connection: close', '', '{"count":1}'].join('\r\n'));
    expectContractError(answer, 'uri_too_long');
    expect(answer.text).not.toContain('x'.repeat(50));
  });

  it('answers what node:http would answer itself (no Host, an unknown Expect, CONNECT) with the JSON error, no-store', async () => {
    server = await start();
    for (const request of ['GET /healthz HTTP/1.1\r\n\r\n', `GET /v1/counts HTTP/1.1\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`]) {
      const answer = await rawRequest(server.port, request);
      expectContractError(answer, 'bad_request');
      expect(answer.body).toMatch(/Host/);
    }
    expectContractError(await rawRequest(server.port, `GET /v1/counts HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`),
      'expectation_failed');
    const connect = await rawRequest(server.port, 'CONNECT mail.example.com:443 HTTP/1.1\r\nHost: mail.example.com:443\r\n\r\n');
    expectContractError(connect, 'method_not_allowed');
    expect(connect.body).toMatch(/not a proxy/);
    // 100-continue is still met: the body is asked for and served.
    const body = '{"count":4}';
    const put = await rawRequest(server.port, `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\n`
      + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n${body}`);
    expect(put.text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  it('answers a request that asked to close, and nothing the client sent after it', async () => {
    server = await start();
    const after = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nNOT HTTP\r\n\r\n';
    for (const first of ['GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'GET /metrics HTTP/1.0\r\n\r\n',
      `GET /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ann}\r\nConnection: close\r\n\r\n`]) {
      const answer = await rawRequest(server.port, first + after);
      expect(answer.status, first).toBe(200);
      expect(answer.text.match(/HTTP\/1\.1 /g), first).toHaveLength(1);
    }
  });

  it('answers HEAD requests of every kind without a body', async () => {
    server = await start();
    for (const path of ['/v1/counts', '/nothing-here', '/healthz']) {
      const answer = await rawRequest(server.port, `HEAD ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer.headers['cache-control'], path).toBe('no-store');
      expect(answer.body, path).toBe('');
    }
  });
});
