import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tokens, type TestServer } from '../../helpers/count-server.ts';
import { protocolRuns, useStore } from '../../helpers/stores.ts';
import { formatCursor, parseCursor } from '../../../server/store/cursor.ts';

// The server of the store block running now; the cases and send() below use it.
let server: TestServer;

interface BadRequest {
  what: string;
  method?: string;
  path: string;
  token?: string | null;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  message?: RegExp;
}

const json = (value: unknown) => JSON.stringify(value);
const cursorOf = async () => ((await server.counts(tokens.ann)).cursor);

const cases: BadRequest[] = [
  { what: 'malformed cursor', path: '/v1/counts?since=not-a-cursor', status: 400, code: 'bad_request', message: /since must be a cursor/ },
  { what: 'cursor with a negative version', path: '/v1/counts?since=abcdef.-1', status: 400, code: 'bad_request' },
  { what: 'cursor from the future of this epoch', path: 'FUTURE', status: 400, code: 'bad_request', message: /not made yet/ },
  { what: 'since given twice', path: '/v1/counts?since=abcd.1&since=abcd.2', status: 400, code: 'bad_request' },
  { what: 'wait=-1', path: '/v1/counts?wait=-1', status: 400, code: 'bad_request', message: /wait must be a number of seconds from 0 to 120/ },
  { what: 'wait=abc', path: '/v1/counts?wait=abc', status: 400, code: 'bad_request', message: /wait must be/ },
  { what: 'wait=1e400', path: '/v1/counts?wait=1e400', status: 400, code: 'bad_request' },
  { what: 'no token', path: '/v1/counts', token: null, status: 401, code: 'unauthorized', message: /Authorization: Bearer/ },
  { what: 'not a bearer header', path: '/v1/counts', headers: { Authorization: 'Basic YTpi' }, status: 401, code: 'unauthorized' },
  { what: 'wrong token', path: '/v1/counts', token: 'wrong-token-0123456789', status: 401, code: 'unauthorized', message: /^this token is not known to the server$/ },
  { what: 'ingest token watching counts', path: '/v1/counts', token: tokens.ingest, status: 403, code: 'forbidden', message: /ingest token/ },
  { what: 'client token on PUT', method: 'PUT', path: '/v1/mailboxes/ann', token: tokens.ann, body: json({ count: 1 }), status: 403, code: 'forbidden', message: /client token/ },
  { what: 'no token on PUT', method: 'PUT', path: '/v1/mailboxes/ann', token: null, body: json({ count: 1 }), status: 401, code: 'unauthorized' },
  { what: 'count=-1', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: -1 }), status: 400, code: 'bad_request', message: /count is not valid: a count is a whole number/ },
  { what: 'count=1.5', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: 1.5 }), status: 400, code: 'bad_request', message: /count/ },
  { what: 'count="3"', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: '3' }), status: 400, code: 'bad_request', message: /count/ },
  { what: 'count=2^31', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: 2 ** 31 }), status: 400, code: 'bad_request' },
  { what: 'count=null', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: null }), status: 400, code: 'bad_request' },
  { what: 'count missing', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ name: 'Ann' }), status: 400, code: 'bad_request', message: /missing "count"/ },
  { what: 'empty name', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: 1, name: '' }), status: 400, code: 'bad_request', message: /name/ },
  { what: 'unknown field', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: 1, colour: 'red' }), status: 400, code: 'bad_request', message: /unknown field "colour"/ },
  { what: 'body is a list', method: 'PUT', path: '/v1/mailboxes/ann', body: json([1]), status: 400, code: 'bad_request', message: /JSON object/ },
  { what: 'invalid JSON', method: 'PUT', path: '/v1/mailboxes/ann', body: '{"count": 1', status: 400, code: 'bad_request', message: /not valid JSON/ },
  { what: 'empty body', method: 'PUT', path: '/v1/mailboxes/ann', body: '', status: 400, code: 'bad_request', message: /empty/ },
  { what: 'body not sent as JSON', method: 'PUT', path: '/v1/mailboxes/ann', body: 'count=1', contentType: 'application/x-www-form-urlencoded', status: 400, code: 'bad_request', message: /Content-Type: application\/json/ },
  { what: '__proto__ in the body', method: 'PUT', path: '/v1/mailboxes/ann', body: '{"count": 1, "__proto__": {"x": 1}}', status: 400, code: 'bad_request' },
  { what: 'id too long', method: 'PUT', path: `/v1/mailboxes/${'a'.repeat(129)}`, body: json({ count: 1 }), status: 400, code: 'bad_request', message: /1 to 128/ },
  { what: 'id with an encoded /', method: 'PUT', path: '/v1/mailboxes/a%2Fb', body: json({ count: 1 }), status: 400, code: 'bad_request' },
  { what: 'id ..', method: 'PUT', path: '/v1/mailboxes/..', body: json({ count: 1 }), status: 400, code: 'bad_request', message: /"\.\."/ },
  { what: 'id .. percent-encoded', method: 'PUT', path: '/v1/mailboxes/%2E%2E', body: json({ count: 1 }), status: 400, code: 'bad_request' },
  { what: 'id with a space', method: 'PUT', path: '/v1/mailboxes/a%20b', body: json({ count: 1 }), status: 400, code: 'bad_request' },
  { what: 'id with a raw / (no such route)', method: 'PUT', path: '/v1/mailboxes/a/b', body: json({ count: 1 }), status: 404, code: 'not_found' },
  { what: '70 KiB body', method: 'PUT', path: '/v1/mailboxes/ann', body: json({ count: 1, name: 'x'.repeat(70 * 1024) }), status: 413, code: 'payload_too_large', message: /64 KiB/ },
  { what: 'POST with a bad id', method: 'POST', path: '/v1/counts', body: json({ mailboxes: [{ id: 'a b', count: 1 }] }), status: 400, code: 'bad_request', message: /mailboxes\[0\]\.id/ },
  { what: 'POST with an id twice', method: 'POST', path: '/v1/counts', body: json({ mailboxes: [{ id: 'x', count: 1 }, { id: 'x', count: 2 }] }), status: 400, code: 'bad_request', message: /twice/ },
  { what: 'POST without mailboxes', method: 'POST', path: '/v1/counts', body: json({ counts: [] }), status: 400, code: 'bad_request' },
  { what: 'POST with a bad count deep inside', method: 'POST', path: '/v1/counts', body: json({ mailboxes: [{ id: 'x', count: 1 }, { id: 'y', count: -5 }] }), status: 400, code: 'bad_request', message: /mailboxes\[1\]\.count/ },
  { what: 'unknown path', path: '/v2/counts', status: 404, code: 'not_found' },
  { what: 'DELETE on counts', method: 'DELETE', path: '/v1/counts', status: 405, code: 'method_not_allowed' },
  { what: 'GET on a mailbox', path: '/v1/mailboxes/ann', status: 405, code: 'method_not_allowed' },
  { what: '/get.php while it is off', path: '/get.php?userID=ann&mailCount=0', token: null, status: 404, code: 'not_found' },
];

