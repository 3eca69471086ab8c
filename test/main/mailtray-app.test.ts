import { eventually } from '../helpers/eventually.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { invokeHandlers, BadArgumentError } from '../../main/ipc-handlers.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { FakeShell } from './support/fake-shell.ts';
import { fakeSecrets } from './support/fake-secrets.ts';
import { drawTrayIcon, TRAY_BASE_SIZE } from '../../main/icon/tray-icon.ts';
import { FakeTimers } from '../helpers/fake-timers.ts';
import { decodePng } from './support/decode-png.ts';
import { remoteSettings, startAppUnderTest, workAccount, type AppOptions } from './support/app-under-test.ts';
import { translatorFor, type Words } from '../../common/i18n/translator.ts';

const english = translatorFor('en');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function countServer(): Promise<AppServer> {
  const server = await startAppServer();
  cleanups.push(() => server.stop());
  return server;
}

const startApp = (options: AppOptions = {}) => startAppUnderTest(cleanups, options);

const lastStatus = (shell: FakeShell) => shell.payloads('status:changed').at(-1)?.connection;

/** Longer than the notifier's 2 s burst: a notification due for what came in would have gone out. */
const PAST_BURST_MS = 2500;

describe('the app with a remote server', () => {
  it('shows the counts in the tray, badge and window, and notifies once for new mail', async () => {
    const server = await countServer();
    await server.setCount('work', 3);
    const { shell } = await startApp({ settings: remoteSettings(server) });
    await eventually(() => shell.tray?.tooltip.includes('Work: 3'));
    expect(shell.tray!.tooltip).toBe('Mailtray: 3 unread\nWork: 3\nHome: waiting for a count');
    expect(shell.badges.at(-1)).toMatchObject({ count: 3, text: '3', overlay: undefined });
    expect(lastStatus(shell)).toEqual({ state: 'live', server: { mode: 'remote', label: server.url.slice(7), isInsecure: false } });
    expect(shell.payloads('counts:changed').at(-1)!.mailboxes[0]).toMatchObject({ id: 's1/work', count: 3, webUrl: 'https://mail.example.com/work' });
    // The first state after start is a baseline: the badge updates, nothing pops up.
    expect(shell.notifications).toEqual([]);

    await server.setCount('work', 5);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications[0]).toMatchObject({ title: '2 new in Work', body: '5 unread in all', silent: true });
    shell.notifications[0]!.click();
    await eventually(() => shell.opened.length > 0);
    expect(shell.opened).toEqual(['https://mail.example.com/work']);
  });

  it('has a menu with Open, a row per mailbox, Snooze and Quit that do what they say', async () => {
    const server = await countServer();
    await server.setCount('work', 1);
    const timers = new FakeTimers(Date.now());
    const { app, shell } = await startApp({ settings: remoteSettings(server), timers });
    await eventually(() => shell.tray?.tooltip.includes('Work: 1'));
    const labels = shell.tray!.menu.map((item) => (item.type === 'item' ? item.label : '---'));
    expect(labels).toEqual([
      'Open Mailtray', 'Settings…', '---', 'Work - 1', 'Home - …', '---', 'Check now', 'Snooze notifications', '---', 'Quit Mailtray',
    ]);

    app.handleMenu({ type: 'open' });
    expect(shell.windowShown).toBe(1);
    app.handleMenu({ type: 'settings' });
    expect(shell.windowShown).toBe(2);
    expect(shell.payloads('settings:show')).toEqual([null]);
    app.handleMenu({ type: 'mailbox', id: 'work' });
    await eventually(() => shell.opened.length > 0);
    expect(shell.opened).toEqual(['https://mail.example.com/work']);
    // No web address and no mail client on this machine: the window.
    app.handleMenu({ type: 'mailbox', id: 'home' });
    await eventually(() => shell.windowShown === 3);

    app.handleMenu({ type: 'snooze', choice: '1h' });
    expect(shell.payloads('status:changed').at(-1)!.snoozedUntil).toBe(timers.now() + 3600_000);
    await server.setCount('work', 4);
    await eventually(() => shell.tray?.tooltip.includes('Work: 4'));
    timers.advance(PAST_BURST_MS);
    expect(shell.notifications).toEqual([]);
    app.handleMenu({ type: 'quit' });
    expect(shell.quitCalls).toBe(1);
  });

  it('polls a new server as soon as the settings are saved, without a restart or a notification', async () => {
    const first = await countServer();
    const second = await countServer();
    await first.setCount('work', 1);
    await second.setCount('work', 40);
    const timers = new FakeTimers(Date.now());
    const { app, shell } = await startApp({ settings: remoteSettings(first), timers });
    await eventually(() => shell.tray?.tooltip.includes('Work: 1'));
    await eventually(async () => await first.metric('mailtray_held_polls') === 1);
    const result = app.saveSettings(remoteSettings(second));
    expect(result.ok).toBe(true);
    expect(shell.payloads('settings:changed')).toHaveLength(1);
    await eventually(() => shell.tray?.tooltip.includes('Work: 40'));
    expect(lastStatus(shell)!.server.label).toBe(second.url.slice(7));
    timers.advance(PAST_BURST_MS);
    expect(shell.notifications).toEqual([]);
    // The old server's count no longer moves the app: its poll there is gone, none is held.
    await eventually(async () => await first.metric('mailtray_held_polls') === 0);
    expect(await second.metric('mailtray_held_polls')).toBe(1);
    await first.setCount('work', 2);
    expect(shell.tray!.tooltip).toContain('Work: 40');
  });

  it('turns the icon to "!" and stops when the token is refused', async () => {
    const server = await countServer();
    const { app, shell } = await startApp({
      settings: remoteSettings(server, { servers: { bundled: { enabled: false }, remotes: [{ url: server.url, token: 'a-wrong-token-0123456789', enabled: true }] } }),
    });
    await eventually(() => lastStatus(shell)?.state === 'auth-failed');
    expect(lastStatus(shell)).toMatchObject({ reason: expect.stringMatching(/token/) });
    expect(shell.tray!.tooltip).toMatch(/Token refused/);
    // At every scale the tray shows the refused-token picture, not the live one with the same count.
    for (const { scaleFactor, png } of shell.tray!.images) {
      const size = TRAY_BASE_SIZE * scaleFactor;
      const shown = decodePng(png);
      expect([shown.width, shown.height]).toEqual([size, size]);
      expect(shown.rgba).toEqual(decodePng(drawTrayIcon({ state: 'auth-failed', total: 0, style: 'colour' }, size)).rgba);
      expect(shown.rgba).not.toEqual(decodePng(drawTrayIcon({ state: 'live', total: 0, style: 'colour' }, size)).rgba);
    }

    // The tray menu's Retry asks the server again even though the token was refused.
    const retry = shell.tray!.menu.find((item) => item.type === 'item' && item.label === 'Retry');
    expect(retry).toMatchObject({ action: { type: 'retry' }, enabled: true });
    const before = shell.payloads('status:changed').length;
    app.handleMenu({ type: 'retry' });
    await eventually(() => lastStatus(shell)?.state === 'auth-failed' && shell.payloads('status:changed').length > before + 1);
    expect(shell.payloads('status:changed').slice(before).map((s) => s.connection.state)).toEqual(['connecting', 'auth-failed']);
  });

  it('warns in the window state about a plain-http server on another machine', async () => {
    const server = await countServer();
    const { app } = await startApp({
      settings: remoteSettings(server, { servers: { bundled: { enabled: false }, remotes: [{ url: 'http://192.0.2.1:9', token: server.token, enabled: true }] } }),
    });
    const { status } = app.snapshot();
    expect(status.connection.server).toEqual({ mode: 'remote', label: '192.0.2.1:9', isInsecure: true });
    // The window words the warning from isInsecure; main does not repeat it in warnings.
    expect(status.warnings).toEqual([]);
  });
});

