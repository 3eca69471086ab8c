import { describe, expect, test } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { UpdateSettings } from '../../../main/ipc-contract.ts';
import {
  CHECK_EVERY_MS, FIRST_CHECK_MS, RETRY_BOUNDS, nextCheckAt, notifiesNow, packageKind, shouldDownload, updateView,
  type PackageKind, type UpdateState,
} from '../../../main/updates/update-policy.ts';

const on: UpdateSettings = { check: true, autoDownload: false };
const auto: UpdateSettings = { check: true, autoDownload: true };
const off: UpdateSettings = { check: false, autoDownload: true };
const started = Date.UTC(2026, 11, 5, 9, 0);
const hour = 3600_000;
const at = (state: Partial<UpdateState>): UpdateState => ({ phase: 'idle', checkedAt: null, failures: 0, ...state });

describe('when the app checks for a newer version', () => {
  test.each<[string, UpdateState, PackageKind, UpdateSettings, number | undefined]>([
    ['first, a few minutes after the start', at({}), 'appimage', on, started + FIRST_CHECK_MS],
    ['a system package is checked too (to tell)', at({}), 'system-package', on, started + FIRST_CHECK_MS],
    ['never with checks off', at({}), 'appimage', off, undefined],
    ['never for a copy run from the source tree', at({}), 'not-installed', on, undefined],
    ['six hours after an answer: up to date', at({ phase: 'up-to-date', checkedAt: started + hour }), 'nsis', on, started + hour + CHECK_EVERY_MS],
    ['six hours after an answer: a version to download', at({ phase: 'available', version: '0.2.0', checkedAt: started + hour }), 'mac', on, started + hour + CHECK_EVERY_MS],
    ['not while a check runs', at({ phase: 'checking', checkedAt: started }), 'appimage', on, undefined],
    ['not while a download runs', at({ phase: 'downloading', version: '0.2.0', checkedAt: started }), 'appimage', on, undefined],
    ['not once a download is ready: it installs at the restart', at({ phase: 'ready', version: '0.2.0', checkedAt: started }), 'appimage', on, undefined],
    ['a refused download: at the usual six hours (the feed may be fixed by then)', at({ phase: 'refused', version: '0.2.0', checkedAt: started, failures: 1 }), 'appimage', on, started + CHECK_EVERY_MS],
  ])('%s', (_name, state, kind, settings, expected) => {
    expect(nextCheckAt(state, kind, settings, started, () => 0)).toBe(expected);
  });

  test('an unreachable feed is asked again after 30 min, then later with each failure in a row, never later than the usual six hours', () => {
    const delays = [1, 2, 3, 4, 5, 8].map((failures) =>
      nextCheckAt(at({ phase: 'unreachable', checkedAt: started, failures }), 'appimage', on, started, () => 0.999)! - started);
    expect(delays[0]).toBeLessThanOrEqual(RETRY_BOUNDS.minMs + 1);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(Math.max(...delays)).toBeLessThanOrEqual(CHECK_EVERY_MS);
    expect(delays.at(-1)).toBeGreaterThan(5 * hour);
    // Jitter: copies cut off together do not come back together, but never sooner than 30 min.
    const soonest = nextCheckAt(at({ phase: 'unreachable', checkedAt: started, failures: 4 }), 'appimage', on, started, () => 0)! - started;
    expect(soonest).toBe(RETRY_BOUNDS.minMs);
  });
});

describe('whether to download', () => {
  const available = at({ phase: 'available', version: '0.2.0', checkedAt: started });
  test.each<[string, UpdateState, PackageKind, UpdateSettings, boolean, boolean]>([
    ['not without the user', available, 'appimage', on, false, false],
    ['when the user asks', available, 'appimage', on, true, true],
    ['by itself when the user chose automatic downloads', available, 'nsis', auto, false, true],
    ['never for a system package, even when asked: its package manager installs it', available, 'system-package', auto, true, false],
    ['never without a version', at({ phase: 'up-to-date', checkedAt: started }), 'appimage', auto, true, false],
    ['not twice at once', at({ phase: 'downloading', version: '0.2.0', checkedAt: started }), 'appimage', auto, true, false],
    ['a refused download again only when asked', at({ phase: 'refused', version: '0.2.0', checkedAt: started }), 'appimage', auto, false, false],
    ['a refused download again when asked', at({ phase: 'refused', version: '0.2.0', checkedAt: started }), 'appimage', on, true, true],
    ['a broken-off download again when asked', at({ phase: 'download-failed', version: '0.2.0', checkedAt: started }), 'mac', on, true, true],
  ])('%s', (_name, state, kind, settings, isAsked, expected) => {
    expect(shouldDownload(state, kind, settings, isAsked)).toBe(expected);
  });
});

