import type { MailClientFacts } from '../mail-client.ts';
import type { Shell, ShownNotification } from '../shell.ts';

export interface WatchShellOptions {
  platform: NodeJS.Platform;
  /** The terminal's languages (preferred-languages.ts), for the language setting's "System". */
  preferredLanguages: readonly string[];
  /** The counts, the connection or the language changed: paint again. */
  onChange(): void;
  /** A notification the app's policy decided on (only with --notify). */
  notify?(notification: ShownNotification): void;
}

/**
 * The app core's Shell where there is no Electron: no tray, badge or window
 * (the terminal or the bar is the view, painted on each change), no login
 * item, and notifications handed to the desktop's notification service.
 */
export function watchShell(options: WatchShellOptions): Shell {
  const facts: MailClientFacts = { platform: options.platform };
  return {
    platform: options.platform,
    setTray() {},
    setBadge() {},
    showNotification(notification) {
      options.notify?.(notification);
    },
    mailClientFacts: () => Promise.resolve(facts),
    launch() {},
    showWindow() {},
    send(channel) {
      if (channel === 'counts:changed' || channel === 'status:changed' || channel === 'language:changed') options.onChange();
    },
    openExternal() {},
    // The app's own setting; a terminal client never changes what starts at login.
    setLaunchAtLogin() {},
    preferredLanguages: () => options.preferredLanguages,
    chooseFile: () => Promise.resolve(undefined),
    quit() {},
  };
}
