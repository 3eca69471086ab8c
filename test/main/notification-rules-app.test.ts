import { afterEach, describe, expect, it } from 'vitest';
import type { MailboxSettings, NotificationSettings } from '../../main/ipc-contract.ts';
import { drawTrayIcon, TRAY_BASE_SIZE } from '../../main/icon/tray-icon.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { remoteSettings, startAppUnderTest, type AppOptions } from './support/app-under-test.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function countServer(): Promise<AppServer> {
  const server = await startAppServer();
  cleanups.push(() => server.stop());
  return server;
}

const SOUNDS = '/opt/Mailtray/resources/sounds';
const message = (id: string, from: string) => ({ id, from, subject: `About ${id}`, date: '2026-12-05T08:00:00.000Z' });
const quiet = { enabled: false, start: '22:00', end: '07:00' };

/** The app on a real count server, with these notification options and mailbox rules; `work` already has a count. */
async function appWith(server: AppServer, notifications: Partial<NotificationSettings>, mailboxes: MailboxSettings[] = [], options: AppOptions = {}) {
  await server.put('work', { count: 0, messages: [] });
  const settings = remoteSettings(server, {
    notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: quiet, ...notifications },
    mailboxes,
  });
  const started = await startAppUnderTest(cleanups, { settings, burstMs: 50, soundsFolder: SOUNDS, ...options });
  await eventually(() => started.shell.payloads('counts:changed').at(-1)?.mailboxes.some((m) => m.id === 's1/work' && m.state === 'ok'));
  return started;
}

async function put(server: AppServer, id: string, count: number, messages: Array<ReturnType<typeof message>>) {
  const response = await server.put(id, { count, messages });
  expect(response.status).toBe(200);
}

describe('notifications that stay true', () => {
  it('stays on screen, sounds the mailbox\'s shipped chime, and is withdrawn once its mail is read elsewhere', async () => {
    const server = await countServer();
    const { shell } = await appWith(server, { stayOnScreen: true }, [{ id: 's1/work', sound: 'chime' }]);
    await put(server, 'work', 1, [message('m1', 'Alice Smith <alice@example.com>')]);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications[0]).toMatchObject({ title: 'Alice Smith', silent: true, timeoutType: 'never' });
    expect(shell.played).toEqual([`${SOUNDS}/chime.wav`]);
    expect(shell.closedNotifications).toBe(0);

    // Read in the webmail: the count falls and the message leaves the list.
    await put(server, 'work', 0, []);
    await eventually(() => shell.closedNotifications === 1, 10_000);
    expect(shell.notifications).toHaveLength(1);
  });

  it('without the options: the desktop\'s timeout and the system\'s sound, and no file played', async () => {
    const server = await countServer();
    const { shell } = await appWith(server, {});
    await put(server, 'work', 1, [message('m1', 'Alice Smith <alice@example.com>')]);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications[0]!.silent).toBe(false);
    expect(shell.notifications[0]!.timeoutType).toBeUndefined();
    expect(shell.played).toEqual([]);
  });
});

describe('who notifies', () => {
  it('mail from a sender that never notifies is counted on the badge but not notified; an important one breaks a snooze', async () => {
    const server = await countServer();
    const { app, shell } = await appWith(server, {}, [{
      id: 's1/work', neverSenders: ['lists.example.org'], importantSenders: ['boss@work.example'], importantInQuiet: true,
    }]);
    const newsletter = message('n1', 'News <news@lists.example.org>');
    await put(server, 'work', 1, [newsletter]);
    await eventually(() => shell.badges.at(-1)?.count === 1, 10_000);

    app.setSnooze(Date.now() + 3600_000);
    await put(server, 'work', 2, [message('n2', 'Alice <alice@example.com>'), newsletter]);
    await eventually(() => shell.badges.at(-1)?.count === 2, 10_000);
    await put(server, 'work', 3, [message('b1', 'The Boss <boss@work.example>'), message('n2', 'Alice <alice@example.com>'), newsletter]);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications.map((n) => n.title)).toEqual(['The Boss']);
  });
});

describe('the badge and the tray icon', () => {
  it('can show only the mail new since the window or menu was last opened; the tooltip keeps the whole count', async () => {
    const server = await countServer();
    const { app, shell } = await appWith(server, { badgeShows: 'new-since-seen' });
    await put(server, 'work', 3, []);
    await eventually(() => shell.badges.at(-1)?.count === 3, 10_000);
    app.markSeen();
    expect(shell.badges.at(-1)).toMatchObject({ count: 0, text: '' });
    await put(server, 'work', 5, []);
    await eventually(() => shell.badges.at(-1)?.count === 2, 10_000);
    expect(shell.tray!.tooltip.split('\n')[0]).toBe('Mailtray: 5 unread');
  });

  it('can say no "0" in the tooltip and menu when nothing is unread', async () => {
    const server = await countServer();
    await server.setCount('home', 0);
    const { shell } = await appWith(server, { hideZeroCount: true });
    await eventually(() => shell.tray?.tooltip === 'Mailtray\nWork\nHome', 10_000);
    expect(shell.tray!.menu.filter((item) => item.type === 'item' && ['Work', 'Home'].includes(item.label))).toHaveLength(2);
    await put(server, 'work', 2, []);
    await eventually(() => shell.tray?.tooltip.startsWith('Mailtray: 2 unread\nWork: 2'), 10_000);
  });

  it('the attention cue changes the icon for a moment when new mail is notified, then it is back', async () => {
    const server = await countServer();
    const { shell } = await appWith(server, { attentionCue: true }, [], { cueMs: 400 });
    const png = (isCueing: boolean) => drawTrayIcon({ state: 'live', total: 1, style: 'colour', isCueing }, TRAY_BASE_SIZE);
    expect(png(true).equals(png(false))).toBe(false);
    await put(server, 'work', 1, [message('m1', 'Alice <alice@example.com>')]);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.tray!.images[0]!.png.equals(png(true))).toBe(true);
    await eventually(() => shell.tray!.images[0]!.png.equals(png(false)), 10_000);
  });
});
