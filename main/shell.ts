import type { EventChannels } from './ipc-contract.ts';
import type { MailClientFacts, OpenPlan } from './mail-client.ts';
import type { PlannedNotification } from './notifications/notification-policy.ts';
import type { SnoozeChoice } from '../common/snooze.ts';
import type { UpdaterSeat } from './updates/update-engine.ts';

/** What a tray menu row does when clicked. */
export type MenuAction =
  | { type: 'open' }
  | { type: 'settings' }
  /** Check now / Retry: a poll at once, even after a refused token. */
  | { type: 'retry' }
  | { type: 'mailbox'; id: string }
  | { type: 'snooze'; choice: SnoozeChoice }
  /** Download the newer version (issue 23); installed at the restart. */
  | { type: 'update-download' }
  /** Install the downloaded version now: the app restarts. */
  | { type: 'update-install' }
  | { type: 'quit' };

export type MenuItemView =
  | { type: 'separator' }
  | { type: 'item'; label: string; action?: MenuAction; enabled: boolean; submenu?: MenuItemView[] };

/** One resolution of an image: the PNG and the screen scale it is for (1, 2, 4). */
export interface ImageRepresentation {
  scaleFactor: number;
  png: Buffer;
}

export interface TrayView {
  images: ImageRepresentation[];
  /** macOS menu bar: black-and-alpha images the OS tints for light and dark bars. */
  isTemplate: boolean;
  tooltip: string;
  /** macOS: the text beside the icon; empty elsewhere. */
  title: string;
  menu: MenuItemView[];
}

export interface BadgeView {
  /** macOS dock badge / Linux `app.setBadgeCount`; 0 clears it. */
  count: number;
  text: string;
  /** Windows taskbar overlay, or undefined to clear it. */
  overlay: { images: ImageRepresentation[]; description: string } | undefined;
}

/** Its `body` is as the platform reads it: on Linux, markup (`notificationForPlatform` escapes it). */
export interface ShownNotification extends PlannedNotification {
  /** No sound of the notification's own: none was chosen, or the app plays its own (`Shell.playSound`). */
  silent: boolean;
  /** 'never': it stays on screen until dismissed (Electron's `timeoutType`; Linux and Windows); missing: the desktop's timeout. */
  timeoutType?: 'never';
}

/**
 * Everything the app asks of Electron, in the app's words. The Electron
 * adapter (main/electron/electron-shell.ts) translates each call; tests pass a
 * fake that records them.
 */
export interface Shell {
  readonly platform: NodeJS.Platform;
  setTray(view: TrayView): void;
  setBadge(badge: BadgeView): void;
  /**
   * Shows a notification in place of the one shown before, if any. Its
   * actions become buttons where the platform has them (macOS, Windows);
   * `onAction` gets the index of the one pressed.
   */
  showNotification(notification: ShownNotification, onClick: () => void, onAction?: (index: number) => void): void;
  /** Takes the notification shown last off the screen and out of the notification centre; nothing when none is. */
  closeNotification(): void;
  /** Plays a sound file once, as `playCommand` says for the platform; a file that cannot be played is skipped quietly. */
  playSound(path: string): void;
  /** What the system says about its default mail client, for `chooseOpener`. */
  mailClientFacts(): Promise<MailClientFacts>;
  /** Starts the mail client as planned; only ever a plan made by `chooseOpener`. */
  launch(plan: Extract<OpenPlan, { kind: 'command' | 'app' }>): void;
  showWindow(): void;
  send<K extends keyof EventChannels>(channel: K, payload: EventChannels[K]): void;
  /** Only ever called with an http(s): or mailto: address from the settings. */
  openExternal(url: string): void;
  setLaunchAtLogin(enabled: boolean): void;
  /**
   * The system's preferred languages, most preferred first, as BCP 47 tags
   * (`['ko-KR', 'en-US']`), for the language setting's "System" choice.
   */
  preferredLanguages(): readonly string[];
  /** The OS's file chooser for one existing file; undefined when the user cancels. */
  chooseFile(options: { title: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<string | undefined>;
  /**
   * Who updates this copy and what electron-updater works with (main/updates/update-engine.ts):
   * in Electron its own app adapter and `net`; in tests a stand-in app and Node's http.
   */
  updaterSeat(): UpdaterSeat;
  quit(): void;
}
