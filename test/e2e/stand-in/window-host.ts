/**
 * The stand-in's BrowserWindow: the page really loads, in Debian's Chromium
 * (headless, so "shown" is only a flag), with the app's own built preload
 * run before the page's scripts and its ipcRenderer wired to ipcMain here.
 *
 * What it is not: there is no separate renderer process and no isolated world
 * (the preload runs in the page's world, with only `require('electron')`, as
 * a sandboxed preload has), and Chromium cannot load a custom scheme, so
 * `mailtray://app/x` is fetched as https://app.mailtray.invalid/x, every
 * request answered by the app's own protocol.handle handler and nothing else.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { IpcMainInvokeEvent } from 'electron';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/chromium.ts';
import { record, recordListeners } from './recorder.ts';

const STAND_IN_ORIGIN = 'https://app.mailtray.invalid';

export type SchemeHandler = (request: Request) => Response | Promise<Response>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own listener type
export type InvokeListener = (event: IpcMainInvokeEvent, ...args: any[]) => unknown;

/** What the windows need from the rest of the stand-in. */
export interface WindowHostOptions {
  /** The protocol.handle handler for a scheme, if one is registered and privileged. */
  schemeHandler(scheme: string): SchemeHandler | undefined;
  invokeListener(channel: string): InvokeListener | undefined;
}

let browser: Promise<Browser> | undefined;

export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  if (open) await (await open).close().catch(() => {});
}

/** mailtray://app/x as Chromium fetches it here, and back. */
function toStandIn(url: string): { scheme: string; address: string } {
  const parsed = new URL(url);
  return { scheme: parsed.protocol.slice(0, -1), address: `${STAND_IN_ORIGIN}/${parsed.host}${parsed.pathname}${parsed.search}` };
}

function fromStandIn(address: string, scheme: string): string | undefined {
  if (!address.startsWith(`${STAND_IN_ORIGIN}/`)) return undefined;
  return `${scheme}://${address.slice(STAND_IN_ORIGIN.length + 1)}`;
}

