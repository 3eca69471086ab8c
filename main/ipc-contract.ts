/**
 * The one typed contract between main and the window (STYLE.md, "One typed
 * IPC contract"). Main implements it, the preload exposes it as
 * `window.mailtray`, and the renderer imports these types and nothing else.
 */
import type { ConnectionStatus } from '../common/connection.ts';
import type { ProviderId } from '../common/mail-providers.ts';
import type { Mailbox } from '../common/protocol.ts';
import type { NotificationDetail } from './notifications/notification-text.ts';

export type { ConnectionState, ConnectionStatus, ServerLabel } from '../common/connection.ts';

export interface MailboxView extends Mailbox {
  /** The mailbox's web address from the settings, when one is set. */
  webUrl?: string;
  /** What its Open button opens: its web address in the browser, or the default mail client; none: no button. */
  opensIn?: 'browser' | 'mail client';
  /** Muted in the settings: counted, never notified. */
  isMuted?: boolean;
  /** Left out of the total in the settings. */
  isLeftOutOfTotal?: boolean;
  /** Its colour from the settings ("#1a73e8"), for its count and the tray icon's dot. */
  colour?: string;
}

/** Which messages to mark read: some by id, or every unseen one of the mailbox. */
export type MarkWhich = { messageIds: string[] } | { all: true };

export type MarkReadResult = { ok: true; marked: number } | { ok: false; message: string };

export interface CountsView {
  total: number;
  mailboxes: MailboxView[];
  /** What the app left out of the server's last answer to stay within its bounds; absent when nothing was. */
  cut?: AnswerCut;
}

/**
 * What was left out of a count server's answer (main/connection/read-answer.ts): mailboxes
 * past the first few hundred, texts past the protocol's lengths, messages past
 * its limit per mailbox. The window says so.
 */
export interface AnswerCut {
  /** How many mailboxes the server sent, and how many of them are shown. */
  mailboxesSent: number;
  mailboxesShown: number;
  /** Names, error sentences, senders and subjects shortened. */
  textsShortened: number;
  /** Messages left out of mailboxes' lists of newest messages. */
  messagesLeftOut: number;
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
  /** The preset the account was made from (common/mail-providers.ts); none or 'other' for a server typed in. */
  provider?: ProviderId;
  /** 'oauth2': signs in in the browser ("Sign in with Google") instead of with a password. */
  signIn?: 'password' | 'oauth2';
  /** The address that signed in, for an OAuth2 account with a saved sign-in. */
  signedInAs?: string;
  /** Advanced: a user's or admin's own OAuth client id, over the one the build brings. */
  oauthClientId?: string;
  /** A PEM file of certificates to trust for this server (a self-signed or company CA). */
  ca?: string;
}

export interface NotificationSettings {
  enabled: boolean;
  sound: boolean;
  /** One summary notification after start or reconnect (off by default). */
  summaryAtStart: boolean;
  /** What a notification shows: sender and subject (the default), sender only, or the count only. */
  detail?: NotificationDetail;
  quietHours: { enabled: boolean; start: string; end: string };
}

/** The tray icon's colours on Windows and Linux (macOS tints its menu bar icons itself). */
export type TrayIconStyle = 'colour' | 'light-panel' | 'dark-panel';

/** One mailbox's settings; a mailbox with none is heard, in the total, without a colour. */
export interface MailboxSettings {
  id: string;
  muted?: boolean;
  /** false: left out of the total. */
  inTotal?: boolean;
  colour?: string;
  /** For a remote server's mailbox (a bundled account has its own). */
  webUrl?: string;
}

export interface SettingsView {
  server: { mode: 'bundled' } | { mode: 'remote'; url: string; hasToken: boolean };
  accounts: AccountView[];
  notifications: NotificationSettings;
  general: { launchAtLogin: boolean; trayIcon: TrayIconStyle };
  /** The mailboxes with settings of their own. */
  mailboxes?: MailboxSettings[];
}

/** An account as the window sends it; `password` left out keeps the saved one, as does `signInId` the saved sign-in. */
export interface AccountInput extends Omit<AccountView, 'hasPassword' | 'signedInAs'> {
  password?: string;
  /** A finished sign-in (account:sign-in) to keep with this account. */
  signInId?: string;
}

/** A browser sign-in's outcome, for the form: an id to save with, never a token. */
export type SignInResult =
  | { ok: true; signInId: string; address: string | undefined; message: string }
  | { ok: false; problem: 'cancelled' | 'timeout' | 'denied' | 'failed' | 'no-client'; message: string };

export type AccountTestProblem = 'auth' | 'consent' | 'dns' | 'refused' | 'certificate' | 'folder' | 'timeout' | 'setup' | 'other';