/** A cursor of this epoch 999 changes further on (on a cluster, in its first part) than `text`. */
function futureOf(text: string): string {
  const { epoch, version, parts } = parseCursor(text)!;
  return formatCursor(parts ? { epoch, version: version + 999, parts: [parts[0]! + 999, ...parts.slice(1)] } : { epoch, version: version + 999 });
}

describe.each(protocolRuns)('on the %s store, via %s', (kind, httpPath) => {
  const stores = useStore(kind, httpPath);
  beforeAll(async () => { server = await stores.start(); });
  afterAll(async () => { await server.stop(); });

  // docs/protocol.md, "Errors".
  describe('bad requests get a 4xx with a JSON error a person can act on', () => {
    it.each(cases)('$what -> $status $code', async (c) => {
      const path = c.path === 'FUTURE' ? `/v1/counts?since=${futureOf(await cursorOf())}` : c.path;
      const headers: Record<string, string> = { ...c.headers };
      const token = c.token === undefined ? (c.method && c.method !== 'GET' ? tokens.ingest : tokens.ann) : c.token;
      if (token !== null && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
      if (c.body !== undefined) headers['Content-Type'] = c.contentType ?? 'application/json';
      const response = await send(c.method ?? 'GET', path, headers, c.body);
      expect(response.status).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = JSON.parse(response.text) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(c.code);
      expect(body.error.message.length).toBeGreaterThan(10);
      if (c.message) expect(body.error.message).toMatch(c.message);
      if (c.status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      if (c.status === 405) expect(response.headers.get('allow')).toBeTruthy();
    });

    it('leaves the counts as they were after every bad request above', async () => {
      const body = await server.counts(tokens.ops);
      expect(body.mailboxes.every((m) => m.count === 0 && m.state === 'pending')).toBe(true);
      expect(body.mailboxes.map((m) => m.id).sort()).toEqual(['ann', 'ann-work', 'bob']);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });

    it('an ingest token limited to some mailboxes may not set others', async () => {
      const limited = await startTestServer({
        ingest: [{ name: 'ann-only', token: 'ann-ingest-0123456789', mailboxes: ['ann'] }],
      });
      try {
        expect((await limited.put('ann', { count: 1 }, 'ann-ingest-0123456789')).status).toBe(200);
        const refused = await limited.put('bob', { count: 1 }, 'ann-ingest-0123456789');
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('"bob"') } });
      } finally {
        await limited.stop();
      }
    });
  });
});

/** A request with the path sent exactly as written (fetch would resolve "..", hiding the case). */
function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.server.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: h, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
