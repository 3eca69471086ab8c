import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dbus from '@particle/dbus-next';

/**
 * A D-Bus session bus of a test's own (dbus-daemon on a socket in a temp
 * folder, stopped by its pid), so nothing reaches the desktop of whoever runs
 * the tests. `address` is what DBUS_SESSION_BUS_ADDRESS would say.
 */
export class PrivateSessionBus {
  readonly address: string;
  readonly #daemon: ChildProcess;
  readonly #dir: string;

  private constructor(address: string, daemon: ChildProcess, dir: string) {
    this.address = address;
    this.#daemon = daemon;
    this.#dir = dir;
  }

  static async start(): Promise<PrivateSessionBus> {
    const dir = await mkdtemp(join(tmpdir(), 'mailtray-bus-'));
    const address = `unix:path=${join(dir, 'bus')}`;
    const daemon = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
    // It prints its address once it listens.
    await new Promise((resolve, reject) => {
      daemon.stdout!.once('data', resolve);
      daemon.once('error', reject);
      daemon.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
    });
    return new PrivateSessionBus(address, daemon, dir);
  }

  async stop(): Promise<void> {
    if (this.#daemon.exitCode === null) {
      const exited = new Promise((resolve) => this.#daemon.once('exit', resolve));
      this.#daemon.kill();
      await exited;
    }
    await rm(this.#dir, { recursive: true, force: true });
  }
}

/** One Notify call as the stand-in received it, hints unwrapped from their variants. */
export interface NotifyCall {
  appName: string;
  replacesId: number;
  appIcon: string;
  summary: string;
  body: string;
  actions: string[];
  hints: Record<string, unknown>;
  expireTimeout: number;
}

/**
 * A stand-in for the desktop's notification server (GNOME Shell, Plasma, dunst...):
 * org.freedesktop.Notifications on /org/freedesktop/Notifications, answering as the
 * Desktop Notifications spec 1.2 says (Notify returns a new id, or the id it
 * replaced; GetCapabilities lists body and body-markup, as those servers do) and
 * recording every Notify in `calls`. `inhibited` is the `Inhibited` property
 * (org.freedesktop.Notifications 1.2+, KDE and GNOME's Do Not Disturb), with
 * PropertiesChanged sent when a test sets it.
 */
export class NotificationServerStandIn {
  readonly calls: NotifyCall[] = [];
  readonly closed: number[] = [];
  readonly #bus: dbus.MessageBus;
  readonly #iface: NotificationsInterface;

  private constructor(bus: dbus.MessageBus, iface: NotificationsInterface) {
    this.#bus = bus;
    this.#iface = iface;
  }

  static async start(address: string, options: { inhibited?: boolean } = {}): Promise<NotificationServerStandIn> {
    const bus = dbus.sessionBus({ busAddress: address });
    bus.on('error', () => {});
    const iface = new NotificationsInterface();
    iface.inhibited = options.inhibited ?? false;
    const standIn = new NotificationServerStandIn(bus, iface);
    iface.onNotify = (call) => standIn.calls.push(call);
    iface.onClose = (id) => standIn.closed.push(id);
    bus.export('/org/freedesktop/Notifications', iface);
    const reply = await bus.requestName('org.freedesktop.Notifications', dbus.NameFlag.DO_NOT_QUEUE);
    if (reply !== dbus.RequestNameReply.PRIMARY_OWNER) throw new Error(`could not own org.freedesktop.Notifications (reply ${reply})`);
    return standIn;
  }

  get inhibited(): boolean {
    return this.#iface.inhibited;
  }

  set inhibited(value: boolean) {
    this.#iface.inhibited = value;
    dbus.interface.Interface.emitPropertiesChanged(this.#iface, { Inhibited: value }, []);
  }

  stop(): void {
    this.#bus.disconnect();
  }
}

class NotificationsInterface extends dbus.interface.Interface {
  inhibited = false;
  #nextId = 1;
  onNotify: (call: NotifyCall) => void = () => {};
  onClose: (id: number) => void = () => {};

  constructor() {
    super('org.freedesktop.Notifications');
  }

  get Inhibited(): boolean {
    return this.inhibited;
  }

  Notify(appName: string, replacesId: number, appIcon: string, summary: string, body: string, actions: string[],
    hints: Record<string, dbus.Variant>, expireTimeout: number): number {
    const unwrapped = Object.fromEntries(Object.entries(hints).map(([key, variant]) => [key, variant.value as unknown]));
    this.onNotify({ appName, replacesId, appIcon, summary, body, actions, hints: unwrapped, expireTimeout });
    return replacesId !== 0 ? replacesId : this.#nextId++;
  }

  CloseNotification(id: number): void {
    this.onClose(id);
  }

  GetCapabilities(): string[] {
    return ['body', 'body-markup', 'actions', 'persistence'];
  }

  GetServerInformation(): [string, string, string, string] {
    return ['mailtray-test-stand-in', 'mailtray', '1.0', '1.2'];
  }
}

NotificationsInterface.configureMembers({
  properties: { Inhibited: { signature: 'b', access: 'read' } },
  methods: {
    Notify: { inSignature: 'susssasa{sv}i', outSignature: 'u' },
    CloseNotification: { inSignature: 'u' },
    GetCapabilities: { outSignature: 'as' },
    GetServerInformation: { outSignature: 'ssss' },
  },
});
