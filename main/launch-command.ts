/**
 * The command that starts Mailtray, where Mailtray writes it itself: the
 * Linux autostart entry and the Windows login item. electron-builder.yml
 * (`linux.executableArgs`: the installed desktop entry) and `npm start` give
 * the same switches; test/main/electron-builder-config.test.ts holds them together.
 */

/**
 * Switches for the main process that only its command line can give.
 *
 * `--js-flags=--no-memory-reducer`: V8's memory reducer wakes an idle process
 * about every 8 s to see whether a GC would give memory back. On the app's
 * own poll loop, idle against a count server (bench/client-idle.ts), the main
 * thread woke 12 times a minute with it and 4.5 to 5 without: the reducer
 * cost more wake-ups than the poll itself (2 requests a minute), and gave
 * nothing back for them (heap 16.9 of 22.9 MB, RSS 94 MB both ways after
 * 2 minutes idle).
 * It cannot be set from inside: V8 reads the flag once, when it sets up the
 * heap (heap.cc: `if (v8_flags.memory_reducer) memory_reducer_.reset(...)`),
 * so v8.setFlagsFromString in main.ts is too late (measured: no change), and
 * Electron gives `--js-flags` to the main process only from its command line
 * ("this switch must be passed on startup", Electron's command-line switches;
 * app.commandLine.appendSwitch reaches only processes started later). Started
 * another way (macOS, the Windows Start menu, an AppImage opened by hand), the
 * app runs with the reducer, as before.
 */
export const MAIN_PROCESS_SWITCHES: readonly string[] = ['--js-flags=--no-memory-reducer'];

export interface Installation {
  /** $APPIMAGE: the AppImage this runs from, if any. */
  appImage: string | undefined;
  isPackaged: boolean;
  /** The Electron binary (process.execPath). */
  execPath: string;
  /** The app's folder, which a development run hands to Electron. */
  appPath: string;
}

/** The AppImage, the installed binary, or Electron with the app's folder (a development run), each with the main process's switches. */
export function launchCommand(where: Installation): string[] {
  if (where.appImage) return [where.appImage, ...MAIN_PROCESS_SWITCHES];
  if (where.isPackaged) return [where.execPath, ...MAIN_PROCESS_SWITCHES];
  return [where.execPath, ...MAIN_PROCESS_SWITCHES, where.appPath];
}
