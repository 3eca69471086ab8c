import dbus from '@particle/dbus-next';

/**
 * A stand-in for the XDG desktop portal's Settings interface
 * (org.freedesktop.portal.Settings on org.freedesktop.portal.Desktop,
 * /org/freedesktop/portal/desktop), as xdg-desktop-portal answers it:
 * `ReadOne(namespace, key)` returns the value in a variant (version 2 on),
 * the older `Read` returns it wrapped twice, an unknown setting is the
 * org.freedesktop.portal.Error.NotFound error, and `set` sends
 * SettingChanged(namespace, key, value) as the portal does when GSettings
 * change. `version: 1` answers as portals before ReadOne did. Every call is
 * recorded in `calls`.
 */
export class PortalSettingsStandIn {
  readonly calls: string[] = [];
  readonly #bus: dbus.MessageBus;
  readonly #iface: SettingsInterface;

  private constructor(bus: dbus.MessageBus, iface: SettingsInterface) {
    this.#bus = bus;
    this.#iface = iface;
  }

  static async start(address: string, options: { version?: 1 | 2; settings?: Record<string, Record<string, dbus.Variant>> } = {}): Promise<PortalSettingsStandIn> {
    const bus = dbus.sessionBus({ busAddress: address });
    bus.on('error', () => {});
    const iface = new SettingsInterface(options.version ?? 2);
    for (const [namespace, values] of Object.entries(options.settings ?? {})) {
      for (const [key, value] of Object.entries(values)) iface.values.set(`${namespace}\n${key}`, value);
    }
    const standIn = new PortalSettingsStandIn(bus, iface);
    iface.onCall = (call) => standIn.calls.push(call);
    bus.export('/org/freedesktop/portal/desktop', iface);
    const reply = await bus.requestName('org.freedesktop.portal.Desktop', dbus.NameFlag.DO_NOT_QUEUE);
    if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) throw new Error(`could not own org.freedesktop.portal.Desktop (reply ${reply})`);
    return standIn;
  }

  /** A setting changes (as `gsettings set` would on the desktop): SettingChanged goes out. */
  set(namespace: string, key: string, value: dbus.Variant): void {
    this.#iface.values.set(`${namespace}\n${key}`, value);
    this.#iface.SettingChanged(namespace, key, value);
  }

  stop(): void {
    this.#bus.disconnect();
  }
}

class SettingsInterface extends dbus.interface.Interface {
  readonly values = new Map<string, dbus.Variant>();
  readonly #version: number;
  onCall: (call: string) => void = () => {};

  constructor(version: number) {
    super('org.freedesktop.portal.Settings');
    this.#version = version;
  }

  get version(): number {
    return this.#version;
  }

  ReadOne(namespace: string, key: string): dbus.Variant {
    this.onCall(`ReadOne ${namespace} ${key}`);
    if (this.#version < 2) throw new dbus.DBusError('org.freedesktop.DBus.Error.UnknownMethod', 'No such method "ReadOne"');
    return this.#value(namespace, key);
  }

  Read(namespace: string, key: string): dbus.Variant {
    this.onCall(`Read ${namespace} ${key}`);
    return new dbus.Variant('v', this.#value(namespace, key));
  }

  /** A signal: calling it sends it. */
  SettingChanged(namespace: string, key: string, value: dbus.Variant): [string, string, dbus.Variant] {
    return [namespace, key, value];
  }

  #value(namespace: string, key: string): dbus.Variant {
    const value = this.values.get(`${namespace}\n${key}`);
    if (!value) throw new dbus.DBusError('org.freedesktop.portal.Error.NotFound', 'Requested setting not found');
    return value;
  }
}

SettingsInterface.configureMembers({
  properties: { version: { signature: 'u', access: 'read' } },
  methods: {
    ReadOne: { inSignature: 'ss', outSignature: 'v' },
    Read: { inSignature: 'ss', outSignature: 'v' },
  },
  signals: { SettingChanged: { signature: 'ssv' } },
});
