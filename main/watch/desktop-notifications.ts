import dbus from '@particle/dbus-next';
import type { ShownNotification } from '../shell.ts';

/**
 * The freedesktop notification service (Desktop Notifications spec 1.2) on
 * the session bus: `org.freedesktop.Notifications.Notify` on
 * `/org/freedesktop/Notifications`. GNOME Shell, KDE Plasma, dunst, mako and
 * xfce4-notifyd all answer it; it is what libnotify (and so Electron's
 * Notification on Linux) calls.
 */
export const NOTIFICATIONS_NAME = 'org.freedesktop.Notifications';
export const NOTIFICATIONS_PATH = '/org/freedesktop/Notifications';

export interface DesktopNotifications {
  /** Shows it in place of the one shown before (the app shows one at a time too); resolves with the server's id. */
  show(notification: ShownNotification): Promise<number>;
  close(): void;
}

// The app's desktop entry (electron-builder's linux.executableName): servers take its icon and settings from it.
const DESKTOP_ENTRY = 'mailtray';
// -1: the server's own timeout, as the app's notifications have.
const SERVER_DEFAULT_TIMEOUT = -1;

/**
 * Connects to the session bus at `address` (the environment's
 * DBUS_SESSION_BUS_ADDRESS). The body is already escaped for body markup
 * (notification-markup.ts, as the app does for Linux); the summary is plain
 * text. Failures reject `show`; the caller says so once and goes on counting.
 */
export function desktopNotifications(address: string, appName = 'Mailtray'): DesktopNotifications {
  const bus = dbus.sessionBus({ busAddress: address });
  // A bus that goes away is reported by the next show(); without a listener the error would end the process.
  bus.on('error', () => {});
  let lastId = 0;
  return {
    async show(notification) {
      const hints: Record<string, dbus.Variant> = {
        category: new dbus.Variant('s', 'email.arrived'),
        'desktop-entry': new dbus.Variant('s', DESKTOP_ENTRY),
      };
      if (notification.silent) hints['suppress-sound'] = new dbus.Variant('b', true);
      const reply = await bus.call(new dbus.Message({
        destination: NOTIFICATIONS_NAME,
        path: NOTIFICATIONS_PATH,
        interface: NOTIFICATIONS_NAME,
        member: 'Notify',
        signature: 'susssasa{sv}i',
        body: [appName, lastId, '', notification.title, notification.body, [], hints, SERVER_DEFAULT_TIMEOUT],
      }));
      const id = Number(reply?.body[0] ?? 0);
      lastId = id;
      return id;
    },
    close() {
      bus.disconnect();
    },
  };
}
