import { existsSync } from 'node:fs';
import axios from 'axios';
import { translatorFor } from '../../common/i18n/translator.ts';
import { realTimers, type Timers } from '../../common/timers.ts';
import type { SpawnServer } from '../bundled/bundled-server-supervisor.ts';
import { nodeSpawner } from '../bundled/node-spawner.ts';
import { countsClient } from '../connection/counts-client.ts';
import type { AppSnapshot } from '../ipc-contract.ts';
import { MailtrayApp } from '../mailtray-app.ts';
import { watchLinuxDoNotDisturb } from '../notifications/dnd-linux.ts';
import { sessionBusAddress, type DoNotDisturbWatch } from '../notifications/dnd-watch.ts';
import type { Settings } from '../settings/settings.ts';
import type { ShownNotification } from '../shell.ts';
import { desktopNotifications, type DesktopNotifications } from './desktop-notifications.ts';
import { fileSecrets } from './file-secrets.ts';
import { LiveScreen, liveViewLines } from './live-view.ts';
import { openUrl } from './open-url.ts';
import { preferredLanguagesOf } from './preferred-languages.ts';
import { defaultAppSettings, readAppSettings, SettingsFileError, withRemoteServer } from './read-only-settings.ts';
import { appSettingsPath } from './settings-path.ts';
import { parseWatchArgs, watchUsage, type WatchOptions } from './watch-args.ts';
import { formatLine } from './watch-formats.ts';
import { watchShell } from './watch-shell.ts';

/** `--once`'s exit codes (docs/watch.md). */
export const exitCodes = { unread: 0, none: 1, unreachable: 2, usage: 64 } as const;

// --once waits this long for mailboxes still pending (an IMAP login under way) before printing what it has.
const ONCE_PENDING_MS = 15_000;

/** The terminal (or bar) `mailtray watch` writes to. */
export interface WatchOutput {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  on?(event: 'resize' | 'error', listener: (error?: NodeJS.ErrnoException) => void): unknown;
}

export interface WatchIo {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  stdout: WatchOutput;
  stderr: { write(text: string): unknown };
  timers?: Timers;
  spawnServer?: SpawnServer;
  /** Calls `stop` on SIGINT and SIGTERM (the CLI); tests stop it through the returned handle. */
  onStopSignal?(stop: () => void): void;
  /** The notification service; by default the session bus of DBUS_SESSION_BUS_ADDRESS. */
  notifications?: (address: string) => DesktopNotifications;
  /** Reads the desktop's Do Not Disturb on that bus; by default over D-Bus (dnd-linux.ts). */
  doNotDisturb?: (address: string, onChange: (isOn: boolean) => void) => DoNotDisturbWatch;
  /** Opens a mailbox's web address (a click on a notification); by default the system's opener (open-url.ts). */
  openExternal?: (url: string) => void;
}

export interface RunningWatch {
  /** Resolves with the exit code once it is done (`--once`, a usage error, or stop()). */
  done: Promise<number>;
  stop(): void;
}

/** `mailtray watch ARGS`: runs until `--once` has its answer, or until stopped. */
export function runWatch(args: readonly string[], io: WatchIo): RunningWatch {
  const parsed = parseWatchArgs(args, io.env);
  if (parsed.kind === 'help') {
    io.stdout.write(`${watchUsage}\n`);
    return { done: Promise.resolve(0), stop() {} };
  }
  if (parsed.kind === 'usage-error') return refuse(io, parsed.message);
  const { options } = parsed;
  let settings: Settings;
  try {
    settings = settingsFor(options, io);
  } catch (error) {
    if (error instanceof SettingsFileError) return refuse(io, error.message);
    throw error;
  }
  // A followed server whose saved token this process cannot open (more than one server, issue 22: each is checked).
  const opened = settings.remoteServers();
  const sealed = settings.stored.servers.remotes.find((r) => r.enabled && r.token !== '' && !opened.find((o) => o.key === r.key)?.endpoint.token);
  if (sealed) {
    return refuse(io, `the app's token for ${sealed.url} is sealed by this desktop's key store, which mailtray watch cannot open: pass --server URL --token TOKEN (or MAILTRAY_TOKEN)`);
  }
  return watch(options, settings, io);
}

function refuse(io: WatchIo, message: string): RunningWatch {
  io.stderr.write(`mailtray watch: ${message}\n(mailtray watch --help says more)\n`);
  return { done: Promise.resolve(exitCodes.usage), stop() {} };
}

/** The app's settings, read only; with --server, its server replaced by the one given (the rest, such as the language and the notification rules, stays the app's). */
function settingsFor(options: WatchOptions, io: WatchIo): Settings {
  const secrets = fileSecrets(io.platform);
  const path = options.settingsFile ?? appSettingsPath(io.platform, io.env, io.home);
  if (!options.server) return readAppSettings(path, secrets);
  let settings: Settings;
  if (options.settingsFile !== undefined || existsSync(path)) {
    try {
      settings = readAppSettings(path, secrets);
    } catch (error) {
      if (options.settingsFile !== undefined || !(error instanceof SettingsFileError)) throw error;
      io.stderr.write(`mailtray watch: ${error.message}; going on with the default notification settings\n`);
      settings = defaultAppSettings(secrets);
    }
  } else {
    settings = defaultAppSettings(secrets);
  }
  return withRemoteServer(settings, secrets, options.server.url, options.server.token);
}

