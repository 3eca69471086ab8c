import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DND_SETTLE_MS } from '../../main/notifications/dnd-hold.ts';
import { watchLinuxDoNotDisturb } from '../../main/notifications/dnd-linux.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { FakeTimers } from '../helpers/fake-timers.ts';
import { NotificationServerStandIn, PrivateSessionBus } from '../helpers/notification-server.ts';
import { remoteSettings, startAppUnderTest } from './support/app-under-test.ts';

const SOUNDS = '/opt/Mailtray/resources/sounds';
const quiet = { enabled: false, start: '22:00', end: '07:00' };
const message = (id: string) => ({ id, from: 'Alice Smith <alice@example.com>', subject: `About ${id}`, date: '2026-12-05T08:00:00.000Z' });

let bus: PrivateSessionBus;
let server: AppServer;
beforeAll(async () => {
  bus = await PrivateSessionBus.start();
  server = await startAppServer();
});
afterAll(async () => {
  await server.stop();
  await bus.stop();
});
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The app on a real count server, reading Do Not Disturb from a stand-in notification server on a private bus. */
async function appUnderDnd(notifications: Record<string, unknown>) {
  const standIn = await NotificationServerStandIn.start(bus.address);
  cleanups.push(async () => standIn.stop());
  await server.put('work', { count: 0, messages: [] });
  const heard: boolean[] = [];
  const timers = new FakeTimers(Date.parse('2026-12-05T12:00:00Z'));
  const started = await startAppUnderTest(cleanups, {
    settings: remoteSettings(server, {
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: quiet, ...notifications },
      mailboxes: [{ id: 's1/work', sound: 'chime' }],
    }),
    timers,
    soundsFolder: SOUNDS,
    doNotDisturb: (onChange) => watchLinuxDoNotDisturb(bus.address, (isOn) => { heard.push(isOn); onChange(isOn); }),
  });
  const { shell } = started;
  await eventually(() => shell.payloads('counts:changed').at(-1)?.mailboxes.some((m) => m.id === 's1/work' && m.state === 'ok'));
  /** New mail arrives and its burst window passes. */
  const newMail = async (count: number) => {
    await server.put('work', { count, messages: [message(`m${count}`)] });
    await eventually(() => shell.badges.at(-1)?.count === count);
    timers.advance(2000);
  };
  return { ...started, standIn, heard, timers, newMail };
}

describe("the app and the desktop's Do Not Disturb", () => {
  it('holds notifications and the mailbox\'s sound while it is on, then tells once, with the global sound, when it ends', async () => {
    const { shell, standIn, heard, timers, newMail } = await appUnderDnd({});
    standIn.inhibited = true;
    await eventually(() => heard.at(-1) === true);
    await newMail(1);
    await newMail(2);
    expect(shell.notifications).toEqual([]);
    expect(shell.played).toEqual([]);
    // The badge still counts.
    expect(shell.badges.at(-1)?.count).toBe(2);

    standIn.inhibited = false;
    await eventually(() => heard.at(-1) === false);
    timers.advance(DND_SETTLE_MS - 1);
    expect(shell.notifications).toEqual([]);
    timers.advance(1);
    expect(shell.notifications).toHaveLength(1);
    expect(shell.notifications[0]).toMatchObject({ title: '2 new messages while Do Not Disturb was on', body: 'Work 2', silent: false });
    expect(shell.played).toEqual([]);

    // After it, new mail notifies as ever, with its own sound.
    await newMail(3);
    expect(shell.notifications).toHaveLength(2);
    expect(shell.played).toEqual([`${SOUNDS}/chime.wav`]);
  });

  it('with Do Not Disturb not respected, mail notifies while it is on', async () => {
    const { shell, standIn, heard, newMail } = await appUnderDnd({ respectDnd: false });
    standIn.inhibited = true;
    await eventually(() => heard.at(-1) === true);
    await newMail(1);
    expect(shell.notifications).toHaveLength(1);
    expect(shell.played).toEqual([`${SOUNDS}/chime.wav`]);
  });
});
