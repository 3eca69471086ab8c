import type { MailClientFacts } from '../mail-client.ts';
import type { Shell, ShownNotification } from '../shell.ts';

export interface WatchShellOptions {
  platform: NodeJS.Platform;
  /** The terminal's languages (preferred-languages.ts), for the language setting's "System". */
  preferredLanguages: readonly string[];
  /** The counts, the connection or the language changed: paint again. */
  onChange(): void;
  /** A notification the app's policy decided on (only with --notify); `onClick` opens what the app would. */
  notify?(notification: ShownNotification, onClick: () => void): void;
  /** Opens an http(s): or mailto: address from the settings (a mailbox's web address) in the person's browser. */
  openExternal?(url: string): void;
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
    showNotification(notification, onClick) {
      options.notify?.(notification, onClick);
    },
    // A terminal client plays no sound of its own and does not yet take a shown notification back (issue 23's rules are the app's).
    closeNotification() {},
    playSound() {},
    mailClientFacts: () => Promise.resolve(facts),
    launch() {},
    showWindow() {},
    send(channel) {
      if (channel === 'counts:changed' || channel === 'status:changed' || channel === 'language:changed') options.onChange();
    },
    openExternal: (url) => options.openExternal?.(url),
    // The app's own setting; a terminal client never changes what starts at login.
    setLaunchAtLogin() {},
    preferredLanguages: () => options.preferredLanguages,
    chooseFile: () => Promise.resolve(undefined),
    // The terminal client is whatever the user installed it with (npm, a package): it never updates itself.
    updaterSeat: () => ({ kind: 'not-installed', version: '0.0.0' }),
    quit() {},
  };
}
