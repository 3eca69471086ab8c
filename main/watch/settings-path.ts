import { posix, win32 } from 'node:path';

/**
 * Where the desktop app keeps its settings file: electron-store's
 * `settings.json` in Electron's `userData` folder, which is `appData` joined
 * with the app's name ("Mailtray", electron-builder's productName):
 * `$XDG_CONFIG_HOME` (else `~/.config`) on Linux, `~/Library/Application Support`
 * on macOS, `%APPDATA%` on Windows (Electron's app.getPath('appData')). The app
 * takes another folder from `MAILTRAY_USER_DATA` (main/electron/main.ts), and so does this.
 */
export function appSettingsPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  const path = platform === 'win32' ? win32 : posix;
  if (env.MAILTRAY_USER_DATA) return path.join(env.MAILTRAY_USER_DATA, 'settings.json');
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'Mailtray', 'settings.json');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Mailtray', 'settings.json');
  // Electron reads XDG_CONFIG_HOME only when it is an absolute path, as the XDG spec says.
  const config = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : posix.join(home, '.config');
  return posix.join(config, 'Mailtray', 'settings.json');
}
