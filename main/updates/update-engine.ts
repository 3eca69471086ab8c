/**
 * electron-updater, in the app's words: check, download, install. Its
 * updaters take an `AppAdapter` (the app's version, paths, quit and relaunch)
 * and an HTTP executor; the shell hands both over (`Shell.updaterSeat`), so in
 * Electron they are Electron's own (ElectronAppAdapter, `net` with the system's
 * proxy) and in tests a stand-in app and Node's http against a feed on
 * 127.0.0.1. electron-updater requires `electron` only inside those defaults,
 * so this file runs in Node. The feed is what electron-builder wrote into
 * `app-update.yml` from `publish` in electron-builder.yml.
 */
import { AppImageUpdater, DebUpdater, MacUpdater, NsisUpdater, type AppUpdater, type Logger } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { PackageKind } from './update-policy.ts';

export type { AppAdapter };

/** What the shell gives the updater: how this copy was installed, and the app and HTTP client electron-updater works with. */
export interface UpdaterSeat {
  readonly kind: PackageKind;
  /** electron-updater's view of the app; left out: Electron's own (`ElectronAppAdapter`). */
  readonly app?: AppAdapter;
  /** builder-util-runtime's `HttpExecutor`; left out: Electron's `net` (through the system's proxy). */
  readonly http?: unknown;
  /** Where electron-updater writes what it did; left out: nothing. */
  readonly logger?: Logger;
}

/** Why a check or a download failed, as the policy tells them apart. */
export type UpdateFailure = 'checksum' | 'unreachable';

export class UpdateError extends Error {
  readonly failure: UpdateFailure;

  constructor(failure: UpdateFailure, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.failure = failure;
  }
}

export interface UpdateEngine {
  /** The newer version the feed names, or undefined when this one is the newest. Throws an `UpdateError`. */
  check(): Promise<string | undefined>;
  /** Downloads the version `check` found and checks its sha512; installed when the app quits. Throws an `UpdateError`. */
  download(onPercent: (percent: number) => void): Promise<void>;
  /** Installs the downloaded version now and starts it (the app quits). */
  installAndRestart(): void;
}

/** electron-updater's checksum refusal (builder-util-runtime's DigestTransform). */
const CHECKSUM_CODES = new Set(['ERR_CHECKSUM_MISMATCH']);

function failureOf(error: unknown): UpdateFailure {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CHECKSUM_CODES.has(code) ? 'checksum' : 'unreachable';
}

const silent: Logger = { info() {}, warn() {}, error() {} };

/** The updater electron-updater has for this kind; undefined for a copy nobody installed. */
function updaterFor(seat: UpdaterSeat): AppUpdater | undefined {
  switch (seat.kind) {
    case 'appimage': return new AppImageUpdater(undefined, seat.app);
    case 'nsis': return new NsisUpdater(undefined, seat.app);
    case 'mac': return new MacUpdater(undefined, seat.app);
    // Only reads the feed: a system package is the package manager's to update (update-policy.ts, canInstall).
    case 'system-package': return new DebUpdater(undefined, seat.app);
    case 'not-installed': return undefined;
  }
}

/** The engine for the shell's seat; undefined where there is nothing to update. */
export function updateEngine(seat: UpdaterSeat): UpdateEngine | undefined {
  const updater = updaterFor(seat);
  if (!updater) return undefined;
  // Given an app adapter, electron-updater leaves its HTTP client unset (it is internal, not in its typings).
  if (seat.http !== undefined) (updater as unknown as { httpExecutor: unknown }).httpExecutor = seat.http;
  updater.logger = seat.logger ?? silent;
  // The app decides (update-policy.ts): a download only when the user asked or chose so; installed when the app quits.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  // electron-updater's own errors also arrive as events; the promises below carry them.
  updater.on('error', () => {});
  return {
    async check() {
      try {
        const result = await updater.checkForUpdates();
        return result?.isUpdateAvailable === true ? result.updateInfo.version : undefined;
      } catch (error) {
        throw new UpdateError(failureOf(error), error);
      }
    },
    async download(onPercent) {
      const progress = (info: { percent: number }) => onPercent(info.percent);
      updater.on('download-progress', progress);
      try {
        await updater.downloadUpdate();
      } catch (error) {
        throw new UpdateError(failureOf(error), error);
      } finally {
        updater.off('download-progress', progress);
      }
    },
    installAndRestart() {
      // Silent (no installer pages on Windows), and the new version started after it.
      updater.quitAndInstall(true, true);
    },
  };
}
