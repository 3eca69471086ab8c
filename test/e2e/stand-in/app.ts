/**
 * The stand-in's `app`: paths in a temporary profile, a real single-instance
 * lock (a Unix socket in userData, as Chromium's ProcessSingleton keeps one),
 * 'ready' after the entry's first run, and quit's event order: before-quit
 * (preventable), the windows' close, will-quit, quit, exit.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { record, readiness } from './recorder.ts';
import { StartupRules } from './startup-rules.ts';
import { closeBrowser, StandInBrowserWindow } from './window-host.ts';

export const rules = new StartupRules();
readiness(() => rules.isReady);

const LOCK_SOCKET = 'stand-in-singleton.sock';

export class StandInApp extends EventEmitter {
  readonly isPackaged = false;
  #appPath = '';
  #name = 'Electron';
  #version = '0.0.0';
  readonly #paths = new Map<string, string>();
  readonly #ready = Promise.withResolvers<void>();
  #lock: Server | undefined;
  #isQuitting = false;

  /** What `electron <folder>` does before the entry runs: the app's folder, name, version and profile. */
  launch(appPath: string, pkg: { name: string; productName?: string; version: string }, profile: string): void {
    this.#appPath = appPath;
    this.#name = pkg.productName ?? pkg.name;
    this.#version = pkg.version;
    this.#paths.set('home', join(profile, 'home'));
    this.#paths.set('appData', join(profile, 'config'));
    this.#paths.set('userData', join(profile, 'config', this.#name));
    this.#paths.set('temp', join(profile, 'tmp'));
    this.#paths.set('logs', join(profile, 'config', this.#name, 'logs'));
  }

  /** The entry has run its first turn: Electron emits 'ready' once, after that. */
  becomeReady(): void {
    if (this.#isQuitting) return;
    rules.becomeReady();
    mkdirSync(this.getPath('userData'), { recursive: true });
    record('app ready');
    this.emit('ready', {}, {});
    this.#ready.resolve();
  }

  whenReady(): Promise<void> {
    record('app.whenReady');
    return this.#ready.promise;
  }

  isReady(): boolean {
    return rules.isReady;
  }

  getAppPath(): string {
    return this.#appPath;
  }

  getName(): string {
    return this.#name;
  }

  getVersion(): string {
    return this.#version;
  }

  /** The system's languages, as Electron lists them; a test sets them with MAILTRAY_STAND_IN_LANGUAGES ("ko-KR,en-US"). */
  getPreferredSystemLanguages(): string[] {
    const languages = process.env.MAILTRAY_STAND_IN_LANGUAGES?.split(',').filter(Boolean) ?? ['en-US'];
    record('app.getPreferredSystemLanguages', languages);
    return languages;
  }

  getPath(name: string): string {
    const path = this.#paths.get(name);
    if (path === undefined) throw new Error(`stand-in Electron: app.getPath('${name}') is not one the stand-in knows`);
    return path;
  }

  /** "If the path specifies a directory that does not exist, an Error is thrown." */
  setPath(name: string, path: string): void {
    record('app.setPath', name, path);
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`Failed to set path: ${path} is not a folder`);
    if (name === 'userData') rules.setUserData(path);
    this.#paths.set(name, path);
  }

  /**
   * true for the first process with this userData; a second one gets false,
   * and the first hears 'second-instance' with the second one's argv.
   */
  requestSingleInstanceLock(): boolean {
    const userData = this.getPath('userData');
    rules.takeLock(userData);
    // Chromium makes the profile's folder when it takes the lock in it.
    mkdirSync(userData, { recursive: true });
    const socket = join(userData, LOCK_SOCKET);
    const isTaken = existsSync(socket) && this.#tellFirstInstance(socket);
    if (!isTaken) {
      rmSync(socket, { force: true });
      this.#lock = createServer((connection) => {
        let text = '';
        connection.on('data', (chunk) => { text += chunk.toString(); });
        connection.on('end', () => this.emit('second-instance', {}, JSON.parse(text) as string[], process.cwd(), {}));
      }).listen(socket);
      this.#lock.unref();
    }
    record('app.requestSingleInstanceLock', !isTaken);
    return !isTaken;
  }

  hasSingleInstanceLock(): boolean {
    return this.#lock !== undefined;
  }

  /** Whether the socket answers: then another process holds the lock, and it is told about this one. */
  #tellFirstInstance(socket: string): boolean {
    // Chromium does this synchronously; a child `node -e` keeps this one synchronous too.
    const script = `const s=require('node:net').connect(process.argv[1]);s.on('connect',()=>s.end(process.argv[2]));s.on('error',()=>process.exit(3));`;
    const result = spawnSync(process.execPath, ['-e', script, socket, JSON.stringify(process.argv)]);
    return result.status === 0;
  }

  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', id);
  }

  setDesktopName(name: string): void {
    record('app.setDesktopName', name);
  }

  setBadgeCount(count?: number): boolean {
    record('app.setBadgeCount', count);
    return true;
  }

  setLoginItemSettings(settings: object): void {
    record('app.setLoginItemSettings', settings);
  }

  async getApplicationInfoForProtocol(url: string): Promise<never> {
    throw new Error(`stand-in Electron: getApplicationInfoForProtocol(${url}) exists on macOS and Windows only`);
  }

  /** Quits as Electron does; any step's listener can stop it (before-quit, a window's close). */
  quit(): void {
    record('app.quit');
    if (!rules.isReady) {
      // Before ready (a second instance): no windows, no events but the end.
      this.#isQuitting = true;
      void this.#end(0);
      return;
    }
    let isPrevented = false;
    this.emit('before-quit', { preventDefault: () => { isPrevented = true; } });
    if (isPrevented) return;
    for (const window of StandInBrowserWindow.getAllWindows()) if (!window.close()) return;
    this.emit('will-quit', { preventDefault: () => { isPrevented = true; } });
    if (isPrevented) return;
    this.#isQuitting = true;
    this.emit('quit', {}, 0);
    void this.#end(0);
  }

  exit(code = 0): void {
    record('app.exit', code);
    void this.#end(code);
  }

  async #end(code: number): Promise<void> {
    this.#lock?.close();
    await closeBrowser();
    record('app ended', code);
    // The last record must reach the test before the process goes.
    await new Promise<void>((resolve) => (process.connected ? process.send!({ kind: 'call', api: 'flush', args: [], isReady: rules.isReady }, () => resolve()) : resolve()));
    process.exit(code);
  }
}
