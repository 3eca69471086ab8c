import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppServer, tokens, type AppServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { NotificationServerStandIn, PrivateSessionBus } from '../../helpers/notification-server.ts';
import { watchFor, type WatchUnderTest } from './support/watch-run.ts';

// A private session bus with a stand-in notification server: nothing reaches the desktop of whoever runs this.
let bus: PrivateSessionBus;
let standIn: NotificationServerStandIn;
let server: AppServer;
let userData: string;
beforeAll(async () => {
  bus = await PrivateSessionBus.start();
  server = await startAppServer();
});
afterAll(async () => {
  await server.stop();
  await bus.stop();
});

let running: WatchUnderTest | undefined;
let timers: FakeTimers;
beforeEach(async () => {
  standIn = await NotificationServerStandIn.start(bus.address);
  userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-notify-'));
  timers = new FakeTimers(Date.parse('2026-12-05T12:00:00Z'));
  await server.setCount('work', 0);
  await server.setCount('home', 0);
});
afterEach(async () => {
  running?.stop();
  await running?.done;
  running = undefined;
  standIn.stop();
  await rm(userData, { recursive: true, force: true });
});

/** The app's settings file as the app writes it (version 2), with these notification settings. */
async function appSettings(notifications: Record<string, unknown>): Promise<void> {
  await writeFile(join(userData, 'settings.json'), JSON.stringify({
    version: 2,
    server: { mode: 'bundled', url: '', token: '' },
    accounts: [],
    notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...notifications },
    general: { launchAtLogin: false, language: 'system' },
  }));
}

function watchWithNotify(env: Record<string, string> = {}): WatchUnderTest {
  running = watchFor(['--notify', '--format', 'json', '--server', server.url, `--token=${server.token}`], {
    timers,
    env: { DBUS_SESSION_BUS_ADDRESS: bus.address, MAILTRAY_USER_DATA: userData, ...env },
  });
  return running;
}

/** Waits until the watch has seen a total of `total` from the server (not the 0 of "connecting"). */
const seen = (run: WatchUnderTest, total: number) => eventually(() => run.stdout.lines()
  .some((line) => line.includes('"connection":"live"') && line.includes(`"total":${total},`)));

/** New mail arrives; the app's burst window (2 s on the injected clock) passes. */
async function newMail(run: WatchUnderTest, count: number, messages: unknown[], total = count): Promise<void> {
  await server.put('work', { count, messages }, tokens.ingest);
  await seen(run, total);
  timers.advance(2000);
}

const lunch = { id: 'm1', from: 'Alice Smith <alice@example.com>', subject: 'Fish & chips?', date: '2026-12-05T11:59:00Z' };

describe('mailtray watch --notify, over D-Bus to the desktop notification service', () => {
  it('shows new mail as the app does: not the counts found at start, then sender and subject, body escaped for markup', async () => {
    await server.setCount('home', 4);
    await appSettings({});
    const run = watchWithNotify();
    await seen(run, 4);
    timers.advance(5000);
    await newMail(run, 1, [lunch], 5);
    const [call] = await eventually(() => (standIn.calls.length > 0 ? standIn.calls : undefined));
    expect(standIn.calls).toHaveLength(1);
    expect(call).toEqual({
      appName: 'Mailtray',
      replacesId: 0,
      appIcon: '',
      summary: 'Alice Smith',
      // The body is markup to GNOME Shell, Plasma, dunst and mako: "&" must come as "&amp;".
      body: 'Fish &amp; chips? — Work',
      actions: [],
      hints: { category: 'email.arrived', 'desktop-entry': 'mailtray' },
      expireTimeout: -1,
    });
  });

  it('in the user\'s language, and the next one replaces the last', async () => {
    await appSettings({});
    const run = watchWithNotify({ LANG: 'ko_KR.UTF-8' });
    await seen(run, 0);
    await newMail(run, 2, []);
    await eventually(() => standIn.calls.length === 1);
    expect(standIn.calls[0]).toMatchObject({ summary: 'Work에 새 메일 2통', body: '읽지 않은 메일 총 2통' });
    await newMail(run, 3, []);
    await eventually(() => standIn.calls.length === 2);
    // The stand-in numbers notifications from 1: the second asks to replace the first.
    expect(standIn.calls[1]).toMatchObject({ replacesId: 1, summary: 'Work에 새 메일 1통' });
  });

  it('keeps the privacy setting: count only shows no sender or subject; sound off asks for silence', async () => {
    await appSettings({ detail: 'count', sound: false });
    const run = watchWithNotify();
    await seen(run, 0);
    await newMail(run, 1, [lunch]);
    await eventually(() => standIn.calls.length === 1);
    expect(standIn.calls[0]).toMatchObject({ summary: '1 new in Work', body: '1 unread in all' });
    expect(JSON.stringify(standIn.calls[0])).not.toMatch(/Alice|Fish/);
    expect(standIn.calls[0]!.hints['suppress-sound']).toBe(true);
  });

  it('shows nothing when the app\'s notifications are off, or in quiet hours', async () => {
    for (const notifications of [{ enabled: false }, { quietHours: { enabled: true, start: '00:00', end: '23:59' } }]) {
      await appSettings(notifications);
      const run = watchWithNotify();
      await seen(run, 0);
      await server.put('work', { count: 2, messages: [lunch] }, tokens.ingest);
      await seen(run, 2);
      // The app's notifier decided at once: no burst window was even opened (it is 2 s; the poll's own deadline is 45 s).
      expect(timers.delays()).not.toContain(2000);
      timers.advance(2000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      running!.stop();
      await run.done;
      running = undefined;
      await server.setCount('work', 0);
    }
    expect(standIn.calls).toEqual([]);
  });

  it('without a session bus it says so once on stderr and keeps counting', async () => {
    running = watchFor(['--notify', '--format', 'text', '--server', server.url, `--token=${server.token}`], { env: { MAILTRAY_USER_DATA: userData } });
    await eventually(() => running!.stdout.lines().includes('No unread mail'));
    expect(running.stderr.text).toBe('mailtray watch: --notify needs a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set); counting goes on without notifications\n');
  });
});