describe('the app with the bundled server', () => {
  it('starts it, goes live, shows the outage when it dies, and comes back without a notification storm', async () => {
    const { shell, serverProcesses } = await startApp({
      settings: {
        servers: { bundled: { enabled: true }, remotes: [] },
        accounts: [workAccount],
        notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
        general: { launchAtLogin: true },
      },
    });
    expect(lastStatus(shell)?.state).toBe('connecting');
    await eventually(() => lastStatus(shell)?.state === 'live', 20_000);
    expect(lastStatus(shell)!.server).toEqual({ mode: 'bundled', label: 'bundled server', isInsecure: false });
    expect(shell.tray!.tooltip).toMatch(/^Mailtray: 0 unread\nWork: /);
    expect(shell.launchAtLogin).toEqual([true]);

    serverProcesses[0]!.kill('SIGKILL');
    // The poll may notice the cut first; then the supervisor says why, and when it tries again.
    const outage = await eventually(() => shell.payloads('status:changed').map((s) => s.connection)
      .find((c) => c.state === 'retrying' && /bundled server stopped/.test(c.reason)));
    expect(outage).toMatchObject({ nextTryAt: expect.any(Number) });
    expect(shell.trays.some((tray) => tray.tooltip.includes('Not connected: the bundled server stopped'))).toBe(true);
    await eventually(() => serverProcesses.length === 2 && lastStatus(shell)?.state === 'live', 20_000);
    expect(shell.notifications).toEqual([]);
  });
});

