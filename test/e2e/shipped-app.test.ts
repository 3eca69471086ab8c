// The app as it ships, started: the built dist/main/electron/main.js in a copy
// holding only what electron-builder packs and the production dependencies,
// under the stand-in Electron (test/e2e/stand-in/), with the suite's Dovecot
// as the user's mail account and the window in real Chromium. What the real
// Electron would add (a tray host, a notification server) is what the
// stand-in records instead. Where Electron's binary can be downloaded,
// test/e2e/app.test.ts runs the same app in Electron itself.
import { events, invokes } from '../../main/ipc-contract.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailtrayApi, SettingsInput } from '../../main/ipc-contract.ts';
import { message, startDovecot, type Dovecot } from '../helpers/dovecot.ts';
import { eventually } from '../helpers/eventually.ts';
import { decodePng } from '../main/support/decode-png.ts';
import { makePackedCopy, type PackedCopy } from './support/packed-copy.ts';
import { launchShippedApp, type ShippedApp } from './support/shipped-app.ts';

declare global {
  interface Window { mailtray: MailtrayApi }
}

const ann = { user: 'ann', password: 'hunter2' };

// Each step waits for real processes (Dovecot, the bundled server, Chromium) on a busy machine.
describe('the shipped app, started under the stand-in Electron', { timeout: 60_000 }, () => {
  let copy: PackedCopy;
  let dovecot: Dovecot;
  let profile: string;
  let app: ShippedApp;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [ann], lmtp: true });
    cleanups.push(() => dovecot.stop());
    const started = Date.now();
    copy = await makePackedCopy();
    cleanups.push(() => copy.remove());
    console.log(`shipped-app: built and packed with production dependencies in ${Math.round((Date.now() - started) / 1000)} s`);
    profile = await mkdtemp(join(tmpdir(), 'mailtray-profile-'));
    cleanups.push(() => rm(profile, { recursive: true, force: true }));
    app = launchShippedApp(copy.dir, profile);
    cleanups.push(async () => { app.kill(); await app.ended; });
    // Started: the tray has its first picture (or the app died trying, which the tests then show).
    await eventually(() => app.callsTo('Tray.setImage').length > 0 || app.hasEnded(), 60_000);
  }, 300_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** The app is running and broke no start-up rule; else its own words say why. */
  const expectRunning = () => {
    expect(app.broken, app.output()).toEqual([]);
    expect(app.hasEnded(), `the app ended:\n${app.output()}`).toBe(false);
  };
  const at = (api: string) => app.calls.findIndex((call) => call.api === api);
  const packedPath = (path: string) => relative(copy.dir, path);
  const serverEntry = () => app.callsTo('utilityProcess.fork')[0]?.args[0] as string | undefined;
  const serverPort = () => eventually(() => {
    const listening = app.callsTo('UtilityProcess message').map((call) => call.args[1] as { type: string; port?: number })
      .filter((message) => message.type === 'listening');
    return listening.at(-1)?.port;
  }, 30_000);
  const lastTooltip = () => app.callsTo('Tray.setToolTip').at(-1)?.args[0] as string | undefined;
  const windowTotal = () => app.evaluate(() => document.querySelector('.total-number')?.textContent ?? '', null);

  it('takes the single-instance lock and registers mailtray: before ready, then builds its window, tray and IPC', async () => {
    expectRunning();
    await eventually(serverEntry);
    const lock = app.callsTo('app.requestSingleInstanceLock');
    expect(lock.map((call) => ({ answer: call.args[0], isReady: call.isReady }))).toEqual([{ answer: true, isReady: false }]);
    expect(app.callsTo('protocol.registerSchemesAsPrivileged')[0]?.isReady).toBe(false);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('app ready'));
    for (const api of ['protocol.handle', 'new BrowserWindow', 'new Tray', 'ipcMain.handle', 'utilityProcess.fork']) {
      expect(app.callsTo(api)[0]?.isReady, api).toBe(true);
    }
    expect(app.callsTo('ipcMain.handle').map((call) => call.args[0])).toHaveLength(Object.keys(invokes).length);
    expect(app.callsTo('app.on').map((call) => call.args[0])).toEqual(expect.arrayContaining(['second-instance', 'before-quit']));
    expect(app.callsTo('BrowserWindow.loadURL').map((call) => call.args[0])).toEqual(['mailtray://app/index.html']);
  });

  it('starts the bundled server from its packed path, and the server answers', async () => {
    expectRunning();
    const entry = await eventually(serverEntry);
    expect(copy.files).toContain(packedPath(entry));
    const port = await serverPort();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('shows the built window from mailtray://app/ with the API of the built preload', async () => {
    expectRunning();
    await eventually(async () => (await app.evaluate(() => document.querySelector('.total-number') !== null, null)) || undefined, 30_000);
    // Every function of the one IPC contract, and nothing more.
    expect(await app.evaluate(() => Object.keys(window.mailtray).sort(), null)).toEqual(Object.keys({ ...invokes, ...events }).sort());
    expect(await app.evaluate(() => window.mailtray.getSettings().then((settings) => settings.servers.bundled.enabled), null)).toBe(true);
    expect(app.callsTo('window-page-error')).toEqual([]);
    expect(app.callsTo('window-console-error')).toEqual([]);
  });

  it('counts the IMAP account saved in its settings: the tray\'s picture and tooltip and the window say the same', async () => {
    expectRunning();
    await dovecot.deliver(ann.user, message('First'));
    await dovecot.deliver(ann.user, message('Second'));
    const settings: SettingsInput = {
      servers: { bundled: { enabled: true }, remotes: [] },
      accounts: [{
        id: 'work', name: 'Work', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
        user: ann.user, password: ann.password, folders: ['INBOX'], folderChoice: 'inbox' as const,
      }],
      notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false },
    };
    const saved = await app.evaluate((input) => window.mailtray.saveSettings(input).then((result) => result.ok), settings);
    expect(saved).toBe(true);

    await eventually(() => lastTooltip()?.startsWith('Mailtray: 2 unread\n'), 30_000);
    expect(lastTooltip()).toContain('Work: 2');
    const image = app.callsTo('Tray.setImage').at(-1)!.args[0] as { image: Array<{ scaleFactor: number; png: Uint8Array }> };
    expect(image.image.map(({ scaleFactor, png }) => ({ scaleFactor, width: decodePng(Buffer.from(png)).width })))
      .toEqual([{ scaleFactor: 1, width: 16 }, { scaleFactor: 2, width: 32 }, { scaleFactor: 4, width: 64 }]);
    await eventually(async () => (await windowTotal()) === '2' || undefined, 10_000);
  });

  it('notifies when new mail arrives, and the tray and window count it', async () => {
    expectRunning();
    await dovecot.deliver(ann.user, message('Third'));
    const shown = await eventually(() => app.callsTo('Notification.show').at(-1)?.args[0] as { title: string; body: string } | undefined, 30_000);
    expect(`${shown.title}\n${shown.body}`).toContain('Third');
    await eventually(() => lastTooltip()?.startsWith('Mailtray: 3 unread\n'), 10_000);
    await eventually(async () => (await windowTotal()) === '3' || undefined, 10_000);
  });

  it('notifies of Korean mail in Korean: an EUC-KR sender and subject as Korean mailers write them', async () => {
    expectRunning();
    const eucKr = (bytes: number[]) => Buffer.from(bytes);
    const sender = eucKr([0xb1, 0xe8, 0xc3, 0xb6, 0xbc, 0xf6]).toString('base64'); // 김철수
    const subject = [0xc8, 0xb8, 0xc0, 0xc7].map((byte) => `=${byte.toString(16).toUpperCase()}`).join(''); // 회의
    await dovecot.deliver(ann.user, `From: =?ks_c_5601-1987?B?${sender}?= <kim@example.co.kr>\r\nTo: ann@example.com\r\n` +
      `Subject: =?euc-kr?Q?${subject}?= 10:00\r\nMessage-ID: <ko-1@example.co.kr>\r\n\r\nbody\r\n`);
    const shown = await eventually(() => {
      const last = app.callsTo('Notification.show').at(-1)?.args[0] as { title: string; body: string } | undefined;
      return last && `${last.title}\n${last.body}`.includes('회의') ? last : undefined;
    }, 30_000);
    expect(`${shown.title}\n${shown.body}`).not.toContain('\uFFFD');
    await eventually(() => lastTooltip()?.startsWith('Mailtray: 4 unread\n'), 10_000);
  });

  it('a second start with the same profile leaves at once, and the first shows its window', async () => {
    expectRunning();
    const second = launchShippedApp(copy.dir, profile);
    cleanups.push(async () => { second.kill(); await second.ended; });
    expect(await second.ended).toBe(0);
    expect(second.callsTo('app.requestSingleInstanceLock').map((call) => call.args[0])).toEqual([false]);
    expect(second.callsTo('new BrowserWindow')).toEqual([]);
    expect(second.callsTo('utilityProcess.fork')).toEqual([]);
    await eventually(() => app.callsTo('BrowserWindow.show').length > 0, 10_000);
  });

  it('finds every file it reads or names in the packed set', () => {
    expectRunning();
    const window = app.callsTo('new BrowserWindow')[0]!.args[0] as { icon: string; webPreferences: { preload: string } };
    const named = [window.icon, window.webPreferences.preload, serverEntry()!];
    const read = app.callsTo('fs').map((call) => call.args[1] as string)
      .filter((path) => isAbsolute(path) && !relative(copy.dir, path).startsWith('..') && !relative(copy.dir, path).startsWith('node_modules'));
    const paths = [...new Set([...named, ...read])].map(packedPath);
    // The window's page itself, not the placeholder shown while the window is not built.
    expect(paths).toContain('dist/renderer/index.html');
    expect(paths).toContain('dist/main/oauth-clients.json');
    expect(paths.filter((path) => !copy.files.includes(path))).toEqual([]);
  });

  it('quits from its tray menu: the bundled server stops first, then the app', async () => {
    expectRunning();
    const port = await serverPort();
    await app.ask({ kind: 'menu-click', label: 'Quit Mailtray' });
    expect(await app.ended).toBe(0);
    const exits = app.callsTo('UtilityProcess exit').map((call) => call.args[1]);
    expect(exits.at(-1)).toBe(0);
    expect(app.calls.findLastIndex((call) => call.api === 'UtilityProcess exit')).toBeLessThan(at('app ended'));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
