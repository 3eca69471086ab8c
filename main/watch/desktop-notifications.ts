import type * as DBus from '@particle/dbus-next';
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
  /**
   * Shows it in place of the one shown before (the app shows one at a time too);
   * resolves with the server's id. `onClick`: the person clicked it (the spec's
   * "default" action, which servers invoke on a click on the notification itself).
   */
  show(notification: ShownNotification, onClick?: () => void): Promise<number>;
  close(): void;
}

// The spec's key for a click on the notification body; its label is not shown by most servers.
const DEFAULT_ACTION = 'default';
const ACTION_INVOKED = `type='signal',interface='${NOTIFICATIONS_NAME}',member='ActionInvoked'`;

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
  let lastId = 0;
  const clicks = new Map<number, () => void>();
  // A click read in the same chunk from the bus as Notify's reply is handled before show() has the id: kept until it has.
  let earlyClick: number | undefined;
  // Loaded on the first use: only --notify needs D-Bus, and loading it costs a tenth of a second at start.
  const connection = import('@particle/dbus-next').then((module) => {
    const dbus = ((module as { default?: typeof DBus }).default ?? module) as typeof DBus;
    const bus = dbus.sessionBus({ busAddress: address });
    // A bus that goes away is reported by the next show(); without a listener the error would end the process.
    bus.on('error', () => {});
    // ActionInvoked(id, key) is a signal: the bus sends it only to those who asked for it.
    bus.call(new dbus.Message({
      destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus',
      member: 'AddMatch', signature: 's', body: [ACTION_INVOKED],
    })).catch(() => {});
    bus.on('message', (message: DBus.Message) => {
      if (message.interface !== NOTIFICATIONS_NAME || message.member !== 'ActionInvoked') return;
      const [id, key] = message.body as [number, string];
      if (key !== DEFAULT_ACTION) return;
      const onClick = clicks.get(Number(id));
      if (onClick) onClick();
      else earlyClick = Number(id);
    });
    return { dbus, bus };
  });
  return {
    async show(notification, onClick) {
      const { dbus, bus } = await connection;
      const hints: Record<string, DBus.Variant> = {
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
        body: [appName, lastId, '', notification.title, notification.body, onClick ? [DEFAULT_ACTION, openLabel(notification)] : [], hints, SERVER_DEFAULT_TIMEOUT],
      }));
      const id = Number(reply?.body[0] ?? 0);
      lastId = id;
      // Only the notification on screen can be clicked: it replaced the one before.
      clicks.clear();
      if (onClick) clicks.set(id, onClick);
      const isClicked = earlyClick === id;
      earlyClick = undefined;
      if (isClicked) onClick?.();
      return id;
    },
    close() {
      void connection.then(({ bus }) => bus.disconnect(), () => {});
    },
  };
}

/** The app's own "Open" words for the action, in the notification's language. */
function openLabel(notification: ShownNotification): string {
  return notification.actions.find((action) => action.kind === 'open')?.label ?? 'Open';
}
