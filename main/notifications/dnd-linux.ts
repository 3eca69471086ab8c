import type * as DBus from '@particle/dbus-next';
import type { DoNotDisturbWatch } from './dnd-watch.ts';

/**
 * Linux: the desktop's Do Not Disturb, read over the session bus from the two
 * places desktops keep it (issue 23; Mattermost reads the second with
 * `gsettings` in its src/main/notifications/dnd-linux.ts):
 * - the notification server's `Inhibited` property (Desktop Notifications
 *   spec 1.2's org.freedesktop.Notifications; KDE Plasma's Do Not Disturb
 *   sets it), with PropertiesChanged when it changes;
 * - GNOME's `show-banners` (org.gnome.desktop.notifications; false while
 *   GNOME's Do Not Disturb is on), read through the XDG desktop portal's
 *   org.freedesktop.portal.Settings (ReadOne, or Read on portals before
 *   version 2) with SettingChanged, so the same code works inside a Flatpak,
 *   where GSettings of the host cannot be read.
 * Do Not Disturb is on when either says so. Whatever cannot be read (no
 * notification server yet, no portal, a portal without GNOME's settings)
 * counts as "not on": notifications then behave as before.
 */
export const NOTIFICATIONS = { name: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications' } as const;
export const PORTAL = { name: 'org.freedesktop.portal.Desktop', path: '/org/freedesktop/portal/desktop', iface: 'org.freedesktop.portal.Settings' } as const;
export const GNOME_NOTIFICATIONS = { namespace: 'org.gnome.desktop.notifications', key: 'show-banners' } as const;

const PROPERTIES = 'org.freedesktop.DBus.Properties';
const BUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' } as const;

/** What the desktop said; Do Not Disturb is on when the notification server inhibits or GNOME shows no banners. */
export interface DoNotDisturbFacts {
  inhibited: boolean;
  showBanners: boolean;
}

export function isDoNotDisturb(facts: DoNotDisturbFacts): boolean {
  return facts.inhibited || !facts.showBanners;
}

// Signals reach a connection only when it asks for them; arg0 keeps out every other service's.
const MATCHES = [
  `type='signal',interface='${PROPERTIES}',member='PropertiesChanged',path='${NOTIFICATIONS.path}',arg0='${NOTIFICATIONS.name}'`,
  `type='signal',interface='${PORTAL.iface}',member='SettingChanged',path='${PORTAL.path}',arg0='${GNOME_NOTIFICATIONS.namespace}'`,
  ...[NOTIFICATIONS.name, PORTAL.name].map((name) => `type='signal',sender='${BUS.destination}',interface='${BUS.interface}',member='NameOwnerChanged',arg0='${name}'`),
];

/**
 * Watches Do Not Disturb on the session bus at `address`; `onChange(isOn)` is
 * called when it differs from what was told before (first from "off"). `ready`
 * resolves once both places were read (or found unreadable).
 */
export function watchLinuxDoNotDisturb(address: string, onChange: (isOn: boolean) => void): DoNotDisturbWatch {
  const facts: DoNotDisturbFacts = { inhibited: false, showBanners: true };
  // Who owns each name: a signal counts only from the service itself, not from any client on the bus.
  const owners = new Map<string, string>();
  // A signal heard while the first read was under way is newer than that read's answer.
  const heard = new Set<keyof DoNotDisturbFacts>();
  let told = false;
  let isStopped = false;
  let bus: DBus.MessageBus | undefined;
  const tell = () => {
    const isOn = isDoNotDisturb(facts);
    if (isOn === told || isStopped) return;
    told = isOn;
    onChange(isOn);
  };

  const ready = (async () => {
    const dbus = await loadDbus();
    bus = dbus.sessionBus({ busAddress: address });
    // A bus that cannot be reached or goes away ends the watch quietly (its calls would wait for ever);
    // without a listener the error would end the process.
    const failed = new Promise<never>((_resolve, reject) => bus!.on('error', reject));
    failed.catch(() => {});
    const connected = bus;
    const call = (message: ConstructorParameters<typeof dbus.Message>[0]) => connected.call(new dbus.Message(message));
    const ownerOf = async (name: string) => {
      const reply = await call({ ...BUS, member: 'GetNameOwner', signature: 's', body: [name] }).catch(() => undefined);
      owners.set(name, String(reply?.body[0] ?? ''));
    };
    const readInhibited = async () => {
      await ownerOf(NOTIFICATIONS.name);
      // No server running: nothing inhibits (and asking would start one by D-Bus activation).
      if (owners.get(NOTIFICATIONS.name) === '') return false;
      const reply = await call({
        destination: NOTIFICATIONS.name, path: NOTIFICATIONS.path, interface: PROPERTIES, member: 'Get', signature: 'ss', body: [NOTIFICATIONS.name, 'Inhibited'],
      }).catch(() => undefined);
      // Servers before spec 1.2 (dunst, mako, GNOME Shell) have no such property: they never say "inhibited".
      return unwrap(reply?.body[0]) === true;
    };
    const readShowBanners = async () => {
      const args = { destination: PORTAL.name, path: PORTAL.path, interface: PORTAL.iface, signature: 'ss', body: [GNOME_NOTIFICATIONS.namespace, GNOME_NOTIFICATIONS.key] };
      // ReadOne since portal version 2; Read (the value wrapped twice) before it.
      const reply = await call({ ...args, member: 'ReadOne' }).catch(() => call({ ...args, member: 'Read' })).catch(() => undefined);
      await ownerOf(PORTAL.name);
      return unwrap(reply?.body[0]) !== false;
    };

    connected.on('message', (message: DBus.Message) => {
      if (message.member === 'NameOwnerChanged' && message.sender === BUS.destination) {
        const [name, , newOwner] = message.body as [string, string, string];
        owners.set(name, newOwner);
        // A restarted notification server starts with nothing inhibited until it says otherwise.
        if (name === NOTIFICATIONS.name) void readInhibited().then((inhibited) => { facts.inhibited = inhibited; tell(); });
        return;
      }
      if (message.member === 'PropertiesChanged' && message.path === NOTIFICATIONS.path && message.sender === owners.get(NOTIFICATIONS.name)) {
        const [iface, changed, invalidated] = message.body as [string, Record<string, DBus.Variant>, string[]];
        if (iface !== NOTIFICATIONS.name) return;
        if ('Inhibited' in changed) {
          heard.add('inhibited');
          facts.inhibited = unwrap(changed.Inhibited) === true;
          tell();
        } else if (invalidated.includes('Inhibited')) {
          void readInhibited().then((inhibited) => { facts.inhibited = inhibited; tell(); });
        }
        return;
      }
      if (message.member === 'SettingChanged' && message.path === PORTAL.path && message.sender === owners.get(PORTAL.name)) {
        const [namespace, key, value] = message.body as [string, string, DBus.Variant];
        if (namespace !== GNOME_NOTIFICATIONS.namespace || key !== GNOME_NOTIFICATIONS.key) return;
        heard.add('showBanners');
        facts.showBanners = unwrap(value) !== false;
        tell();
      }
    });
    const [inhibited, showBanners] = await Promise.race([failed, (async () => {
      await Promise.all(MATCHES.map((rule) => call({ ...BUS, member: 'AddMatch', signature: 's', body: [rule] }).catch(() => {})));
      return Promise.all([readInhibited(), readShowBanners()]);
    })()]);
    if (!heard.has('inhibited')) facts.inhibited = inhibited;
    if (!heard.has('showBanners')) facts.showBanners = showBanners;
    tell();
    if (isStopped) connected.disconnect();
  })().catch(() => {
    bus?.disconnect();
  });

  return {
    ready,
    stop() {
      isStopped = true;
      bus?.disconnect();
    },
  };
}

/** A variant's value; the portal's Read wraps it twice. */
function unwrap(value: unknown): unknown {
  let inner = value;
  for (let depth = 0; depth < 4 && isVariant(inner); depth += 1) inner = inner.value;
  return inner;
}

function isVariant(value: unknown): value is { signature: string; value: unknown } {
  return typeof value === 'object' && value !== null && 'signature' in value && 'value' in value;
}

// Loaded on the first use: loading D-Bus costs a tenth of a second at start, and only Linux needs it.
async function loadDbus(): Promise<typeof DBus> {
  const module = await import('@particle/dbus-next');
  return ((module as { default?: typeof DBus }).default ?? module) as typeof DBus;
}