describe('the app with the bundled server, when accounts change', () => {
  it('restarts the bundled server for a new password, and not for a save that changes nothing', async () => {
    const settings: SettingsInput = {
      servers: { bundled: { enabled: true }, remotes: [] },
      accounts: [workAccount],
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false },
    };
    const { app, shell, serverProcesses } = await startApp({ settings });
    await eventually(() => lastStatus(shell)?.state === 'live', 20_000);

    // The window sends no password when the field is left empty: the saved one stays, nothing restarts.
    const { password: _password, ...withoutPassword } = workAccount;
    expect(app.saveSettings({ ...settings, accounts: [withoutPassword] }).ok).toBe(true);
    expect(serverProcesses).toHaveLength(1);

    // A corrected password must reach the IMAP source at once: a new bundled server config.
    expect(app.saveSettings({ ...settings, accounts: [{ ...workAccount, password: 'the-right-one' }] }).ok).toBe(true);
    await eventually(() => serverProcesses.length === 2 && lastStatus(shell)?.state === 'live', 20_000);
    expect(shell.notifications).toEqual([]);
  });
});

describe('the app with the bundled server, when a saved password cannot be read', () => {
  it('shows that account alone as failing, and the server watches the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailtray-app-'));
    const other = fakeSecrets({ key: 'another-machine' });
    const here = fakeSecrets();
    const file = new Conf<StoredSettings>({ ...settingsFileOptions(here), cwd: dir });
    file.store = {
      ...file.store,
      accounts: [
        { ...workAccount, password: other.seal('sealed-elsewhere') },
        { ...workAccount, id: 'home', name: 'Home', webUrl: 'mailto:ann@example.com', password: here.seal('hunter2') },
      ],
    };
    const { shell, serverProcesses } = await startApp({ dir });
    await eventually(() => lastStatus(shell)?.state === 'live', 20_000);
    const rows = await eventually(() => {
      const counts = shell.payloads('counts:changed').at(-1);
      const home = counts?.mailboxes.find((m) => m.id === 'home');
      return home?.state === 'error' ? counts!.mailboxes : undefined;
    }, 20_000);
    expect(Object.fromEntries(rows.map((m) => [m.id, [m.state, m.error]]))).toEqual({
      work: ['error', 'the saved password could not be read; enter it again in Settings'],
      // Home's own IMAP source runs: its error is its own (nothing listens on port 9), not the password's.
      home: ['error', expect.stringMatching(/^cannot connect to 127\.0\.0\.1:9/)],
    });
    // One server, started once: no restart loop.
    expect(serverProcesses).toHaveLength(1);
    expect(shell.trays.at(-1)!.menu.some((item) => item.type === 'item' && /^Work\b.*password/i.test(item.label))).toBe(true);
  });
});

