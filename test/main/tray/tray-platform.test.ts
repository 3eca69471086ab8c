import { describe, expect, test } from 'vitest';
import { launcherShowsBadge, trayGuid, WINDOWS_TRAY_GUID } from '../../../main/tray/tray-platform.ts';

describe('the tray on each platform', () => {
  test('Windows keeps its tray place by a fixed GUID, only in the installed app', () => {
    expect(WINDOWS_TRAY_GUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(trayGuid('win32', true)).toBe(WINDOWS_TRAY_GUID);
    // A development run must not tie the GUID to node_modules' electron.exe.
    expect(trayGuid('win32', false)).toBeUndefined();
    expect(trayGuid('linux', true)).toBeUndefined();
    expect(trayGuid('darwin', true)).toBeUndefined();
  });

  test.each([
    ['Unity', true], ['KDE', true], ['ubuntu:GNOME', true], ['Pantheon', true],
    ['GNOME', false], ['X-Cinnamon', false], ['XFCE', false], ['sway', false], ['', false], [undefined, false],
  ] as const)('XDG_CURRENT_DESKTOP=%j: a launcher shows the badge count: %s', (desktop, shows) => {
    expect(launcherShowsBadge('linux', desktop)).toBe(shows);
  });

  test('only Linux asks the desktop; macOS has its dock badge, Windows its overlay', () => {
    expect(launcherShowsBadge('darwin', 'KDE')).toBe(false);
    expect(launcherShowsBadge('win32', 'KDE')).toBe(false);
  });
});