describe('what the window and the tray say', () => {
  const en = translatorFor('en');
  const said = (state: Partial<UpdateState>, kind: PackageKind = 'appimage', settings = on) => {
    const view = updateView(at(state), kind, settings, '0.1.0');
    return { notice: view.notice && en.say(view.notice.words), action: view.notice?.action, status: en.say(view.status), kind: view.kind };
  };

  test.each<[string, Partial<UpdateState>, PackageKind, UpdateSettings, ReturnType<typeof said>]>([
    ['a newer version, with Download', { phase: 'available', version: '0.2.0' }, 'appimage', on,
      { notice: 'Mailtray 0.2.0 is available.', action: 'download', status: 'Mailtray 0.2.0 is available.', kind: 'app' }],
    ['a newer version of a .deb: the package manager installs it, no button', { phase: 'available', version: '0.2.0' }, 'system-package', on,
      { notice: 'Mailtray 0.2.0 is available. Your system\'s software updates will install it.', action: undefined,
        status: 'Mailtray 0.2.0 is available. Your system\'s software updates will install it.', kind: 'system' }],
    ['downloading, in whole percent', { phase: 'downloading', version: '0.2.0', percent: 42.7 }, 'nsis', on,
      { notice: 'Downloading Mailtray 0.2.0… 42%', action: undefined, status: 'Downloading Mailtray 0.2.0… 42%', kind: 'app' }],
    ['ready, with Restart to install', { phase: 'ready', version: '0.2.0' }, 'mac', on,
      { notice: 'Mailtray 0.2.0 is downloaded and will be installed when Mailtray restarts.', action: 'restart',
        status: 'Mailtray 0.2.0 is downloaded and will be installed when Mailtray restarts.', kind: 'app' }],
    ['a checksum refusal, in words, with Download again', { phase: 'refused', version: '0.2.0' }, 'appimage', on,
      { notice: 'The download of Mailtray 0.2.0 did not match its checksum, so it was deleted and nothing was installed.', action: 'download',
        status: 'The download of Mailtray 0.2.0 did not match its checksum, so it was deleted and nothing was installed.', kind: 'app' }],
    ['an unreachable feed: calmly, only in the Updates section', { phase: 'unreachable', checkedAt: started, failures: 3 }, 'appimage', on,
      { notice: undefined, action: undefined, status: 'The update server could not be reached. Mailtray will try again later.', kind: 'app' }],
    ['up to date: only in the Updates section', { phase: 'up-to-date', checkedAt: started }, 'appimage', on,
      { notice: undefined, action: undefined, status: 'Mailtray 0.1.0 is the newest version.', kind: 'app' }],
    ['checks off: nothing to notice, even with a version known', { phase: 'available', version: '0.2.0' }, 'appimage', off,
      { notice: undefined, action: undefined, status: 'Mailtray does not look for newer versions.', kind: 'app' }],
    ['run from the source tree', {}, 'not-installed', on,
      { notice: undefined, action: undefined, status: 'This copy runs from its source folder: there is nothing to update.', kind: 'none' }],
  ])('%s', (_name, state, kind, settings, expected) => {
    expect(said(state, kind, settings)).toEqual(expected);
  });
});

describe('whether a notification tells of it', () => {
  const available = at({ phase: 'available', version: '0.2.0', checkedAt: started });
  test.each<[string, UpdateState, string | undefined, Parameters<typeof notifiesNow>[2], boolean, boolean]>([
    ['a newer version, once', available, undefined, undefined, false, true],
    ['not the same version twice', available, '0.2.0', undefined, false, false],
    ['a version newer than the one told', at({ phase: 'available', version: '0.3.0', checkedAt: started }), '0.2.0', undefined, false, true],
    ['ready after downloading by itself', at({ phase: 'ready', version: '0.2.0', checkedAt: started }), undefined, undefined, false, true],
    ['never in quiet hours', available, undefined, 'quiet-hours', false, false],
    ['never while snoozed', available, undefined, 'snoozed', false, false],
    ['never with notifications off', available, undefined, 'disabled', false, false],
    ['never under the desktop\'s Do Not Disturb', available, undefined, undefined, true, false],
    ['not a refusal or a failure: the window says those', at({ phase: 'refused', version: '0.2.0', checkedAt: started }), undefined, undefined, false, false],
  ])('%s', (_name, state, told, block, isDoNotDisturb, expected) => {
    expect(notifiesNow(state, told, block, isDoNotDisturb)).toBe(expected);
  });
});

describe('who updates this copy', () => {
  test.each<[string, Parameters<typeof packageKind>[0], PackageKind]>([
    ['an AppImage: electron-updater', { platform: 'linux', isPackaged: true, env: { APPIMAGE: '/home/ann/Mailtray.AppImage' } }, 'appimage'],
    ['a .deb: the package manager', { platform: 'linux', isPackaged: true, env: {} }, 'system-package'],
    ['a snap: snapd', { platform: 'linux', isPackaged: true, env: { SNAP: '/snap/mailtray/3', APPIMAGE: '/x' } }, 'system-package'],
    ['Windows: the NSIS installer', { platform: 'win32', isPackaged: true, env: {} }, 'nsis'],
    ['macOS: Squirrel.Mac through electron-updater', { platform: 'darwin', isPackaged: true, env: {} }, 'mac'],
    ['the source tree: nobody', { platform: 'linux', isPackaged: false, env: { APPIMAGE: '/x' } }, 'not-installed'],
  ])('%s', (_name, facts, expected) => {
    expect(packageKind(facts)).toBe(expected);
  });
});
