import { spawn } from 'node:child_process';

/**
 * Opens an address in the person's browser or mail program, as Electron's
 * shell.openExternal does for the app: xdg-open on Linux and the BSDs, open
 * on macOS, explorer on Windows (never a shell: the address is one argument).
 * Only ever given the http(s): or mailto: addresses the app's settings hold
 * (MailtrayApp.openMailbox through chooseOpener). A missing opener is ignored.
 */
export function openUrl(url: string, platform: NodeJS.Platform): void {
  const command = platform === 'darwin' ? 'open' : platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // Nothing to open it with: the click does nothing, as a window-less app can do no better.
  }
}
