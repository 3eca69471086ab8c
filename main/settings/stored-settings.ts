import type { LanguageChoice } from '../../common/i18n/languages.ts';
import type { AccountView, HookSettings, MailboxSettings, NotificationSettings, TrayIconStyle, UpdateSettings } from '../ipc-contract.ts';

/** The settings file's layout version; bump it with a step in migrate.ts. */
export const SETTINGS_VERSION = 5;

/** A secret as it sits in the file: sealed by the OS key store (see secrets.ts), or "" for none. */
export type SealedSecret = string;

/** A browser sign-in kept with its account: the client it was made with (a refresh token is bound to it), sealed secrets. */
export interface StoredSignIn {
  clientId: string;
  clientSecret?: SealedSecret;
  refreshToken: SealedSecret;
  address?: string;
}

/** An account as the window sees it, with the sealed password (or sign-in) in place of whether one is set. */
export interface StoredAccount extends Omit<AccountView, 'hasPassword' | 'signedInAs'> {
  password: SealedSecret;
  oauth?: StoredSignIn;
}

/** One mailbox's settings as stored; left out means the default. */
export type StoredMailboxPrefs = MailboxSettings;

/** A remote count server the app follows (issue 22). */
export interface StoredRemoteServer {
  /** Made by main when the server is added (`s1`, `s2`...), never reused while the server stays: its mailboxes' ids start with it. */
  key: string;
  name: string;
  url: string;
  token: SealedSecret;
  /** Switched off: kept with its token, not polled. */
  enabled: boolean;
}

/** The servers the app follows: the bundled one (the accounts) and any number of remote ones, each polled on its own. */
export interface StoredServers {
  bundled: { enabled: boolean };
  remotes: StoredRemoteServer[];
}

/** The settings file (electron-store), version 5. */
export interface StoredSettings {
  version: number;
  /** Since version 5; version 4 had one `server` (bundled or remote), which migrate.ts turns into this. */
  servers: StoredServers;
  accounts: StoredAccount[];
  notifications: NotificationSettings;
  /** `trayIcon` is missing in files from before it was added: 'colour'. `language` since version 2. `shortcut`: none when missing or "". */
  general: { launchAtLogin: boolean; trayIcon?: TrayIconStyle; language: LanguageChoice; shortcut?: string };
  /** Per mailbox: what differs from the defaults (heard, in the total, no colour). */
  mailboxes?: StoredMailboxPrefs[];
  /** Update checks and downloads (issue 23); missing in files from before them: `defaultUpdateSettings`. */
  updates?: UpdateSettings;
  /** The new-mail hook (issue 23); missing: off. */
  hooks?: HookSettings;
  /** Notifications are snoozed until then (ms since the epoch); kept here so a restart keeps the snooze. */
  snoozedUntil?: number;
  /** What an older file held that could not be carried over, in words for Settings; cleared by the next save. */
  migrationProblems?: string[];
}

export const defaultNotifications: NotificationSettings = {
  enabled: true,
  sound: true,
  summaryAtStart: false,
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
  ...notificationOptionDefaults(),
};

/** The notification options of version 3 (issue 23), all off: notifications behave as before them. */
export function notificationOptionDefaults(): Required<Pick<NotificationSettings,
  'stayOnScreen' | 'reminderMinutes' | 'badgeShows' | 'hideZeroCount' | 'attentionCue'>> {
  return { stayOnScreen: false, reminderMinutes: 0, badgeShows: 'unread', hideZeroCount: false, attentionCue: false };
}

export function defaultSettings(): StoredSettings {
  return {
    version: SETTINGS_VERSION,
    servers: { bundled: { enabled: true }, remotes: [] },
    accounts: [],
    notifications: structuredClone(defaultNotifications),
    general: { launchAtLogin: false, language: 'system' },
  };
}
