/**
 * Updates as the window sees and sets them (issue 23): part of the IPC
 * contract, re-exported by ipc-contract.ts.
 */
import type { Words } from '../common/i18n/translator.ts';

/** The Updates settings; missing in files from before them: checks on, downloads when asked. */
export interface UpdateSettings {
  /** Look for a newer version now and then (main/updates/update-policy.ts says when). */
  check: boolean;
  /** Download a newer version without asking; it is installed at the next restart. */
  autoDownload: boolean;
}

export const defaultUpdateSettings: UpdateSettings = { check: true, autoDownload: false };

/** What the window and the tray say about updates. */
export interface UpdateView {
  /** The version running now. */
  currentVersion: string;
  /** Who installs a newer version: the app itself, the system's package manager (it only tells), or nobody (not installed). */
  kind: 'app' | 'system' | 'none';
  /** A newer version, its download or why it was refused: at the top of the window and in the tray menu, with its button. */
  notice?: { words: Words; action?: 'download' | 'restart' };
  /** The Updates section's line: the notice's words, or up to date, not reachable, checks off. */
  status: Words;
}
