import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateSettings } from '../../../main/ipc-contract.ts';
import type { MenuItemView } from '../../../main/shell.ts';
import { CHECK_EVERY_MS, FIRST_CHECK_MS, RETRY_BOUNDS } from '../../../main/updates/update-policy.ts';
import { startAppServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { appImageBytes, TestUpdaterApp, UpdateFeed } from '../../helpers/update-feed.ts';
import { remoteSettings, startAppUnderTest } from '../support/app-under-test.ts';
import type { FakeShell } from '../support/fake-shell.ts';

// The app's whole update logic through the shell's seam: electron-updater's AppImageUpdater (or its
// DebUpdater, for a .deb) with a stand-in app, against a feed on 127.0.0.1; its clock is the test's.

const installed = appImageBytes('0.1.0');
const newer = appImageBytes('0.2.0');
const cleanups: Array<() => Promise<void>> = [];
const appImageBefore = process.env.APPIMAGE;
let feed: UpdateFeed;
let updaterApp: TestUpdaterApp;

beforeEach(async () => {
  feed = await UpdateFeed.start();
  updaterApp = await TestUpdaterApp.make(feed.url, installed);
  process.env.APPIMAGE = updaterApp.appImage;
  cleanups.push(async () => {
    await feed.close();
    await updaterApp.remove();
  });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  if (appImageBefore === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = appImageBefore;
});

// 10:00 local time: outside the quiet hours a test sets unless it says so.
const START = new Date(2026, 11, 5, 10, 0).getTime();

async function appWith(updates: UpdateSettings, options: { kind?: 'appimage' | 'system-package'; quiet?: boolean } = {}) {
  const server = await startAppServer();
  cleanups.push(() => server.stop());
  const timers = new FakeTimers(START);
  const settings = remoteSettings(server, {
    updates,
    notifications: {
      enabled: true, sound: false, summaryAtStart: false,
      quietHours: { enabled: options.quiet === true, start: '00:00', end: '23:59' },
    },
  });
  const started = await startAppUnderTest(cleanups, { settings, timers, updaterSeat: updaterApp.seat(options.kind ?? 'appimage') });
  return { ...started, timers };
}

const menuLabels = (shell: FakeShell) => (shell.tray?.menu ?? []).flatMap((item: MenuItemView) => (item.type === 'item' ? [item.label] : []));
const notice = (shell: FakeShell) => shell.payloads('status:changed').at(-1)?.update?.notice;
const status = (shell: FakeShell) => shell.payloads('status:changed').at(-1)?.update?.status;
const fileRequests = () => feed.requests.filter((path) => path.endsWith('.AppImage'));

describe('updates, through the shell seam against a loopback feed', () => {
  it('a newer version is said in the window and the tray menu, told once, downloaded only when the user agrees, and installed when the app quits', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { app, shell, timers } = await appWith({ check: true, autoDownload: false });
    expect(feed.requests).toEqual([]);
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.action === 'download');
    expect(notice(shell)?.words).toEqual({ key: 'updates.notice.available', values: { version: '0.2.0' } });
    expect(menuLabels(shell)[0]).toBe('Download Mailtray 0.2.0');
    expect(shell.notifications.map((n) => [n.title, n.body])).toEqual([
      ['Mailtray 0.2.0', 'A newer version is available. Open Mailtray to download it.'],
    ]);
    // Nothing fetched but the feed: the user has not agreed yet.
    expect(fileRequests()).toEqual([]);

    app.handleMenu({ type: 'update-download' });
    await eventually(() => notice(shell)?.action === 'restart');
    expect(menuLabels(shell)[0]).toBe('Restart to install Mailtray 0.2.0');
    expect(fileRequests()).toEqual(['/Mailtray-0.2.0.AppImage']);
    expect(await readFile(updaterApp.appImage)).toEqual(installed);
    // Told once: the download the user asked for is no news.
    expect(shell.notifications).toHaveLength(1);

    updaterApp.quitWith(0);
    expect(await readFile(updaterApp.appImage)).toEqual(newer);
  });

  it('downloads by itself when the user chose so, and tells once it is ready to install', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { shell, timers } = await appWith({ check: true, autoDownload: true });
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.action === 'restart');
    expect(shell.notifications.map((n) => n.body)).toEqual(['It is downloaded and will be installed when Mailtray restarts.']);
  });

  it('a download whose checksum does not match is refused in words, and nothing is installed', async () => {
    feed.release = { version: '0.2.0', file: newer, sha512Of: Buffer.from('what the release was meant to be') };
    const { app, shell, timers } = await appWith({ check: true, autoDownload: false });
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.action === 'download');
    app.downloadUpdate();
    await eventually(() => notice(shell)?.words.key === 'updates.notice.refused');
    expect(menuLabels(shell)[0]).toBe('Download Mailtray 0.2.0 again');
    updaterApp.quitWith(0);
    expect(await readFile(updaterApp.appImage)).toEqual(installed);
  });

  it('no newer version: nothing to notice, the Updates section says it is the newest, and the next check is in six hours', async () => {
    feed.release = { version: '0.1.0', file: installed };
    const { shell, timers } = await appWith({ check: true, autoDownload: false });
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => status(shell)?.key === 'updates.status.upToDate');
    expect(notice(shell)).toBeUndefined();
    expect(menuLabels(shell)[0]).toBe('Open Mailtray');
    expect(shell.notifications).toEqual([]);
    expect(timers.delays()).toContain(CHECK_EVERY_MS);
  });

  it('an unreachable feed is said calmly, asked again later, and a newer version found once it is back', async () => {
    await feed.close();
    const { shell, timers } = await appWith({ check: true, autoDownload: false });
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => status(shell)?.key === 'updates.status.unreachable', 15_000);
    expect(notice(shell)).toBeUndefined();
    expect(shell.notifications).toEqual([]);
    const retry = timers.delays().find((ms) => ms >= RETRY_BOUNDS.minMs && ms <= RETRY_BOUNDS.maxMs);
    expect(retry).toBeDefined();

    feed.release = { version: '0.2.0', file: newer };
    await feed.reopen();
    timers.advance(RETRY_BOUNDS.maxMs);
    await eventually(() => notice(shell)?.action === 'download', 15_000);
  });

  it('in quiet hours no notification is shown, but the window and the tray menu still say it', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { shell, timers } = await appWith({ check: true, autoDownload: false }, { quiet: true });
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.action === 'download');
    expect(menuLabels(shell)[0]).toBe('Download Mailtray 0.2.0');
    expect(shell.notifications).toEqual([]);
  });

  it('while snoozed no notification is shown', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { app, shell, timers } = await appWith({ check: true, autoDownload: false });
    app.setSnooze(START + 3600_000);
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.action === 'download');
    expect(shell.notifications).toEqual([]);
  });

  it('a .deb only tells: no Download, nothing fetched even when asked, even with automatic downloads', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { app, shell, timers } = await appWith({ check: true, autoDownload: true }, { kind: 'system-package' });
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.words.key === 'updates.notice.availableSystem');
    expect(notice(shell)?.action).toBeUndefined();
    expect(menuLabels(shell)[0]).toBe('Mailtray 0.2.0 is available (system updates)');
    // On Linux a notification's body is markup: the apostrophe goes escaped.
    expect(shell.notifications.map((n) => n.body)).toEqual(['A newer version is available. Your system&apos;s software updates will install it.']);
    app.downloadUpdate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fileRequests()).toEqual([]);
  });

  it('with checks turned off the feed is never asked', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { shell, timers } = await appWith({ check: false, autoDownload: false });
    timers.advance(FIRST_CHECK_MS + 2 * CHECK_EVERY_MS);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(feed.requests).toEqual([]);
    expect(status(shell)).toEqual({ key: 'updates.status.off' });
  });

  it('checks turned on in the settings are scheduled at once, without a restart', async () => {
    feed.release = { version: '0.2.0', file: newer };
    const { app, shell, timers, settings } = await appWith({ check: false, autoDownload: false });
    const view = settings.view();
    const input = {
      servers: { bundled: view.servers.bundled, remotes: view.servers.remotes.map(({ hasToken: _hasToken, ...remote }) => remote) },
      accounts: [], notifications: view.notifications, general: view.general, updates: { check: true, autoDownload: false },
    };
    expect(app.saveSettings(input).ok).toBe(true);
    timers.advance(FIRST_CHECK_MS);
    await eventually(() => notice(shell)?.action === 'download');
  });
});