describe('snooze', () => {
  it('outlives a restart of the app, and one that ran out meanwhile is dropped', async () => {
    const server = await countServer();
    const first = await startApp({ settings: remoteSettings(server) });
    const until = Date.now() + 3600_000;
    first.app.setSnooze(until);
    await first.app.stop();

    const second = await startApp({ dir: first.dir });
    expect(second.app.snapshot().status.snoozedUntil).toBe(until);
    // Saving other settings keeps it.
    expect(second.app.saveSettings(remoteSettings(server)).ok).toBe(true);
    expect(second.settings.snoozedUntil).toBe(until);
    second.settings.snoozedUntil = Date.now() - 1000;
    await second.app.stop();

    const third = await startApp({ dir: first.dir });
    expect(third.app.snapshot().status.snoozedUntil).toBeNull();
    expect(third.settings.stored.snoozedUntil).toBeUndefined();
  });
});

describe('the invoke handlers', () => {
  it('refuse arguments of the wrong shape from the renderer', async () => {
    const server = await countServer();
    const { app, settings, shell } = await startApp({ settings: remoteSettings(server) });
    // Live first: a poll cut while its connection is still opening keeps the test server's close waiting.
    await eventually(() => lastStatus(shell)?.state === 'live');
    const handlers = invokeHandlers(app, () => settings.view());
    expect(() => handlers['snooze:set']('tomorrow')).toThrow(BadArgumentError);
    expect(() => handlers['mailbox:open']({ id: 'work' })).toThrow(BadArgumentError);
    expect(() => handlers['connection:test']({ url: 42 })).toThrow(BadArgumentError);
    expect(handlers['settings:save']({ server: 'evil' })).toMatchObject({ ok: false });
    expect(JSON.stringify(handlers['settings:get']())).not.toContain(server.token);
  });

  it('test a connection with the saved token, and name the problem when it fails', async () => {
    const server = await countServer();
    const { app, settings } = await startApp({ settings: remoteSettings(server) });
    const handlers = invokeHandlers(app, () => settings.view());
    expect(await handlers['connection:test']({ url: server.url })).toEqual({ ok: true, mailboxes: 2 });
    // The server's own words, which the window's headline ("Token rejected") cannot know.
    const refused = await handlers['connection:test']({ url: server.url, token: 'wrong-token-0123456789' });
    expect(refused).toEqual({ ok: false, problem: 'auth', message: { key: 'check.connection.serverSaid', values: { words: expect.any(String) } } });
    expect(english.say((refused as { message: Words }).message)).toMatch(/^The server said: /);
    expect(await handlers['connection:test']({ url: 'http://127.0.0.1:1', token: 'x'.repeat(20) })).toEqual({ ok: false, problem: 'refused' });
    expect(await handlers['connection:test']({ url: 'counts.example.com' })).toMatchObject({ ok: false, problem: 'invalid-url' });
    // A token field left empty for a server with no saved token: nothing was rejected, nothing was entered.
    expect(await handlers['connection:test']({ url: 'https://other.example.com' })).toEqual({ ok: false, problem: 'no-token' });
  });

  it('says "this server speaks HTTP, not HTTPS" for https:// to a plain-HTTP server, never an OpenSSL dump', async () => {
    const server = await countServer();
    const { app, settings } = await startApp({ settings: remoteSettings(server) });
    const handlers = invokeHandlers(app, () => settings.view());
    const https = server.url.replace(/^http:/, 'https:');
    expect(await handlers['connection:test']({ url: https, token: server.token })).toEqual({ ok: false, problem: 'plain-http' });
    // The poll loop says the same in the tray and the window.
    expect(app.saveSettings(remoteSettings(server, { servers: { bundled: { enabled: false }, remotes: [{ url: https, token: server.token, enabled: true }] } })).ok).toBe(true);
    const retrying = await eventually(() => {
      const connection = app.snapshot().status.connection;
      return connection.state === 'retrying' ? connection : undefined;
    });
    expect(retrying.reason).toBe('this server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS');
  });
});
