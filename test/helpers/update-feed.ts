import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import type { AppAdapter, UpdaterSeat } from '../../main/updates/update-engine.ts';
import type { PackageKind } from '../../main/updates/update-policy.ts';

/**
 * electron-updater's HTTP client outside Electron: Node's http, as
 * electron-builder's own NodeHttpExecutor (a dev dependency's, with proxy
 * agents the loopback feed does not need).
 */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  /** What electron-updater calls to fetch an update file: as ElectronHttpExecutor's, the shared `doDownload` (which checks the sha512). */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, {
        destination, options, onCancel, responseHandler: null,
        callback: (error) => (error == null ? resolve(destination) : reject(error)),
      }, 0);
    });
  }
}

/** One release in the feed: its version and the file's bytes; `sha512Of` lets a test publish a checksum of other bytes. */
export interface FeedRelease {
  version: string;
  file: Buffer;
  sha512Of?: Buffer;
}

export const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

/** `latest-linux.yml` as electron-builder writes it for an AppImage. */
export function latestLinuxYml({ version, file, sha512Of }: FeedRelease): string {
  const name = `Mailtray-${version}.AppImage`;
  const sum = sha512(sha512Of ?? file);
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sum}`,
    `    size: ${file.length}`,
    `path: ${name}`,
    `sha512: ${sum}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}

/**
 * An update feed as a static host serves it (electron-builder's `generic`
 * provider), on 127.0.0.1 and port 0. `release` is what it publishes now;
 * `requests` records every path asked. `close()` stops it (the feed then is unreachable).
 */
export class UpdateFeed {
  release: FeedRelease | undefined;
  readonly requests: string[] = [];
  readonly #server: Server;
  url = '';

  private constructor(release: FeedRelease | undefined) {
    this.release = release;
    this.#server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://feed').pathname;
      this.requests.push(path);
      const release = this.release;
      if (release && path === '/latest-linux.yml') {
        res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestLinuxYml(release));
      } else if (release && path === `/Mailtray-${release.version}.AppImage`) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': release.file.length }).end(release.file);
      } else {
        res.writeHead(404).end();
      }
    });
  }

  static async start(release?: FeedRelease): Promise<UpdateFeed> {
    const feed = new UpdateFeed(release);
    await new Promise<void>((resolve) => feed.#server.listen(0, '127.0.0.1', resolve));
    const address = feed.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    feed.url = `http://127.0.0.1:${address.port}/`;
    return feed;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * electron-updater's view of an installed Mailtray, in a temporary folder:
 * `app-update.yml` as electron-builder writes it from `publish` (pointing at
 * the feed), the user data and cache folders, and the AppImage the updater
 * replaces. It records quit and relaunch; `quitWith(0)` runs what the updater
 * hooked on the app's quit (the install).
 */
export class TestUpdaterApp implements AppAdapter {
  readonly version: string;
  readonly name = 'Mailtray';
  readonly isPackaged = true;
  readonly dir: string;
  readonly appUpdateConfigPath: string;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  /** The installed AppImage (`APPIMAGE`): the install replaces it. */
  readonly appImage: string;
  quits = 0;
  relaunches = 0;
  readonly #onQuit: Array<(exitCode: number) => void> = [];

  private constructor(dir: string, version: string) {
    this.dir = dir;
    this.version = version;
    this.appUpdateConfigPath = join(dir, 'resources', 'app-update.yml');
    this.userDataPath = join(dir, 'user-data');
    this.baseCachePath = join(dir, 'cache');
    // No version in the name: the updater writes the new one in its place (electron-builder#2964).
    this.appImage = join(dir, 'Mailtray.AppImage');
  }

  /** `feedUrl`: the feed; `installed`: the running AppImage's bytes. */
  static async make(feedUrl: string, installed: Buffer, version = '0.1.0'): Promise<TestUpdaterApp> {
    const app = new TestUpdaterApp(await mkdtemp(join(tmpdir(), 'mailtray-updater-')), version);
    await mkdir(join(app.dir, 'resources'));
    await writeFile(app.appUpdateConfigPath, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: mailtray-updater\n`);
    await writeFile(app.appImage, installed, { mode: 0o755 });
    return app;
  }

  seat(kind: PackageKind = 'appimage'): UpdaterSeat {
    return { kind, app: this, http: new NodeHttpExecutor() };
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  relaunch(): void {
    this.relaunches += 1;
  }

  quit(): void {
    this.quits += 1;
  }

  onQuit(handler: (exitCode: number) => void): void {
    this.#onQuit.push(handler);
  }

  /** The app quits as a user quits it: what electron-updater hooked on it runs (the install, for a downloaded update). */
  quitWith(exitCode: number): void {
    for (const handler of this.#onQuit) handler(exitCode);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** An AppImage stand-in: a script that exits at once (the updater runs the new file once after putting it in place). */
export function appImageBytes(version: string): Buffer {
  return Buffer.from(`#!/bin/sh\n# Mailtray ${version}\nexit 0\n`);
}
