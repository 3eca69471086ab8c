/**
 * The settings as the window sees and sends them, and the outcomes of the
 * form's sign-in and tests: part of the IPC contract, re-exported by ipc-contract.ts.
 */
import type { FolderChoiceKind, ServerFolder } from '../common/folder-choice.ts';
import type { LanguageChoice } from '../common/i18n/languages.ts';
import type { Words } from '../common/i18n/translator.ts';
import type { CountFilter } from '../common/count-filter.ts';
import type { AccountProtocol, ProviderId } from '../common/mail-providers.ts';
import type { NotificationDetail } from './notifications/notification-text.ts';
import type { UpdateSettings } from './ipc-updates.ts';

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
  /** The folders counted together as the account's one mailbox (common/folder-choice.ts), as the server names them. */
  folders: string[];
  /** How they were chosen: Inbox only, every folder but Sent, Drafts, Junk and Trash (a rule), or by hand. */
  folderChoice: FolderChoiceKind;
  /** Every folder the server had when the choice was saved, so the picker can offer a new one; none for a file from before. */
  knownFolders?: string[];
  webUrl?: string;
  /** The preset the account was made from (common/mail-providers.ts); none or 'other' for a server typed in. */
  provider?: ProviderId;
  /** How its mail is read; left out: IMAP. 'graph' (Microsoft 365 through Microsoft Graph) has no host, port or security to set. */
  protocol?: AccountProtocol;
  /** 'oauth2': signs in in the browser ("Sign in with Google") instead of with a password. */
  signIn?: 'password' | 'oauth2';
  /** The address that signed in, for an OAuth2 account with a saved sign-in. */
  signedInAs?: string;
  /** Advanced: a user's or admin's own OAuth client id, over the one the build brings. */
  oauthClientId?: string;
  /** A PEM file of certificates to trust for this server (a self-signed or company CA). */
  ca?: string;
  /** Which unread messages count (docs/sources.md, "What counts: filters"); all of them without one. */
  countFilter?: CountFilter;
}

export interface NotificationSettings {
  enabled: boolean;
  sound: boolean;
  /** One summary notification after start or reconnect (off by default). */
  summaryAtStart: boolean;
  /** What a notification shows: sender and subject (the default), sender only, or the count only. */
  detail?: NotificationDetail;
  quietHours: { enabled: boolean; start: string; end: string };
  /** Notifications stay on screen until dismissed (Electron's timeoutType 'never'); off: the desktop's timeout. */
  stayOnScreen?: boolean;
  /** A reminder of what is unread ("7 unread in Work") every this many minutes; 0 or missing: none. */
  reminderMinutes?: number;
  /** What the tray's count and badge show: all unread (the default), or only what came since the window or menu was last opened. */
  badgeShows?: BadgeShows;
  /** No count on the tray icon, dock or taskbar when nothing is unread: the tooltip and menu leave out "0" too. */
  hideZeroCount?: boolean;
  /** The tray icon changes for a few seconds when a notification of new mail is shown. */
  attentionCue?: boolean;
  /** Hold notifications and sounds while the desktop's Do Not Disturb is on (read on Linux); missing: on. */
  respectDnd?: boolean;
  /** When Do Not Disturb ends, one notification says what arrived meanwhile; missing: on. */
  tellAfterDnd?: boolean;
}

export type BadgeShows = 'unread' | 'new-since-seen';

/** A mailbox's sound: as the global switch says, none, the system's, one shipped with the app, or a file the user chose. */
export type SoundChoice = 'default' | 'none' | 'system' | 'chime' | 'bell' | 'drop' | 'file';

/** When a mailbox may notify: on these days (0 Sunday to 6 Saturday), from `start` to `end` (`HH:MM`). */
export interface WeekSchedule {
  days: number[];
  start: string;
  end: string;
}

/** Per-mailbox notification rules (issue 23); missing fields mean: as the global settings say. */
export interface MailboxRules {
  sound?: SoundChoice;
  /** The file for sound 'file' (a whole path). */
  soundFile?: string;
  schedule?: WeekSchedule;
  /** Addresses or domains that notify at any hour of the schedule. */
  importantSenders?: string[];
  /** Important senders notify in quiet hours and a snooze too. */
  importantInQuiet?: boolean;
  /** Addresses or domains whose mail is counted but never notified. */
  neverSenders?: string[];
}

/** The tray icon's colours on Windows and Linux (macOS tints its menu bar icons itself). */
export type TrayIconStyle = 'colour' | 'light-panel' | 'dark-panel';

/** One mailbox's settings; a mailbox with none is heard, in the total, without a colour. */
export interface MailboxSettings extends MailboxRules {
  id: string;
  muted?: boolean;
  /** false: left out of the total. */
  inTotal?: boolean;
  colour?: string;
  /** For a remote server's mailbox (a bundled account has its own). */
  webUrl?: string;
}

