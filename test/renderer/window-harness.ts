/**
 * Builds the window with Vite, serves it on 127.0.0.1 and opens it in
 * Debian's Chromium with the fake `window.mailtray`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { readFilesIn, WINDOW_HOST, WINDOW_SCHEME, windowResponse } from '../../main/window-protocol.ts';
import { fakeMailtray, type FakeMailtray, type FakeSetup } from './fake-mailtray.ts';
import { now } from './window-fixtures.ts';

export { launchChromium };

const viteConfig = fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url));
export const outputDir = fileURLToPath(new URL('../../test-output/renderer/', import.meta.url));

/** Builds into a fresh folder of its own, so test files running side by side do not share one. */
export async function buildWindow(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-window-'));
  await build({ configFile: viteConfig, logLevel: 'error', build: { outDir: dir, emptyOutDir: true, sourcemap: false } });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Serves one folder over HTTP as the app serves the window over mailtray://app/
 * (main/window-protocol.ts): the same answers, headers and CSP, so every window
 * test runs under the header CSP the app sends.
 */
export async function serveFolder(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const answer = await windowResponse(new Request(`${WINDOW_SCHEME}://${WINDOW_HOST}${path}`, { method: request.method ?? 'GET' }), readFilesIn(dir));
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  width?: number;
  height?: number;
  /** Browser zoom: 2 shows the window as at 200% (half the CSS pixels, twice the device pixels). */
  zoom?: number;
  /** Device pixels per CSS pixel, for sharp screenshots (zoom sets it too). */
  scale?: number;
  /** Stop the page's clock at `now`: time then moves only by page.clock.runFor. */
  paused?: boolean;
}

export interface OpenWindow {
  page: Page;
  fake: FakeMailtray;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens the window as a 420 x 640 Mailtray window at `now`. */
export async function openWindow(browser: Browser, url: string, setup: FakeSetup, options: OpenOptions = {}): Promise<OpenWindow> {
  const zoom = options.zoom ?? 1;
  const context = await browser.newContext({
    viewport: { width: Math.round((options.width ?? 420) / zoom), height: Math.round((options.height ?? 640) / zoom) },
    deviceScaleFactor: zoom * (options.scale ?? 1),
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  // Remote content is not allowed: any request that leaves the test server fails the test.
  const problems: string[] = [];
  await context.route((target) => !target.href.startsWith(new URL(url).origin), (route) => {
    problems.push(`request to ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  if (options.paused) {
    // Start a minute early so pausing at `now` is never a step into the past, however slow the machine.
    await page.clock.install({ time: now - 60_000 });
    await page.clock.pauseAt(now);
  } else {
    await page.clock.install({ time: now });
  }
  const fake = await fakeMailtray(page, setup);
  await page.goto(url);
  await page.locator('[role="tab"]').first().waitFor();
  return { page, fake, problems, close: () => context.close() };
}

/**
 * For one test file: builds the window, serves it and starts Chromium before
 * its tests, and closes all three after them. `open` opens a fresh window.
 */
export function windowPerFile(): (setup: FakeSetup, options?: OpenOptions) => Promise<OpenWindow> {
  let browser: Browser | undefined;
  let url = '';
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const built = await buildWindow();
    cleanups.push(built.remove);
    const served = await serveFolder(built.dir);
    cleanups.push(served.close);
    browser = await launchChromium();
    cleanups.push(() => browser!.close());
    url = served.url;
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  return (setup, options) => openWindow(browser!, url, setup, options);
}
