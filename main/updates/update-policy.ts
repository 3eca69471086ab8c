/**
 * When the app checks for a newer version, whether it downloads one, and what
 * it says about it: pure decisions on the injected clock, table-tested in
 * test/main/updates/update-policy.test.ts. `updates.ts` acts on them.
 */
import type { Words } from '../../common/i18n/translator.ts';
import { retryDelay } from '../../common/retry.ts';
import type { UpdateSettings, UpdateView } from '../ipc-contract.ts';
import type { NotificationBlock } from '../notifications/notification-policy.ts';

/**
 * Who installs a newer version of this copy: electron-updater (an AppImage,
 * the Windows installer, the macOS app), the system's package manager (a
 * `.deb`, `.rpm` or pacman package, a snap: the app only tells), or nobody (run
 * from the source tree: no checks at all).
 */
export type PackageKind = 'appimage' | 'nsis' | 'mac' | 'system-package' | 'not-installed';

/** The first check waits for the start-up's own work (the bundled server, the first counts) and for a network after waking. */
export const FIRST_CHECK_MS = 5 * 60_000;
/** Then every six hours: a release a day is found the same day, and a static feed sees four small requests per user a day. */
export const CHECK_EVERY_MS = 6 * 3600_000;
/** An unreachable feed (offline, a captive portal, the host down) is asked again after 30 min, doubling up to the usual six hours. */
export const RETRY_BOUNDS = { minMs: 30 * 60_000, maxMs: CHECK_EVERY_MS } as const;

export type UpdatePhase =
  /** Not checked yet. */
  | 'idle'
  | 'checking'
  | 'up-to-date'
  /** A newer version is in the feed, not downloaded. */
  | 'available'
  | 'downloading'
  /** Downloaded and its sha512 matched: it is installed when the app quits or restarts. */
  | 'ready'
  /** The download did not match the feed's sha512: deleted, nothing installed. */
  | 'refused'
  /** The download broke off (network, disk): nothing installed. */
  | 'download-failed'
  /** The feed could not be read: said calmly, asked again later. */
  | 'unreachable';

export interface UpdateState {
  phase: UpdatePhase;
  /** The newer version, once the feed named one. */
  version?: string;
  /** When the last check ended (ms since the epoch); null before the first. */
  checkedAt: number | null;
  /** Checks in a row that could not reach the feed. */
  failures: number;
  /** Percent downloaded, while downloading. */
  percent?: number;
}

export const initialUpdateState: UpdateState = { phase: 'idle', checkedAt: null, failures: 0 };

/** Whether electron-updater installs this kind itself (and so may download). */
export function canInstall(kind: PackageKind): boolean {
  return kind === 'appimage' || kind === 'nsis' || kind === 'mac';
}

/** Whether this copy checks at all: a setting, and a copy someone installed. */
export function checksFor(kind: PackageKind, settings: UpdateSettings): boolean {
  return settings.check && kind !== 'not-installed';
}

/**
 * When the next check is due (ms since the epoch), or undefined for none: checks
 * off, one under way, a download under way or done (it installs at the restart).
 * `startedAt`: when the app started, for the first check.
 */
export function nextCheckAt(
  state: UpdateState, kind: PackageKind, settings: UpdateSettings, startedAt: number, random: () => number = Math.random,
): number | undefined {
  if (!checksFor(kind, settings)) return undefined;
  if (state.phase === 'checking' || state.phase === 'downloading' || state.phase === 'ready') return undefined;
  if (state.checkedAt === null) return startedAt + FIRST_CHECK_MS;
  if (state.phase === 'unreachable' || state.phase === 'download-failed') {
    // Full jitter, as every retry in the project: many copies cut off together do not come back together.
    return state.checkedAt + retryDelay(Math.max(0, state.failures - 1), { ...RETRY_BOUNDS, random });
  }
  return state.checkedAt + CHECK_EVERY_MS;
}

/**
 * Whether to download now: a newer version is there, electron-updater can
 * install it, and the user asked (`isAsked`) or chose automatic downloads. A
 * refused or broken download is tried again only when asked, or after the next check found it again.
 */
