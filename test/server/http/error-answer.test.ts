import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endWithError, rawError, sendError } from '../../../server/http/error-answer.ts';
import { HttpError, internalError, shuttingDown, storeUnavailable } from '../../../server/http/errors.ts';
import { parseAnswer, rawRequest } from '../../helpers/raw-http.ts';

// The server answers errors by three ways: Fastify's reply, the poll front's
// string for the socket, node:http's own response (a refused Expect). A client
// must not tell which wrote it: every error, every way, the same status, the
// same headers in the same order, the same bytes of body.

const errors: Array<[string, HttpError]> = [
  ['a 400 whose sentence is not ASCII (Content-Length counts bytes)', new HttpError('bad_request', 'the mailbox id “ann ✉” is not valid')],
  ['a 503 with Retry-After', shuttingDown()],
  ['a 503 from the store, with its reason', storeUnavailable('connect ECONNREFUSED 127.0.0.1:6379')],
  ['a 405 with Allow', new HttpError('method_not_allowed', 'CONNECT is not served', { Allow: 'GET, HEAD, POST, PUT' })],
  ['a 500', internalError()],
];

/** The headers that framing owns (when it was written, whether the connection is kept) are left out; the rest, in order. */
function comparable(text: string): { statusLine: string; headers: Array<[string, string]>; body: string } {
  const head = text.slice(0, text.indexOf('\r\n\r\n'));
  const headers = head.split('\r\n').slice(1).map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
  }).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name));
  return { statusLine: head.split('\r\n')[0]!, headers, body: parseAnswer(text).body };
}

const request = (index: number) => `GET /${index} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;
const portOf = (server: Server) => (server.address() as AddressInfo).port;

let fastify: FastifyInstance;
let plain: Server;

beforeAll(async () => {
  fastify = Fastify();
  fastify.get('/:index', (request, reply) => sendError(reply, errors[Number((request.params as { index: string }).index)]![1]));
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  plain = createServer((request, response) => endWithError(response, errors[Number(request.url!.slice(1))]![1]));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await fastify.close();
  await new Promise((resolve) => plain.close(resolve));
});

describe('one error, one answer, whichever path writes it', () => {
  it.each(errors.map(([name], index) => [name, index] as const))('%s: Fastify, the poll front and node:http write the same answer', async (_name, index) => {
    const error = errors[index]![1];
    // As the socket sends it (UTF-8), read back byte for byte as the other two are.
    const byFront = comparable(Buffer.from(rawError(error, { isHead: false }), 'utf8').toString('latin1'));
    const byFastify = comparable((await rawRequest(portOf(fastify.server), request(index))).text);
    const byNode = comparable((await rawRequest(portOf(plain), request(index))).text);

    expect(byFastify).toEqual(byFront);
    expect(byNode).toEqual(byFront);
    expect(byFront.statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${error.status} `));
    expect(byFront.headers.slice(0, 1)).toEqual([['cache-control', 'no-store']]);
    expect(JSON.parse(Buffer.from(byFront.body, 'latin1').toString('utf8'))).toEqual({ error: { code: error.code, message: error.message } });
    expect(Number(byFront.headers.find(([name]) => name === 'content-length')![1])).toBe(Buffer.byteLength(byFront.body, 'latin1'));
    for (const [name, value] of Object.entries(error.headers)) expect(byFront.headers).toContainEqual([name.toLowerCase(), value]);
  });

  it('a HEAD gets the same head and no body', () => {
    const error = shuttingDown();
    const get = rawError(error, { isHead: false });
    const head = rawError(error, { isHead: true });
    expect(head).toBe(get.slice(0, get.indexOf('\r\n\r\n') + 4));
  });
});
