import type { EventChannels } from '../../../main/ipc-contract.ts';
import type { MailClientFacts, OpenPlan } from '../../../main/mail-client.ts';
import type { BadgeView, Shell, ShownNotification, TrayView } from '../../../main/shell.ts';
import type { UpdaterSeat } from '../../../main/updates/update-engine.ts';

type Sent = { [K in keyof EventChannels]: { channel: K; payload: EventChannels[K] } }[keyof EventChannels];

/** The one fake Electron shell: it does nothing and records everything it was asked to do. */
export class FakeShell implements Shell {
  readonly platform: NodeJS.Platform;
  readonly trays: TrayView[] = [];
  readonly badges: BadgeView[] = [];
  readonly notifications: Array<ShownNotification & { click: () => void; act: (index: number) => void }> = [];
  /** How many times the notification on screen was taken away (withdrawn). */
  closedNotifications = 0;
  /** The sound files played, in order. */
  readonly played: string[] = [];
  readonly launched: Array<Extract<OpenPlan, { kind: 'command' | 'app' }>> = [];
  /** What mailClientFacts answers; a test sets it to stand for a machine with a mail client. */
  facts: MailClientFacts;
  readonly sent: Sent[] = [];
  readonly opened: string[] = [];
  readonly launchAtLogin: boolean[] = [];
  readonly fileChoices: Array<{ title: string }> = [];
  /** What the next chooseFile answers, as if the user picked it (undefined: cancelled). */
  chosenFile: string | undefined;
  /** What preferredLanguages answers: the system's languages, most preferred first; a test sets it to stand for another system. */
  systemLanguages: string[] = ['en-US'];
  windowShown = 0;
  quitCalls = 0;
  /** What updaterSeat answers: a copy run from the source tree unless a test gives a stand-in app (test/helpers/update-feed.ts). */
  seat: UpdaterSeat = { kind: 'not-installed', version: '0.1.0' };

  constructor(platform: NodeJS.Platform = 'linux') {
    this.platform = platform;
    this.facts = { platform };
  }

  setTray(view: TrayView): void {
    this.trays.push(view);
  }

  setBadge(badge: BadgeView): void {
    this.badges.push(badge);
  }

  showNotification(notification: ShownNotification, onClick: () => void, onAction: (index: number) => void = () => {}): void {
    this.notifications.push({ ...notification, click: onClick, act: onAction });
  }

  closeNotification(): void {
    this.closedNotifications += 1;
  }

  playSound(path: string): void {
    this.played.push(path);
  }

  async mailClientFacts(): Promise<MailClientFacts> {
    return this.facts;
  }

  launch(plan: Extract<OpenPlan, { kind: 'command' | 'app' }>): void {
    this.launched.push(plan);
  }

  showWindow(): void {
    this.windowShown += 1;
  }

  send<K extends keyof EventChannels>(channel: K, payload: EventChannels[K]): void {
    this.sent.push({ channel, payload } as Sent);
  }

  openExternal(url: string): void {
    this.opened.push(url);
  }

  setLaunchAtLogin(enabled: boolean): void {
    this.launchAtLogin.push(enabled);
  }

  preferredLanguages(): readonly string[] {
    return this.systemLanguages;
  }

  async chooseFile(options: { title: string }): Promise<string | undefined> {
    this.fileChoices.push({ title: options.title });
    return this.chosenFile;
  }

  updaterSeat(): UpdaterSeat {
    return this.seat;
  }

  quit(): void {
    this.quitCalls += 1;
  }

  get tray(): TrayView | undefined {
    return this.trays.at(-1);
  }

  /** The payloads sent on one channel, in order. */
  payloads<K extends keyof EventChannels>(channel: K): Array<EventChannels[K]> {
    return this.sent.filter((s) => s.channel === channel).map((s) => s.payload as EventChannels[K]);
  }
}