export function shouldDownload(state: UpdateState, kind: PackageKind, settings: UpdateSettings, isAsked: boolean): boolean {
  if (!canInstall(kind) || state.version === undefined) return false;
  if (state.phase === 'available') return isAsked || settings.autoDownload;
  return isAsked && (state.phase === 'refused' || state.phase === 'download-failed');
}

/**
 * What the window and the tray menu say, and the button beside it. A newer
 * version, its download and its refusal are a notice; the rest (up to date,
 * unreachable) is only the Updates section's status line.
 */
export function updateView(state: UpdateState, kind: PackageKind, settings: UpdateSettings, currentVersion: string): UpdateView {
  const version = state.version ?? '';
  const base = { currentVersion, kind: canInstall(kind) ? 'app' as const : kind === 'system-package' ? 'system' as const : 'none' as const };
  const notice = (words: Words, action?: 'download' | 'restart'): UpdateView =>
    ({ ...base, notice: { words, ...(action ? { action } : {}) }, status: words });
  if (!checksFor(kind, settings)) {
    return { ...base, status: { key: kind === 'not-installed' ? 'updates.status.notInstalled' : 'updates.status.off' } };
  }
  switch (state.phase) {
    case 'available':
      return kind === 'system-package'
        ? notice({ key: 'updates.notice.availableSystem', values: { version } })
        : notice({ key: 'updates.notice.available', values: { version } }, 'download');
    case 'downloading':
      return notice({ key: 'updates.notice.downloading', values: { version, percent: Math.floor(state.percent ?? 0) } });
    case 'ready':
      return notice({ key: 'updates.notice.ready', values: { version } }, 'restart');
    case 'refused':
      return notice({ key: 'updates.notice.refused', values: { version } }, 'download');
    case 'download-failed':
      return notice({ key: 'updates.notice.downloadFailed', values: { version } }, 'download');
    case 'unreachable':
      return { ...base, status: { key: 'updates.status.unreachable' } };
    case 'up-to-date':
      return { ...base, status: { key: 'updates.status.upToDate', values: { version: currentVersion } } };
    case 'checking':
      return { ...base, status: { key: 'updates.status.checking' } };
    case 'idle':
      return { ...base, status: { key: 'updates.status.notYet' } };
  }
}

/**
 * Whether a notification tells of this state now: once per version, when it
 * becomes available (or ready, downloaded by itself), and never while
 * notifications are off, snoozed, in quiet hours or under the desktop's Do Not
 * Disturb. What was held is not told later: the window and the tray menu say it.
 */
export function notifiesNow(
  state: UpdateState, toldVersion: string | undefined, block: NotificationBlock | undefined, isDoNotDisturb: boolean,
): boolean {
  if (block !== undefined || isDoNotDisturb) return false;
  if (state.version === undefined || state.version === toldVersion) return false;
  return state.phase === 'available' || state.phase === 'ready';
}

/** What the shell knows of how this copy was installed. */
export interface InstallFacts {
  platform: NodeJS.Platform;
  /** Electron's `app.isPackaged`: false when run from the source tree. */
  isPackaged: boolean;
  /** `APPIMAGE` (set by the AppImage runtime to the file's path) and `SNAP`. */
  env: { APPIMAGE?: string | undefined; SNAP?: string | undefined };
}

/** Who updates this copy, as electron-updater itself tells them apart (its `autoUpdater` getter). */
export function packageKind(facts: InstallFacts): PackageKind {
  if (!facts.isPackaged) return 'not-installed';
  if (facts.platform === 'win32') return 'nsis';
  if (facts.platform === 'darwin') return 'mac';
  // A snap is updated by snapd, and its AppImage-like variables would mislead the updater.
  if (facts.env.SNAP) return 'system-package';
  if (facts.env.APPIMAGE) return 'appimage';
  // A .deb (electron-builder's `package-type` file says so), .rpm or pacman package: the package manager
  // updates it, as it does the rest of the system. electron-updater's DebUpdater could (through pkexec),
  // but would fight the package manager's own record; the app only tells.
  return 'system-package';
}
