import dbus from '@particle/dbus-next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDoNotDisturb, watchLinuxDoNotDisturb } from '../../../main/notifications/dnd-linux.ts';
import type { DoNotDisturbWatch } from '../../../main/notifications/dnd-watch.ts';
import { eventually } from '../../helpers/eventually.ts';
import { NotificationServerStandIn, PrivateSessionBus } from '../../helpers/notification-server.ts';
import { PortalSettingsStandIn } from '../../helpers/portal-settings.ts';

const GNOME = 'org.gnome.desktop.notifications';
const banners = (shown: boolean) => ({ [GNOME]: { 'show-banners': new dbus.Variant('b', shown) } });

it.each([
  { inhibited: false, showBanners: true, isOn: false },
  { inhibited: true, showBanners: true, isOn: true },
  { inhibited: false, showBanners: false, isOn: true },
  { inhibited: true, showBanners: false, isOn: true },
])('inhibited $inhibited, GNOME shows banners $showBanners -> Do Not Disturb $isOn', ({ inhibited, showBanners, isOn }) => {
  expect(isDoNotDisturb({ inhibited, showBanners })).toBe(isOn);
});

it('a session bus that is not there leaves Do Not Disturb off, quietly', async () => {
  const heard: boolean[] = [];
  const watch = watchLinuxDoNotDisturb('unix:path=/nonexistent/mailtray-test-bus', (isOn) => heard.push(isOn));
  await watch.ready;
  watch.stop();
  expect(heard).toEqual([]);
});

// A private session bus (a real dbus-daemon): the stand-ins own the desktop's names there, and nothing reaches the tester's desktop.
describe('reading Do Not Disturb on a private D-Bus session bus', () => {
  let bus: PrivateSessionBus;
  const running: Array<{ stop(): void }> = [];
  beforeAll(async () => { bus = await PrivateSessionBus.start(); });
  afterAll(async () => { await bus.stop(); });
  afterEach(() => {
    for (const thing of running.splice(0)) thing.stop();
  });

  async function watchIt(): Promise<{ heard: boolean[]; watch: DoNotDisturbWatch }> {
    const heard: boolean[] = [];
    const watch = watchLinuxDoNotDisturb(bus.address, (isOn) => heard.push(isOn));
    running.push(watch);
    await watch.ready;
    return { heard, watch };
  }
  const notificationServer = async (inhibited = false) => {
    const standIn = await NotificationServerStandIn.start(bus.address, { inhibited });
    running.push(standIn);
    return standIn;
  };
  const portal = async (options: Parameters<typeof PortalSettingsStandIn.start>[1]) => {
    const standIn = await PortalSettingsStandIn.start(bus.address, options);
    running.push(standIn);
    return standIn;
  };

  it('with no notification server and no portal it is off, and says nothing', async () => {
    const { heard } = await watchIt();
    expect(heard).toEqual([]);
  });

  it("follows the notification server's Inhibited property as it changes", async () => {
    const server = await notificationServer(false);
    const { heard } = await watchIt();
    expect(heard).toEqual([]);
    server.inhibited = true;
    await eventually(() => heard.length === 1);
    server.inhibited = false;
    await eventually(() => heard.length === 2);
    expect(heard).toEqual([true, false]);
  });

  it('a notification server already inhibiting at start is on at once', async () => {
    await notificationServer(true);
    const { heard } = await watchIt();
    expect(heard).toEqual([true]);
  });

  it("follows GNOME's show-banners through the portal's ReadOne and SettingChanged", async () => {
    const settings = await portal({ settings: banners(true) });
    const { heard } = await watchIt();
    expect(settings.calls).toEqual([`ReadOne ${GNOME} show-banners`]);
    settings.set(GNOME, 'show-banners', new dbus.Variant('b', false));
    await eventually(() => heard.length === 1);
    // Another GNOME setting of the same namespace is not Do Not Disturb.
    settings.set(GNOME, 'show-in-lock-screen', new dbus.Variant('b', false));
    settings.set(GNOME, 'show-banners', new dbus.Variant('b', true));
    await eventually(() => heard.length === 2);
    expect(heard).toEqual([true, false]);
  });

  it('a portal before version 2 is read with Read, whose answer is wrapped twice', async () => {
    const settings = await portal({ version: 1, settings: banners(false) });
    const { heard } = await watchIt();
    expect(settings.calls).toEqual([`ReadOne ${GNOME} show-banners`, `Read ${GNOME} show-banners`]);
    expect(heard).toEqual([true]);
  });

  it('a portal without GNOME settings (another desktop) leaves it to the notification server', async () => {
    await portal({ settings: {} });
    const server = await notificationServer(false);
    const { heard } = await watchIt();
    expect(heard).toEqual([]);
    server.inhibited = true;
    await eventually(() => heard.length === 1);
  });

  it('either one on is on: it ends only when both say so', async () => {
    const settings = await portal({ settings: banners(false) });
    const server = await notificationServer(true);
    const { heard } = await watchIt();
    expect(heard).toEqual([true]);
    server.inhibited = false;
    // Nothing to tell yet: banners are still off. The next change shows the signal above was heard and changed nothing.
    settings.set(GNOME, 'show-banners', new dbus.Variant('b', true));
    await eventually(() => heard.length === 2);
    expect(heard).toEqual([true, false]);
  });

  it('a PropertiesChanged from another client than the notification server is not believed', async () => {
    await notificationServer(false);
    const settings = await portal({ settings: banners(true) });
    const { heard } = await watchIt();
    const impostor = dbus.sessionBus({ busAddress: bus.address });
    impostor.on('error', () => {});
    running.push({ stop: () => impostor.disconnect() });
    impostor.send(new dbus.Message({
      type: dbus.MessageType.SIGNAL, path: '/org/freedesktop/Notifications', interface: 'org.freedesktop.DBus.Properties',
      member: 'PropertiesChanged', signature: 'sa{sv}as', body: ['org.freedesktop.Notifications', { Inhibited: new dbus.Variant('b', true) }, []],
    }));
    // A call's answer comes after the bus has passed on everything this client sent before it.
    await impostor.call(new dbus.Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'GetId' }));
    // Had the impostor been believed, Do Not Disturb would be on already and stay on when GNOME's banners come back.
    settings.set(GNOME, 'show-banners', new dbus.Variant('b', false));
    settings.set(GNOME, 'show-banners', new dbus.Variant('b', true));
    await eventually(() => heard.length === 2);
    expect(heard).toEqual([true, false]);
  });

  it('a notification server that goes away while inhibiting ends it; a new one is read again', async () => {
    const first = await notificationServer(true);
    const { heard } = await watchIt();
    expect(heard).toEqual([true]);
    first.stop();
    await eventually(() => heard.length === 2);
    await notificationServer(true);
    await eventually(() => heard.length === 3);
    expect(heard).toEqual([true, false, true]);
  });

  it('stopped, it hears nothing more', async () => {
    const server = await notificationServer(false);
    const { heard, watch } = await watchIt();
    watch.stop();
    // A second watch hears the change: it went out on the bus.
    const second = await watchIt();
    server.inhibited = true;
    await eventually(() => second.heard.length === 1);
    expect(heard).toEqual([]);
  });
});
