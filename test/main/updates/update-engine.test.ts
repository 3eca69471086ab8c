import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UpdateError, updateEngine, type UpdateEngine } from '../../../main/updates/update-engine.ts';
import { appImageBytes, TestUpdaterApp, UpdateFeed } from '../../helpers/update-feed.ts';

// electron-updater's real AppImageUpdater, given a stand-in app (its AppAdapter) and Node's http,
// against a feed served on 127.0.0.1 as a static host serves electron-builder's `generic` provider.
const installed = appImageBytes('0.1.0');
const newer = appImageBytes('0.2.0');

describe('electron-updater against a loopback feed', () => {
  let feed: UpdateFeed;
  let app: TestUpdaterApp;
  let engine: UpdateEngine;
  const appImageBefore = process.env.APPIMAGE;

  beforeEach(async () => {
    feed = await UpdateFeed.start();
    app = await TestUpdaterApp.make(feed.url, installed);
    // The AppImage runtime sets it to the running file; the updater reads it to know what to replace.
    process.env.APPIMAGE = app.appImage;
    engine = updateEngine(app.seat())!;
  });

  afterEach(async () => {
    if (appImageBefore === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = appImageBefore;
    await feed.close();
    await app.remove();
  });

  test('a newer version whose sha512 matches is downloaded, and installed only when the app quits', async () => {
    feed.release = { version: '0.2.0', file: newer };
    expect(await engine.check()).toBe('0.2.0');
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    const percents: number[] = [];
    await engine.download((percent) => percents.push(percent));
    expect(feed.requests).toContain('/Mailtray-0.2.0.AppImage');
    // Downloaded, not yet installed: the running copy is untouched until the app quits.
    expect(await readFile(app.appImage)).toEqual(installed);
    app.quitWith(0);
    expect(await readFile(app.appImage)).toEqual(newer);
  });

  test('a download whose sha512 does not match is refused as a checksum failure, and nothing is installed', async () => {
    feed.release = { version: '0.2.0', file: newer, sha512Of: Buffer.from('other bytes') };
    expect(await engine.check()).toBe('0.2.0');
    const refusal = await engine.download(() => {}).then(() => undefined, (error: unknown) => error);
    expect(refusal).toBeInstanceOf(UpdateError);
    expect((refusal as UpdateError).failure).toBe('checksum');
    app.quitWith(0);
    expect(await readFile(app.appImage)).toEqual(installed);
  });

  test('no newer version: the check says so and downloads nothing', async () => {
    feed.release = { version: '0.1.0', file: installed };
    expect(await engine.check()).toBeUndefined();
    feed.release = { version: '0.0.9', file: installed };
    expect(await engine.check()).toBeUndefined();
    expect(feed.requests.filter((path) => path.endsWith('.AppImage'))).toEqual([]);
  });

  test('an unreachable feed is an "unreachable" failure, not a crash', async () => {
    await feed.close();
    const failure = await engine.check().then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(UpdateError);
    expect((failure as UpdateError).failure).toBe('unreachable');
    feed = await UpdateFeed.start();
  });

  test('a feed without the file (404) is "unreachable" too: asked again later', async () => {
    const failure = await engine.check().then(() => undefined, (error: unknown) => error);
    expect((failure as UpdateError).failure).toBe('unreachable');
  });

  test('a copy nobody installed (run from the source tree) has no engine', () => {
    expect(updateEngine({ kind: 'not-installed' })).toBeUndefined();
  });
});
