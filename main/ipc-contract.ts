/**
 * The one typed contract between main and the window (STYLE.md, "One typed
 * IPC contract"). Main implements it, the preload exposes it as
 * `window.mailtray`, and the renderer imports these types and nothing else.
 */
import type { ProviderId } from '../common/mail-providers.ts';
import type { AppSnapshot, AppStatus, CountsView, LanguageView, MarkReadResult, MarkWhich } from './ipc-snapshot.ts';
import type {
  AccountInput, AccountTestResult, ConnectionTestResult, FolderListResult, SaveResult, SettingsInput, SettingsView, SignInResult, SoundChoice,
} from './ipc-settings.ts';

export type { ConnectionState, ConnectionStatus, ServerLabel } from '../common/connection.ts';
// The window imports every type it needs from this one file (test/renderer/renderer-boundaries.test.ts).
export type * from './ipc-snapshot.ts';
export type * from './ipc-settings.ts';
export type * from './ipc-updates.ts';

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
  /** A real request through main; a token left out uses the one saved for that server (`key`) when it is for the same address. */
  testConnection: channel<(server: { url: string; token?: string; key?: string }) => ConnectionTestResult>()('connection:test'),
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
  /** Lists the account's folders (as typed, before it is saved) for the folder picker. */
  listFolders: channel<(account: AccountInput) => FolderListResult>()('account:folders'),
  /** The OS file chooser, for the account's certificate file; null when cancelled. */
  chooseCertificate: channel<() => string | null>()('account:choose-certificate'),
  /** Plays a mailbox's sound as chosen in the form, before it is saved (Settings, "Mailboxes"). */
  previewSound: channel<(choice: { sound: SoundChoice; soundFile?: string }) => void>()('sound:preview'),
  /** The OS file chooser, for a mailbox's sound file; null when cancelled. */
  chooseSoundFile: channel<() => string | null>()('sound:choose-file'),
  /** Downloads the newer version `status.update` names; it is installed at the restart (issue 23). */
  downloadUpdate: channel<() => void>()('update:download'),
  /** Installs the downloaded version now: the app quits and the new one starts. */
  installUpdate: channel<() => void>()('update:install'),
};

/** Every main -> renderer event, declared once: the window's subscribe method, the channel, its payload. */
export const events = {
  onCounts: channel<CountsView>()('counts:changed'),
  onStatus: channel<AppStatus>()('status:changed'),
  onSettings: channel<SettingsView>()('settings:changed'),
  /** The language changed (saved in the settings): the window speaks the new one at once. */
  onLanguage: channel<LanguageView>()('language:changed'),
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
