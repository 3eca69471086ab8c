/**
 * How a start behaves that electron-updater made after installing a newer
 * AppImage (issue 23). The updater starts the new file while the old Mailtray
 * is still quitting (it stops its bundled server first), so the new one finds
 * the single-instance lock taken: left to the usual rule it would leave, and
 * Restart to install would end with no Mailtray at all. Its variables say who
 * started it (electron-updater's AppImageUpdater.doInstall):
 * - `APPIMAGE_EXIT_AFTER_INSTALL=true`: run only to finish installing (an
 *   update installed as the user quit): leave at once, whoever holds the lock;
 * - `APPIMAGE_SILENT_INSTALL=true` alone: the restart the user asked for: wait
 *   for the old one to let go of the lock, then start;
 * - neither: an ordinary start, which leaves when another Mailtray runs.
 */
export type StartAfterUpdate = 'exit-now' | 'wait-for-lock' | 'ordinary';

export function startAfterUpdate(env: Readonly<Record<string, string | undefined>>): StartAfterUpdate {
  if (env.APPIMAGE_EXIT_AFTER_INSTALL === 'true') return 'exit-now';
  if (env.APPIMAGE_SILENT_INSTALL === 'true') return 'wait-for-lock';
  return 'ordinary';
}

/** How long the restarted copy waits for the old one to quit (it stops the bundled server first), asking every this often. */
export const LOCK_WAIT = { everyMs: 250, forMs: 20_000 } as const;
