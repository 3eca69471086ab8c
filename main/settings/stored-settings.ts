import type { AccountView, NotificationSettings, TrayIconStyle } from '../ipc-contract.ts';

/** The settings file's layout version; bump it with a step in migrate.ts. */
export const SETTINGS_VERSION = 1;

/** A secret as it sits in the file: sealed by the OS key store (see secrets.ts), or "" for none. */
export type SealedSecret = string;

/** An account as the window sees it, with the sealed password in place of whether one is set. */
export interface StoredAccount extends Omit<AccountView, 'hasPassword'> {
  password: SealedSecret;
}

/** The settings file (electron-store), version 1. */
export interface StoredSettings {
  version: number;
  server: { mode: 'bundled' | 'remote'; url: string; token: SealedSecret };
  accounts: StoredAccount[];
  notifications: NotificationSettings;
  /** `trayIcon` is missing in files from before it was added: 'colour'. */
  general: { launchAtLogin: boolean; trayIcon?: TrayIconStyle };
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
};

export function defaultSettings(): StoredSettings {
  return {
    version: SETTINGS_VERSION,
    server: { mode: 'bundled', url: '', token: '' },
    accounts: [],
    notifications: structuredClone(defaultNotifications),
    general: { launchAtLogin: false },
  };
}
