import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, tokens, type TestServer } from '../../helpers/count-server.ts';
import { httpPathConfig, httpPaths } from '../../helpers/http-paths.ts';
import { openEvents } from '../../helpers/event-reader.ts';

const listed = 'http://127.0.0.1:8080';
const other = 'https://elsewhere.example';
const corsNames = ['access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers', 'access-control-allow-credentials'];
const corsOf = (response: Response) => Object.fromEntries(corsNames.flatMap((name) => {
  const value = response.headers.get(name);
  return value === null ? [] : [[name, value]];
}));

// docs/protocol.md, "Browser clients": http.cors.origins.
describe.each(httpPaths)('CORS via %s', (path) => {
  let server: TestServer;
  const start = async (origins?: string[]) => {
    const http = { ...(httpPathConfig(path).http as object | undefined), ...(origins ? { cors: { origins } } : {}) };
    server = await startTestServer({ http });
  };
  const poll = (origin: string, headers: Record<string, string> = { Authorization: `Bearer ${tokens.ann}` }) =>
    fetch(`${server.url}/v1/counts`, { headers: { Origin: origin, ...headers } });
  const preflight = (origin: string) => fetch(`${server.url}/v1/counts`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  afterEach(async () => { await server.stop(); });

  it('a listed origin gets its own origin back (never *), Vary: Origin, and no credentials, on answers and errors alike', async () => {
    await start([listed]);
    const answer = await poll(listed);
    expect(answer.status).toBe(200);
    expect(corsOf(answer)).toEqual({ 'access-control-allow-origin': listed, 'access-control-expose-headers': 'Retry-After' });
    expect(answer.headers.get('vary')).toBe('Origin');
    // A refusal is readable too, so the page can say why.
    const refused = await poll(listed, {});
    expect(refused.status).toBe(401);
    expect(corsOf(refused)['access-control-allow-origin']).toBe(listed);
  });

  it('answers a listed origin\'s preflight with the methods and headers a page needs, before any token', async () => {
    await start([listed]);
    const answer = await preflight(listed);
    expect(answer.status).toBe(204);
    expect(corsOf(answer)).toEqual({
      'access-control-allow-origin': listed,
      'access-control-allow-methods': 'GET, HEAD, POST, PUT',
      'access-control-allow-headers': 'Authorization, Content-Type, Last-Event-ID',
    });
    expect(answer.headers.get('access-control-max-age')).toBe('600');
  });

  it('another origin gets no CORS headers, on answers and preflights', async () => {
    await start([listed]);
    const answer = await poll(other);
    expect(answer.status).toBe(200);
    expect(corsOf(answer)).toEqual({});
    const refusedPreflight = await preflight(other);
    expect(corsOf(refusedPreflight)).toEqual({});
    expect(refusedPreflight.status).toBeGreaterThanOrEqual(400);
  });

  it('is off by default: even a page of the server\'s own address gets no CORS headers', async () => {
    await start();
    expect(corsOf(await poll(server.url))).toEqual({});
    expect(corsOf(await preflight(server.url))).toEqual({});
  });

  it('an event stream carries the listed origin too', async () => {
    await start([listed]);
    const events = await openEvents(server.url, tokens.ann, '', { Origin: listed });
    expect(corsOf(events.response)['access-control-allow-origin']).toBe(listed);
    expect(events.response.headers.get('vary')).toBe('Origin');
    await events.nextEvent();
    await events.cancel();
  });
});

describe('http.cors.origins in the config', () => {
  it.each([
    ['*', 'the wildcard'], ['https://mail.example.com/', 'a trailing slash'], ['https://Mail.example.com', 'upper case'],
    ['mail.example.com', 'no scheme'], ['https://mail.example.com/inbox', 'a path'],
  ])('refuses %s (%s) with the sentence that says how to write one', async (origin) => {
    await expect(startTestServer({ http: { cors: { origins: [origin] } } })).rejects.toThrow(/http\.cors\.origins.*written as browsers send it/);
  });
});