/**
 * The program run on new mail (issue 23; docs/user-guide.md, "Hooks"): never
 * through a shell, its arguments passed as they are, what it sees in
 * MAILTRAY_* environment variables.
 */
export interface HookSettings {
  /** Off by default; the rest is kept while it is off. */
  enabled: boolean;
  /** A whole path to the program ("" while none is chosen). */
  program: string;
  args: string[];
  /** Whose new mail runs it: every mailbox's, or only these mailboxes'. */
  mailboxes: 'all' | string[];
  /** It is killed after this many seconds. */
  timeoutSeconds: number;
}

/** General settings; `shortcut` is the global shortcut that opens the window (Electron's accelerator syntax), "" or missing for none. */
export interface GeneralSettings {
  launchAtLogin: boolean;
  trayIcon: TrayIconStyle;
  language: LanguageChoice;
  shortcut?: string;
}

/** A remote server as the window sees it: the token never comes back, only whether one is saved. */
export interface RemoteServerView {
  key: string;
  name: string;
  url: string;
  hasToken: boolean;
  enabled: boolean;
}

/** The servers the app follows (issue 22): the bundled one (the accounts) on or off, and the remote ones. */
export interface ServersView {
  bundled: { enabled: boolean };
  remotes: RemoteServerView[];
}

/** A remote server as the window sends it: no `key` for a new one; a `token` left out keeps the saved one. */
export interface RemoteServerInput {
  key?: string;
  /** Empty or left out: named after its host. */
  name?: string;
  url: string;
  token?: string;
  enabled: boolean;
}

export interface SettingsView {
  servers: ServersView;
  accounts: AccountView[];
  notifications: NotificationSettings;
  general: GeneralSettings;
  /** The mailboxes with settings of their own. */
  mailboxes?: MailboxSettings[];
  /** The new-mail hook; missing in files from before it: off. */
  hooks?: HookSettings;
  /** Update checks and downloads (issue 23); always there from main. */
  updates?: UpdateSettings;
}

/** An account as the window sends it; `password` left out keeps the saved one, as does `signInId` the saved sign-in. */
export interface AccountInput extends Omit<AccountView, 'hasPassword' | 'signedInAs'> {
  password?: string;
  /** A finished sign-in (account:sign-in) to keep with this account. */
  signInId?: string;
}

/**
 * A browser sign-in's outcome, for the form: an id to save with, never a token.
 * Main's texts for the window are `Words`: the window says them in its language.
 */
export type SignInResult =
  | { ok: true; signInId: string; address: string | undefined; message: Words }
  | { ok: false; problem: 'cancelled' | 'timeout' | 'denied' | 'failed' | 'no-client'; message: Words };

export type AccountTestProblem = 'auth' | 'consent' | 'dns' | 'refused' | 'certificate' | 'folder' | 'timeout' | 'setup' | 'other';

/** "Test account": one real login and count, in plain words. */
export type AccountTestResult =
  | { ok: true; unseen: number; message: Words; hasGmailTabs?: boolean }
  | { ok: false; problem: AccountTestProblem; message: Words };

/** The account's folders for the picker: listed when the account is opened or tested. */
export type FolderListResult =
  | { ok: true; folders: ServerFolder[] }
  | { ok: false; problem: AccountTestProblem; message: Words };

/** Settings as the window saves them; a remote server's `token` left out keeps the saved one. */
export interface SettingsInput {
  /** The whole list: a remote server left out is removed, with its token and its mailboxes' settings. */
  servers: { bundled: { enabled: boolean }; remotes: RemoteServerInput[] };
  accounts: AccountInput[];
  notifications: NotificationSettings;
  /** `trayIcon` left out keeps the saved style, `language` the saved language, `shortcut` the saved shortcut. */
  general: { launchAtLogin: boolean; trayIcon?: TrayIconStyle; language?: LanguageChoice; shortcut?: string };
  /** Left out: the saved ones stay. */
  mailboxes?: MailboxSettings[];
  /** Left out: the saved hook stays. */
  hooks?: HookSettings;
  /** Left out: the saved ones stay. */
  updates?: UpdateSettings;
}

/** A problem with one field, `field` being a path like "servers.remotes.0.url" or "accounts.1.port". */
export interface FieldError {
  field: string;
  message: Words;
}

export type SaveResult = { ok: true; settings: SettingsView } | { ok: false; errors: FieldError[] };

export type ConnectionTestProblem =
  | 'invalid-url' | 'no-token' | 'dns' | 'refused' | 'tls' | 'plain-http' | 'auth' | 'not-mailtray' | 'timeout' | 'other';

/**
 * A connection test's outcome: the window words the headline from `problem`;
 * `message` is only what adds to it (which TLS problem, the server's own
 * words, an HTTP status), left out when nothing does.
 */
export type ConnectionTestResult =
  | { ok: true; mailboxes: number }
  | { ok: false; problem: ConnectionTestProblem; message?: Words };
