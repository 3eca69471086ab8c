import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { buildWithContext } from '../../../../server/http/app.ts';
import { parseConfig } from '../../../../server/config/server-config.ts';
import { startTestServer, testConfig, tokens, type CountsBody, type TestServer } from '../../../helpers/count-server.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { RawConnection, rawRequest } from '../../../helpers/raw-http.ts';

// The poll front (server/http/poll-front/) serves GET/HEAD /v1/counts and plain PUTs
// on the socket, below node:http; these are the HTTP edge cases it must keep.
let server: TestServer | undefined;
const connections: RawConnection[] = [];
afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy();
  await server?.stop();
  server = undefined;
});

async function open(): Promise<RawConnection> {
  const connection = await RawConnection.open(server!.port);
  connections.push(connection);
  return connection;
}

const poll = (query: string, token = tokens.ann, method = 'GET') =>
  `${method} /v1/counts${query} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`;
const put = (id: string, count: number, extra = '') => {
  const body = JSON.stringify({ count });
  return `PUT /v1/mailboxes/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\n`
    + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;
};
const countOf = (body: string, id: string) => (JSON.parse(body) as CountsBody).mailboxes.find((m) => m.id === id)?.count;

describe('the poll front', () => {
  it('answers pipelined requests in order: a held poll first, then what was sent behind it', async () => {
    server = await startTestServer();
    const { cursor } = await server.counts(tokens.ann);
    const connection = await open();
    connection.send(poll(`?since=${cursor}&wait=30`) + 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await eventually(async () => (await server!.metric('mailtray_held_polls')) === 1);
    await server.setCount('ann', 7);
    const first = await connection.next();
    expect(first.status).toBe(200);
    expect(countOf(first.body, 'ann')).toBe(7);
    const second = await connection.next();
    expect(second.status).toBe(200);
    expect(JSON.parse(second.body)).toMatchObject({ status: 'ok' });
  });

  it('a PUT sent behind a held poll runs once the change that woke the poll is answered, and no poll is answered twice', async () => {
    server = await startTestServer();
    const { cursor } = await server.counts(tokens.ann);
    const [a, b] = [await open(), await open()];
    // a's PUT waits behind its held poll; it runs when a change answers that poll,
    // which is while the store is waking every poll of that change (b's too).
    a.send(poll(`?since=${cursor}&wait=30`) + put('ann', 9));
    b.send(poll(`?since=${cursor}&wait=30`));
    await eventually(async () => (await server!.metric('mailtray_held_polls')) === 2);
    await server.setCount('ann', 7);
    expect(countOf((await a.next()).body, 'ann')).toBe(7);
    expect(JSON.parse((await a.next()).body)).toMatchObject({ mailbox: { id: 'ann', count: 9 }, changed: true });
    const woken = await b.next();
    expect(countOf(woken.body, 'ann')).toBe(7);
    // b asks again with its new cursor and hears the PUT's change: one answer for each, never two on one poll.
    b.send(poll(`?since=${(JSON.parse(woken.body) as CountsBody).cursor}&wait=30`));
    expect(countOf((await b.next()).body, 'ann')).toBe(9);
    expect(await server.metric('mailtray_held_polls')).toBe(0);
  });

  it('serves a poll, a PUT and a route of Fastify\'s on one connection, pipelined, in order', async () => {
    server = await startTestServer();
    const connection = await open();
    connection.send(poll('') + put('ann', 4) + poll('?wait=0') + 'GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n' + poll('?wait=0'));
    expect(countOf((await connection.next()).body, 'ann')).toBe(0);
    expect(JSON.parse((await connection.next()).body)).toMatchObject({ mailbox: { id: 'ann', count: 4 }, changed: true });
    expect(countOf((await connection.next()).body, 'ann')).toBe(4);
    expect((await connection.next()).body).toContain('mailtray_held_polls');
    // After Fastify took the connection over, it answers polls too.
    const last = await connection.next();
    expect(last.headers['cache-control']).toBe('no-store');
    expect(countOf(last.body, 'ann')).toBe(4);
  });

  it('answers HEAD with the headers of the answer and no body, and the connection carries on', async () => {
    server = await startTestServer();
    const connection = await open();
    connection.send(poll('', tokens.ann, 'HEAD') + poll('?wait=0'));
    const head = await connection.next({ isHead: true });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(50);
    expect(head.body).toBe('');
    const get = await connection.next();
    expect(get.status).toBe(200);
    expect(get.body.length).toBe(Number(head.headers['content-length']));
  });

  it('refuses framing that could smuggle a request, closes the connection, and runs nothing it carried', async () => {
    server = await startTestServer();
    const smuggled = put('ann', 99);
    const attempts = [
      // Content-Length and Transfer-Encoding together.
      `GET /v1/counts HTTP/1.1\r\nHost: x\r\nContent-Length: ${smuggled.length + 5}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      // Two different Content-Lengths.
      `PUT /v1/mailboxes/bob HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\nContent-Type: application/json\r\nContent-Length: 11\r\nContent-Length: 0\r\n\r\n{"count":1}${smuggled}`,
      // A space before the colon, which some proxies ignore and some do not.
      `GET /v1/counts HTTP/1.1\r\nHost: x\r\nContent-Length : ${smuggled.length}\r\n\r\n${smuggled}`,
      // A bare LF inside a header line.
      `GET /v1/counts HTTP/1.1\r\nHost: x\nX: y\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n${smuggled}`,
    ];
    for (const attempt of attempts) {
      const answer = await rawRequest(server.port, attempt);
      expect(answer.status, attempt.slice(0, 60)).toBe(400);
      expect(answer.text.match(/HTTP\/1\.1 /g), attempt.slice(0, 60)).toHaveLength(1);
    }
    const { mailboxes } = await server.counts(tokens.ops);
    expect(mailboxes.map((m) => m.count)).toEqual([0, 0, 0]);
  });

  it('closes after the answer for HTTP/1.0 and for Connection: close', async () => {
    server = await startTestServer();
    for (const request of [
      `GET /v1/counts HTTP/1.0\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`,
      `GET /v1/counts HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ${tokens.ann}\r\n\r\n`,
    ]) {
      const answer = await rawRequest(server.port, request);
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      expect(countOf(answer.body, 'ann')).toBe(0);
    }
  });

  it('frees a held poll at once when its client half-closes the connection', async () => {
    server = await startTestServer();
    const { cursor } = await server.counts(tokens.ann);
    const connection = await open();
    connection.send(poll(`?since=${cursor}&wait=60`));
    await eventually(async () => (await server!.metric('mailtray_held_polls')) === 1);
    connection.socket.end();
    await eventually(async () => (await server!.metric('mailtray_held_polls')) === 0);
    expect(await connection.closes()).toBe(true);
  });

  it('hands a PUT it would refuse to Fastify whole, which answers it in the protocol\'s words', async () => {
    server = await startTestServer();
    const connection = await open();
    const body = '{"count": "3"}';
    connection.send(`PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\n`
      + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}${poll('?wait=0')}`);
    const refused = await connection.next();
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/count is not valid/) } });
    expect(countOf((await connection.next()).body, 'ann')).toBe(0);
  });

  it('answers a poll on the socket with the headers Fastify gives its answers', async () => {
    server = await startTestServer();
    const connection = await open();
    connection.send(poll(''));
    const answer = await connection.next();
    expect(answer.headers).toMatchObject({
      'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8', connection: 'keep-alive', 'keep-alive': 'timeout=72',
    });
    expect(new Date(answer.headers.date!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.parse(answer.body)).toMatchObject({ cursor: expect.any(String), mailboxes: [{ id: 'ann' }, { id: 'ann-work' }] });
  });

  it('reads a header with an empty value as a header of its own, as node:http does, so none is glued to the next', async () => {
    server = await startTestServer();
    const get = (lines: string) => rawRequest(server!.port, `GET /v1/counts HTTP/1.1\r\n${lines}Connection: close\r\n\r\n`);
    // "Authoriz:" and "ation: Bearer ..." are two headers to node:http: no token at all.
    expect((await get(`Host: x\r\nAuthoriz:\r\nation: Bearer ${tokens.ann}\r\n`)).status).toBe(401);
    // And "X-Empty:" does not swallow the Authorization after it.
    const answer = await get(`Host: x\r\nX-Empty:\r\nAuthorization: Bearer ${tokens.ann}\r\n`);
    expect(answer.status).toBe(200);
    expect(countOf(answer.body, 'ann')).toBe(0);
    // "Ho:" and "st: x" are no Host header.
    const hostless = await get(`Ho:\r\nst: x\r\nAuthorization: Bearer ${tokens.ann}\r\n`);
    expect(hostless.status).toBe(400);
    expect(JSON.parse(hostless.body)).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/Host/) } });

    const body = '{"count":5}';
    const putWith = (lines: string) => rawRequest(server!.port, `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: x\r\n${lines}`
      + `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect((await putWith(`Authoriz:\r\nation: Bearer ${tokens.ingest}\r\nContent-Type: application/json\r\n`)).status).toBe(401);
    expect((await putWith(`Authorization: Bearer ${tokens.ingest}\r\nContent-:\r\nType: application/json\r\n`)).status).toBe(400);
    expect((await server.counts(tokens.ann)).mailboxes.find((m) => m.id === 'ann')?.count).toBe(0);
  });

  it('keeps nothing of one request for the next: a GET\'s body hidden behind an empty header never becomes a PUT\'s', async () => {
    server = await startTestServer();
    const connection = await open();
    // A GET whose Content-Length follows an empty header, and a PUT with a body of one space:
    // were the GET's body kept, the PUT would read {"count":7} and set it.
    connection.send(`GET /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ann}\r\nX-:\r\nContent-Length: 11\r\n\r\n{"count":7}`
      + `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n `);
    expect((await connection.next()).status).toBe(200);
    expect((await connection.next()).status).toBe(400);
    expect((await server.counts(tokens.ann)).mailboxes.find((m) => m.id === 'ann')?.count).toBe(0);
  });

  it('reads a token as node:http does: the first of two Content-Types, a trailing tab dropped', async () => {
    server = await startTestServer();
    const body = '{"count":3}';
    const put = await rawRequest(server.port, `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ingest}\t\r\n`
      + `Content-Type: text/plain\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    // node:http sees text/plain, so Fastify reads the body as a string and refuses it: the front must not take it as JSON.
    expect(put.status).toBe(400);
    expect(JSON.parse(put.body)).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/JSON object/) } });
    expect((await server.counts(tokens.ann)).mailboxes.find((m) => m.id === 'ann')?.count).toBe(0);
    const poll = await rawRequest(server.port, `GET /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ann}\t \r\nConnection: close\r\n\r\n`);
    expect(poll.status).toBe(200);
  });

  it('refuses a head as node:http does: from 16,384 bytes of address, names and values, and past 1,000 headers, with 431', async () => {
    server = await startTestServer();
    // "/v1/counts" (10), "Host" and "x" (5), "Authorization" and "Bearer <token>" (13 + 33), "X" (1): 62 before the padding.
    const head = (padding: number) => `GET /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ann}\r\nX: ${'a'.repeat(padding)}\r\nConnection: close\r\n\r\n`;
    const fixed = 10 + 5 + 13 + 7 + tokens.ann.length + 1 + 'Connection'.length + 'close'.length;
    expect((await rawRequest(server.port, head(16_383 - fixed))).status).toBe(200);
    const over = await rawRequest(server.port, head(16_384 - fixed));
    expect(over.status).toBe(431);
    expect(JSON.parse(over.body)).toMatchObject({ error: { code: 'headers_too_large' } });
    const many = (count: number) => `GET /v1/counts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${tokens.ann}\r\nConnection: close\r\n${'X: a\r\n'.repeat(count - 3)}\r\n`;
    expect((await rawRequest(server.port, many(1000))).status).toBe(200);
    expect((await rawRequest(server.port, many(1001))).status).toBe(431);
  });
});

describe('the switch "http": {"pollFront": ...}', () => {
  it.each([[true, 1], [false, undefined]])('pollFront %s: the front serves %s connection of a client polling', async (pollFront, served) => {
    const { app, front } = await buildWithContext({ config: parseConfig(testConfig({ http: { pollFront } })) });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const connection = await RawConnection.open(port);
      connections.push(connection);
      connection.send(poll(''));
      // Answered either way, and with the same body: only who read the request differs.
      const answer = await connection.next();
      expect(answer.status).toBe(200);
      expect(countOf(answer.body, 'ann')).toBe(0);
      expect(front?.size).toBe(served);
    } finally {
      await app.close();
    }
  });
});