function watch(options: WatchOptions, settings: Settings, io: WatchIo): RunningWatch {
  const timers = io.timers ?? realTimers;
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => { finish = resolve; });
  let isDone = false;
  let notifications: DesktopNotifications | undefined;
  let hasSaidNotifyFailed = false;
  // --notify holds its notifications while the desktop's Do Not Disturb is on, as the app does (on the same bus).
  let address: string | undefined;

  if (options.notify) {
    address = sessionBusAddress(io.env);
    if (address === undefined) {
      io.stderr.write('mailtray watch: --notify needs a D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set); counting goes on without notifications\n');
    } else {
      notifications = (io.notifications ?? desktopNotifications)(address);
    }
  }
  const notify = (notification: ShownNotification, onClick: () => void) => {
    notifications?.show(notification, onClick).catch((error: unknown) => {
      if (hasSaidNotifyFailed) return;
      hasSaidNotifyFailed = true;
      io.stderr.write(`mailtray watch: the desktop's notification service did not take a notification (${(error as Error).message})\n`);
    });
  };

  const isLiveView = options.format === 'text' && !options.isOnce && io.stdout.isTTY === true;
  const screen = isLiveView ? new LiveScreen((text) => io.stdout.write(text)) : undefined;
  let lastLine: string | undefined;
  let isPaintQueued = false;
  let pendingDeadline: number | undefined;

  const paint = () => {
    isPaintQueued = false;
    if (isDone) return;
    const snapshot = app.snapshot();
    const words = translatorFor(snapshot.language.chosen);
    const now = timers.now();
    if (options.isOnce) {
      const code = onceOutcome(snapshot, now);
      if (code === undefined) return;
      io.stdout.write(`${formatLine(options.format, snapshot, now, words, true)}\n`);
      void end(code);
      return;
    }
    if (screen) {
      screen.paint(liveViewLines(snapshot, now, words, Math.max(20, io.stdout.columns ?? 80)));
      return;
    }
    const line = formatLine(options.format, snapshot, now, words, false);
    if (line === lastLine) return;
    lastLine = line;
    io.stdout.write(`${line}\n`);
  };
  // The app tells the counts and the connection apart: one change is painted once.
  const queuePaint = () => {
    if (isPaintQueued) return;
    isPaintQueued = true;
    queueMicrotask(paint);
  };

  /** --once: the exit code once the state is known, or undefined to wait for more. */
  const onceOutcome = ({ counts, status }: AppSnapshot, now: number): number | undefined => {
    const { state } = status.connection;
    const servers = status.servers ?? [];
    if (servers.length > 1) {
      // Several servers (issue 22): each has its say first; then those that answered are printed, the others named.
      if (servers.some((server) => server.connection.state === 'connecting')) return undefined;
      if (state !== 'live' && state !== 'partial') return exitCodes.unreachable;
    } else {
      if (state === 'retrying' || state === 'auth-failed' || state === 'offline') return exitCodes.unreachable;
      if (state !== 'live' || status.countsConfirmedAt === null) return undefined;
    }
    if (counts.mailboxes.some((m) => m.state === 'pending')) {
      if (pendingDeadline === undefined) {
        pendingDeadline = now + ONCE_PENDING_MS;
        timers.after(ONCE_PENDING_MS, queuePaint);
      }
      if (now < pendingDeadline) return undefined;
    }
    return counts.total > 0 ? exitCodes.unread : exitCodes.none;
  };

  const app = new MailtrayApp({
    shell: watchShell({
      platform: io.platform, preferredLanguages: preferredLanguagesOf(io.env), onChange: queuePaint, notify,
      openExternal: io.openExternal ?? ((url) => openUrl(url, io.platform)),
    }),
    settings,
    requestCounts: countsClient(axios.create()),
    spawnServer: io.spawnServer ?? nodeSpawner(),
    timers,
    ...(address === undefined ? {} : { doNotDisturb: (onChange: (isOn: boolean) => void) => (io.doNotDisturb ?? watchLinuxDoNotDisturb)(address!, onChange) }),
    // Off unless asked: the desktop app, reading the same settings, may run the hook already.
    runsHooks: options.hooks,
    hookEnvironment: io.env,
    log: (line) => io.stderr.write(`${line}\n`),
  });

  const end = async (code: number) => {
    if (isDone) return;
    isDone = true;
    await app.stop();
    notifications?.close();
    finish(code);
  };
  // A bar that went away closes the pipe: that ends the watch, quietly.
  io.stdout.on?.('error', () => void end(0));
  if (screen) io.stdout.on?.('resize', queuePaint);
  io.onStopSignal?.(() => void end(0));
  app.start();
  return { done, stop: () => void end(0) };
}
