import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppServer, tokens, type AppServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { NotificationServerStandIn, PrivateSessionBus } from '../../helpers/notification-server.ts';
import { DND_SETTLE_MS } from '../../../main/notifications/dnd-hold.ts';
import { watchLinuxDoNotDisturb } from '../../../main/notifications/dnd-linux.ts';
import type { WatchIo } from '../../../main/watch/watch-command.ts';
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
async function appSettings(notifications: Record<string, unknown>, more: Record<string, unknown> = {}): Promise<void> {
  await writeFile(join(userData, 'settings.json'), JSON.stringify({
    version: 2,
    server: { mode: 'bundled', url: '', token: '' },
    accounts: [],
    notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...notifications },
    general: { launchAtLogin: false, language: 'system' },
    ...more,
  }));
}

const opened: string[] = [];

function watchWithNotify(env: Record<string, string> = {}, io: Pick<WatchIo, 'doNotDisturb'> = {}): WatchUnderTest {
  running = watchFor(['--notify', '--format', 'json', '--server', server.url, `--token=${server.token}`], {
    ...io,
    timers,
    openExternal: (url) => opened.push(url),
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
      // A click on it is the spec's "default" action (labelled with the app's "Open").
      actions: ['default', 'Open'],
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
      // Past the notifier's 2 s burst window (an important sender may still break quiet hours, so it may open one): nothing is shown.
      timers.advance(2000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      running!.stop();
      await run.done;
      running = undefined;
      await server.setCount('work', 0);
    }
    expect(standIn.calls).toEqual([]);
  });

  it('a click on the notification opens the mailbox\'s web address from the settings, as in the app', async () => {
    await appSettings({}, { mailboxes: [{ id: 'work', webUrl: 'https://mail.example.com/work' }] });
    const run = watchWithNotify();
    await seen(run, 0);
    await newMail(run, 1, [lunch]);
    await eventually(() => standIn.calls.length === 1);
    expect(opened).toEqual([]);
    // Another notification's click (an id not ours), or another action, opens nothing. Signals arrive in the
    // order sent, so when the real click has opened the address, these two have been heard before it.
    standIn.click(77);
    standIn.click(1, 'snooze');
    standIn.click(1);
    await eventually(() => opened.length > 0);
    expect(opened).toEqual(['https://mail.example.com/work']);
  });

  it("holds new mail while the desktop's Do Not Disturb is on (the server's Inhibited), then tells it once when it ends", async () => {
    await appSettings({});
    // The real D-Bus reader, its findings recorded on their way to the app.
    const heard: boolean[] = [];
    const run = watchWithNotify({}, {
      doNotDisturb: (address, onChange) => watchLinuxDoNotDisturb(address, (isOn) => { heard.push(isOn); onChange(isOn); }),
    });
    await seen(run, 0);
    standIn.inhibited = true;
    await eventually(() => heard.at(-1) === true);
    await newMail(run, 1, [lunch]);
    await newMail(run, 3, []);
    standIn.inhibited = false;
    await eventually(() => heard.at(-1) === false);
    timers.advance(DND_SETTLE_MS);
    await eventually(() => standIn.calls.length > 0);
    // The first Notify on the bus is the one after Do Not Disturb: nothing went out while it was on.
    expect(standIn.calls).toHaveLength(1);
    expect(standIn.calls[0]).toMatchObject({ summary: '3 new messages while Do Not Disturb was on', body: 'Work 3' });
  });

  it('without a session bus it says so once on stderr and keeps counting', async () => {
    running = watchFor(['--notify', '--format', 'text', '--server', server.url, `--token=${server.token}`], { env: { MAILTRAY_USER_DATA: userData } });
    await eventually(() => running!.stdout.lines().includes('No unread mail'));
    expect(running.stderr.text).toBe('mailtray watch: --notify needs a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set); counting goes on without notifications\n');
  });
});
