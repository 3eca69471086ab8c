/**
 * Per-platform tray decisions, apart from Electron so they can be tested:
 * which tray GUID to use on Windows, and whether a Linux desktop shows a
 * launcher badge.
 */

/**
 * Windows keeps a tray icon's place (shown or tucked away, and where) by its
 * GUID; without one, every update is a new icon the user must pin again
 * (electron PR #21891, https://github.com/electron/electron/pull/21891;
 * element-desktop#786, https://github.com/element-hq/element-desktop/issues/786).
 * Never change it.
 */
export const WINDOWS_TRAY_GUID = '0dceeffd-a03e-4140-9eac-640bf53a812e';

/**
 * The GUID for `new Tray(image, guid)`, or none. Windows ties an unsigned
 * app's GUID to the executable's path: a development run (electron.exe from
 * node_modules) must not claim it, or the installed app's icon then fails to
 * appear (electron#41773, https://github.com/electron/electron/issues/41773).
 */
export function trayGuid(platform: NodeJS.Platform, isPackaged: boolean): string | undefined {
  return platform === 'win32' && isPackaged ? WINDOWS_TRAY_GUID : undefined;
}

// Desktops whose dock or task manager shows the count from the
// com.canonical.Unity.LauncherEntry D-Bus API that app.setBadgeCount uses on
// Linux: Unity, KDE Plasma's task manager, Ubuntu's dock (its GNOME session
// names itself "ubuntu:GNOME"), elementary's Plank (Pantheon). Stock GNOME
// and others show nothing; the tray icon is the signal there.
const launcherBadgeDesktops = new Set(['unity', 'kde', 'ubuntu', 'pantheon']);

/** Whether app.setBadgeCount shows anywhere on this desktop (XDG_CURRENT_DESKTOP, colon-separated). */
export function launcherShowsBadge(platform: NodeJS.Platform, currentDesktop: string | undefined): boolean {
  if (platform !== 'linux') return false;
  return (currentDesktop ?? '').split(':').some((name) => launcherBadgeDesktops.has(name.trim().toLowerCase()));
}