/** "Test account": one real login and count, in plain words. */
export type AccountTestResult =
  | { ok: true; unseen: number; message: string }
  | { ok: false; problem: AccountTestProblem; message: string };

/** Settings as the window saves them; a `token` left out keeps the saved one. */
export interface SettingsInput {
  server: { mode: 'bundled' } | { mode: 'remote'; url: string; token?: string };
  accounts: AccountInput[];
  notifications: NotificationSettings;
  /** `trayIcon` left out keeps the saved style. */
  general: { launchAtLogin: boolean; trayIcon?: TrayIconStyle };
  /** Left out: the saved ones stay. */
  mailboxes?: MailboxSettings[];
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

/**
 * One channel, as declared below: the name it travels under, and (as a type only, never set) the
 * function main implements or the payload main sends.
 */
interface Channel<Name extends string, Shape> {
  readonly channel: Name;
  readonly shape?: Shape;
}

/** Declares a channel: `channel<() => AppSnapshot>()('state:get')`; curried so the name stays a literal type. */
const channel = <Shape>() => <Name extends string>(name: Name): Channel<Name, Shape> => ({ channel: name });

/**
 * Every renderer -> main invocation, declared once: the window's method name, the channel, and the
 * function main implements. `InvokeChannels` (which main's handlers implement), `MailtrayApi` and
 * the preload's map are all derived from this.
 */
export const invokes = {
  getState: channel<() => AppSnapshot>()('state:get'),
  getSettings: channel<() => SettingsView>()('settings:get'),
  saveSettings: channel<(settings: SettingsInput) => SaveResult>()('settings:save'),
  /** A real request through main; a token left out uses the saved one. */
  testConnection: channel<(server: { url: string; token?: string }) => ConnectionTestResult>()('connection:test'),
  retryNow: channel<() => void>()('connection:retry'),
  /**
   * The window saw its `online` or `offline` event: Electron's main process
   * has no such event. Only a cue: main asks the OS itself.
   */
  networkChanged: channel<() => void>()('network:changed'),
  /** Snooze notifications until a time (ms since the epoch), or end the snooze with null. */
  snooze: channel<(until: number | null) => void>()('snooze:set'),
  openMailbox: channel<(id: string) => void>()('mailbox:open'),
  /** Marks messages read on the server; the lower count arrives with the next answer. */
  markRead: channel<(id: string, which: MarkWhich) => MarkReadResult>()('mailbox:mark-read'),
  /** Opens the provider's sign-in in the system browser and waits for it (at most 5 min). */
  signIn: channel<(request: { provider: ProviderId; clientId?: string; loginHint?: string }) => SignInResult>()('account:sign-in'),
  cancelSignIn: channel<() => void>()('account:sign-in-cancel'),
  /** Signs in and counts with the account as typed, before it is saved. */
  testAccount: channel<(account: AccountInput) => AccountTestResult>()('account:test'),
  /** The OS file chooser, for the account's certificate file; null when cancelled. */
  chooseCertificate: channel<() => string | null>()('account:choose-certificate'),
};

/** Every main -> renderer event, declared once: the window's subscribe method, the channel, its payload. */
export const events = {
  onCounts: channel<CountsView>()('counts:changed'),
  onStatus: channel<AppStatus>()('status:changed'),
  onSettings: channel<SettingsView>()('settings:changed'),
  /** The tray menu's Settings…: the window shows its Settings tab. */
  onShowSettings: channel<null>()('settings:show'),
};

type Invokes = typeof invokes;
type Events = typeof events;
type ShapeOf<C> = C extends Channel<string, infer Shape> ? Shape : never;
type InvokeFunction<M extends keyof Invokes> = ShapeOf<Invokes[M]> extends (...args: infer A) => infer R ? (...args: A) => R : never;

/** renderer -> main invocations: channel name -> the function main implements. */
export type InvokeChannels = { [M in keyof Invokes as Invokes[M]['channel']]: InvokeFunction<M> };

/** main -> renderer events: channel name -> payload. */
export type EventChannels = { [M in keyof Events as Events[M]['channel']]: ShapeOf<Events[M]> };

export type Unsubscribe = () => void;

/** What the preload exposes as `window.mailtray`: each invocation as a promise, each event as a subscription. */
export type MailtrayApi = {
  [M in keyof Invokes]: (...args: Parameters<InvokeFunction<M>>) => Promise<Awaited<ReturnType<InvokeFunction<M>>>>;
} & {
  [M in keyof Events]: (listener: ShapeOf<Events[M]> extends null ? () => void : (payload: ShapeOf<Events[M]>) => void) => Unsubscribe;
};
