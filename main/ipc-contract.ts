/**
 * The one typed contract between main and the window (STYLE.md, "One typed
 * IPC contract"). Main implements it, the preload exposes it as
 * `window.mailtray`, and the renderer imports these types and nothing else.
 */
import type { ConnectionStatus } from '../common/connection.ts';
import type { Mailbox } from '../common/protocol.ts';

export type { ConnectionState, ConnectionStatus, ServerLabel } from '../common/connection.ts';

export interface MailboxView extends Mailbox {
  /** The mailbox's web address from the settings, when one is set. */
  webUrl?: string;
}

export interface CountsView {
  total: number;
  mailboxes: MailboxView[];
}

export interface AppStatus {
  connection: ConnectionStatus;
  /**
   * Things the user should know that have no field of their own, in words (no
   * OS key store). An insecure server is `connection.server.isInsecure`, which
   * the window words itself: one warning, not two.
   */
  warnings: string[];
  /** Notifications are snoozed until this time (ms since the epoch), or null. */
  snoozedUntil: number | null;
  /**
   * When the server last vouched for the counts (ms since the epoch): its last
   * answer, or the moment the connection stopped being live, whichever is
   * later; null before any answer. Shown only while not live.
   */
  countsConfirmedAt: number | null;
}

export interface AppSnapshot {
  counts: CountsView;
  status: AppStatus;
}

export type ImapSecurity = 'tls' | 'starttls';

/** An IMAP account as the window sees it: the password never comes back, only whether one is set. */
export interface AccountView {
  id: string;
  name: string;
  host: string;
  port: number;
  security: ImapSecurity;
  user: string;
  hasPassword: boolean;
  folder: string;
  webUrl?: string;
}

export interface NotificationSettings {
  enabled: boolean;
  sound: boolean;
  /** One summary notification after start or reconnect (off by default). */
  summaryAtStart: boolean;
  quietHours: { enabled: boolean; start: string; end: string };
}

/** The tray icon's colours on Windows and Linux (macOS tints its menu bar icons itself). */
export type TrayIconStyle = 'colour' | 'light-panel' | 'dark-panel';

export interface SettingsView {
  server: { mode: 'bundled' } | { mode: 'remote'; url: string; hasToken: boolean };
  accounts: AccountView[];
  notifications: NotificationSettings;
  general: { launchAtLogin: boolean; trayIcon: TrayIconStyle };
}

/** An account as the window sends it; `password` left out keeps the saved one. */
export interface AccountInput extends Omit<AccountView, 'hasPassword'> {
  password?: string;
}

/** Settings as the window saves them; a `token` left out keeps the saved one. */
export interface SettingsInput {
  server: { mode: 'bundled' } | { mode: 'remote'; url: string; token?: string };
  accounts: AccountInput[];
  notifications: NotificationSettings;
  /** `trayIcon` left out keeps the saved style. */
  general: { launchAtLogin: boolean; trayIcon?: TrayIconStyle };
}

/** A problem with one field, `field` being a path like "server.url" or "accounts.1.port". */
export interface FieldError {
  field: string;
  message: string;
}

export type SaveResult = { ok: true; settings: SettingsView } | { ok: false; errors: FieldError[] };

export type ConnectionTestProblem =
  | 'invalid-url' | 'no-token' | 'dns' | 'refused' | 'tls' | 'plain-http' | 'auth' | 'not-mailtray' | 'timeout' | 'other';

/**
 * A connection test's outcome: the window words the headline from `problem`;
 * `message` is only what adds to it (the server's own words, an HTTP status),
 * or empty.
 */
export type ConnectionTestResult =
  | { ok: true; mailboxes: number; message: string }
  | { ok: false; problem: ConnectionTestProblem; message: string };

/** renderer -> main invocations: channel name -> the function main implements. */
export interface InvokeChannels {
  'state:get': () => AppSnapshot;
  'settings:get': () => SettingsView;
  'settings:save': (settings: SettingsInput) => SaveResult;
  /** A real request through main; a token left out uses the saved one. */
  'connection:test': (server: { url: string; token?: string }) => ConnectionTestResult;
  'connection:retry': () => void;
  /** Snooze notifications until a time (ms since the epoch), or end the snooze with null. */
  'snooze:set': (until: number | null) => void;
  'mailbox:open': (id: string) => void;
}

/** main -> renderer events: channel name -> payload. */
export interface EventChannels {
  'counts:changed': CountsView;
  'status:changed': AppStatus;
  'settings:changed': SettingsView;
  /** The tray menu's Settings…: the window shows its Settings tab. */
  'settings:show': null;
}

export type Unsubscribe = () => void;

/** What the preload exposes as `window.mailtray`. */
export interface MailtrayApi {
  getState(): Promise<AppSnapshot>;
  getSettings(): Promise<SettingsView>;
  saveSettings(settings: SettingsInput): Promise<SaveResult>;
  testConnection(server: { url: string; token?: string }): Promise<ConnectionTestResult>;
  retryNow(): Promise<void>;
  snooze(until: number | null): Promise<void>;
  openMailbox(id: string): Promise<void>;
  onCounts(listener: (counts: CountsView) => void): Unsubscribe;
  onStatus(listener: (status: AppStatus) => void): Unsubscribe;
  onSettings(listener: (settings: SettingsView) => void): Unsubscribe;
  onShowSettings(listener: () => void): Unsubscribe;
}
