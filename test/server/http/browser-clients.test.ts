import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/chromium.ts';
import { startTestServer, tokens, type TestServer } from '../../helpers/count-server.ts';

/** The `js` examples of docs/protocol.md's "Browser clients", as written: the page runs them. */
async function browserExamples(): Promise<string> {
  const text = await readFile(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
  const section = text.slice(text.indexOf('## Browser clients'), text.indexOf('## Setting counts'));
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(2);
  return blocks.join('\n');
}

/** A page server on 127.0.0.1: its origin is another than the count server's (another port). */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><title>Webmail</title><p>Webmail</p></html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

interface Seen { cursor?: string; mailboxes?: Array<{ id: string; count: number }>; error?: string }
declare global {
  interface Window { seen: Seen[]; followEvents: (server: string, token: string, show: (answer: Seen) => void) => unknown;
    followPolls: (server: string, token: string, show: (answer: Seen) => void, signal: AbortSignal) => Promise<void> }
}

// docs/protocol.md, "Browser clients": a page of one origin follows a server of another, in real Chromium.
describe('a web page on another origin, in Chromium', () => {
  let browser: Browser;
  let examples: string;
  let listed: { server: Server; origin: string };
  let unlisted: { server: Server; origin: string };
  let counts: TestServer;
  let page: Page;

  beforeAll(async () => {
    [browser, examples, listed, unlisted] = await Promise.all([launchChromium(), browserExamples(), pageServer(), pageServer()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    listed?.server.close();
    unlisted?.server.close();
  });
  afterEach(async () => {
    await page?.close();
    await counts?.stop();
  });

  /** Opens the page of `origin` with the doc's examples loaded and an empty `seen`. */
  async function openPage(origin: string): Promise<Page> {
    page = await browser.newPage();
    await page.goto(`${origin}/`);
    // A classic script, as a page would include it: its functions become the window's.
    await page.addScriptTag({ content: examples });
    await page.evaluate(() => { window.seen = []; });
    return page;
  }
  const countSeen = (id: string, count: number) => page.waitForFunction(
    ([mailbox, n]) => window.seen.some((answer) => answer.mailboxes?.some((m) => m.id === mailbox && m.count === n)), [id, count] as const,
    { timeout: 20_000 });

  it('follows the counts with EventSource and the token in the address, and reconnects by itself when the server restarts', async () => {
    const config = { http: { cors: { origins: [listed.origin] }, events: { queryToken: true } } };
    counts = await startTestServer(config);
    await openPage(listed.origin);
    await page.evaluate(([server, token]) => { window.followEvents(server, token, (answer) => window.seen.push(answer)); }, [counts.url, tokens.ann] as const);
    await countSeen('ann', 0);
    await counts.setCount('ann', 3);
    await countSeen('ann', 3);

    // The server stops (the stream ends) and comes back on its port: EventSource reconnects with its Last-Event-ID.
    const { port } = counts;
    await counts.stop();
    counts = await startTestServer({ ...config, listen: { host: '127.0.0.1', port } });
    await counts.setCount('ann', 5);
    await countSeen('ann', 5);
    expect(await page.evaluate(() => window.seen.some((answer) => answer.error))).toBe(false);
  }, 90_000);

  it('follows the counts by long-polling with fetch and Authorization, through the preflight', async () => {
    counts = await startTestServer({ http: { cors: { origins: [listed.origin] } } });
    await openPage(listed.origin);
    await page.evaluate(([server, token]) => {
      void window.followPolls(server, token, (answer) => window.seen.push(answer), new AbortController().signal);
    }, [counts.url, tokens.ann] as const);
    await countSeen('ann-work', 0);
    await counts.setCount('ann-work', 2);
    await countSeen('ann-work', 2);
  }, 90_000);

  it('a page of an origin that is not listed is refused: EventSource closes, fetch fails, and it reads nothing', async () => {
    counts = await startTestServer({ http: { cors: { origins: [listed.origin] }, events: { queryToken: true } } });
    await openPage(unlisted.origin);
    const [events, poll] = await page.evaluate(async ([server, token]) => {
      const closed = new Promise<string>((resolve) => {
        const source = new EventSource(`${server}/v1/events?access_token=${token}`);
        source.onmessage = () => resolve('message');
        source.onerror = () => { if (source.readyState === EventSource.CLOSED) resolve('closed'); };
      });
      const fetched = fetch(`${server}/v1/counts`, { headers: { Authorization: `Bearer ${token}` } })
        .then(() => 'read', (error: unknown) => (error instanceof TypeError ? 'refused' : String(error)));
      return Promise.all([closed, fetched]);
    }, [counts.url, tokens.ann] as const);
    expect([events, poll]).toEqual(['closed', 'refused']);
  }, 90_000);
});