/** The page-side half: a sandboxed preload's `require`, contextBridge and ipcRenderer, then the preload itself. */
function preloadScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const ipcRenderer = {
    invoke: (channel, ...args) => globalThis.__standInInvoke(channel, args),
    on(channel, listener) { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(listener); return ipcRenderer; },
    removeListener(channel, listener) { listeners.get(channel)?.delete(listener); return ipcRenderer; },
  };
  const contextBridge = { exposeInMainWorld: (key, api) => Object.defineProperty(globalThis, key, { value: Object.freeze({ ...api }) }) };
  Object.defineProperty(globalThis, '__standInDeliver', {
    value: (channel, payload) => { for (const listener of listeners.get(channel) ?? []) listener({}, payload); },
  });
  const require = (name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('a sandboxed preload cannot require ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {\n${preloadSource}\n})(require, module, module.exports);
})();`;
}

export class StandInWebContents extends EventEmitter {
  readonly id = 1;
  #page: Page | undefined;
  #scheme = 'mailtray';
  #isDestroyed = false;
  #delivery: Promise<unknown> = Promise.resolve();
  readonly #loaded = Promise.withResolvers<Page>();
  /** The frame the page runs in; main's IPC check compares senders' frames with it. */
  readonly mainFrame = { routingId: 1, get url(): string { return ''; } };

  constructor() {
    super();
    recordListeners(this, 'webContents');
    Object.defineProperty(this.mainFrame, 'url', { get: () => this.getURL() });
  }

  attach(page: Page, scheme: string): void {
    this.#page = page;
    this.#scheme = scheme;
  }

  /** The page, once its first load has finished (before that, a script would run in about:blank). */
  loadedPage(): Promise<Page> {
    return this.#loaded.promise;
  }

  markLoaded(): void {
    this.#loaded.resolve(this.#page!);
  }

  getURL(): string {
    const address = this.#page?.url() ?? '';
    return fromStandIn(address, this.#scheme) ?? address;
  }

  setWindowOpenHandler(handler: unknown): void {
    record('webContents.setWindowOpenHandler', handler);
  }

  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', channel, ...args);
    const page = this.#page;
    if (!page || this.#isDestroyed) return;
    // In order, as Electron delivers them; one sent while the page is (re)loading is lost, as in Electron.
    this.#delivery = this.#delivery.then(() => page.evaluate(([name, payload]) => {
      (globalThis as unknown as { __standInDeliver?: (c: unknown, p: unknown) => void }).__standInDeliver?.(name, payload);
    }, [channel, args[0]] as const)).catch(() => {});
  }

  isDestroyed(): boolean {
    return this.#isDestroyed;
  }

  destroy(): void {
    this.#isDestroyed = true;
  }
}

export interface StandInWindowOptions {
  show?: boolean;
  icon?: string;
  webPreferences?: { preload?: string; sandbox?: boolean; contextIsolation?: boolean; nodeIntegration?: boolean };
  [key: string]: unknown;
}

export class StandInBrowserWindow extends EventEmitter {
  static readonly #all: StandInBrowserWindow[] = [];
  static host: WindowHostOptions | undefined;

  static getAllWindows(): StandInBrowserWindow[] {
    return StandInBrowserWindow.#all.filter((window) => !window.isDestroyed());
  }

  static fromWebContents(contents: unknown): StandInBrowserWindow | null {
    return StandInBrowserWindow.#all.find((window) => window.webContents === contents) ?? null;
  }

  readonly webContents = new StandInWebContents();
  readonly #options: StandInWindowOptions;
  #isVisible: boolean;
  #isDestroyed = false;

  constructor(options: StandInWindowOptions) {
    super();
    recordListeners(this, 'BrowserWindow');
    this.#options = options;
    this.#isVisible = options.show ?? true;
    StandInBrowserWindow.#all.push(this);
  }

  /** Loads the page in Chromium; resolves when it has loaded, as Electron's does. */
  async loadURL(url: string): Promise<void> {
    record('BrowserWindow.loadURL', url);
    const host = StandInBrowserWindow.host!;
    const { scheme, address } = toStandIn(url);
    const handler = host.schemeHandler(scheme);
    if (!handler) throw new Error(`stand-in Electron: loadURL(${url}): no privileged, handled scheme '${scheme}'`);
    const preload = this.#options.webPreferences?.preload;
    let preloadSource: string | undefined;
    try {
      preloadSource = preload === undefined ? undefined : readFileSync(preload, 'utf8');
    } catch {
      // Electron logs this and loads the page without its API.
      console.error(`Unable to load preload script: ${preload}`);
      record('preload-missing', preload);
    }
    const context = await (await (browser ??= launchChromium())).newContext();
    await context.exposeBinding('__standInInvoke', async (_source, channel: string, args: unknown[]) => {
      const listener = host.invokeListener(channel);
      if (!listener) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      const event = { sender: this.webContents, senderFrame: this.webContents.mainFrame, frameId: 1, processId: 1 };
      return listener(event as unknown as IpcMainInvokeEvent, ...args);
    });
    if (preloadSource !== undefined) await context.addInitScript({ content: preloadScript(preloadSource) });
    await context.route(() => true, async (route) => {
      const request = route.request();
      const target = fromStandIn(request.url(), scheme);
      if (target === undefined) return route.abort('blockedbyclient');
      const answer = await handler(new Request(target, { method: request.method() }));
      return route.fulfill({ status: answer.status, headers: Object.fromEntries(answer.headers), body: Buffer.from(await answer.arrayBuffer()) });
    });
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') record('window-console-error', message.text()); });
    page.on('pageerror', (error) => record('window-page-error', error.message));
    this.webContents.attach(page, scheme);
    const response = await page.goto(address);
    this.webContents.markLoaded();
    this.webContents.emit('did-finish-load');
    if (!response?.ok()) throw new Error(`stand-in Electron: loadURL(${url}) was answered ${response?.status()}`);
  }

  show(): void {
    record('BrowserWindow.show');
    this.#isVisible = true;
  }

  hide(): void {
    record('BrowserWindow.hide');
    this.#isVisible = false;
  }

  focus(): void {
    record('BrowserWindow.focus');
  }

  isVisible(): boolean {
    return this.#isVisible;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {
    record('BrowserWindow.restore');
  }

  setOverlayIcon(...args: unknown[]): void {
    record('BrowserWindow.setOverlayIcon', ...args);
  }

  isDestroyed(): boolean {
    return this.#isDestroyed;
  }

  /** As app.quit closes windows: 'close' can be prevented, then the window is gone. */
  close(): boolean {
    let isPrevented = false;
    this.emit('close', { preventDefault: () => { isPrevented = true; } });
    if (isPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.#isDestroyed) return;
    this.#isDestroyed = true;
    this.webContents.destroy();
    this.emit('closed');
  }

  recorded(): unknown {
    return { window: this.#options };
  }
}
