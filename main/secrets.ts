import type { Words } from '../common/i18n/translator.ts';

/**
 * Seals and opens the token and passwords kept in the settings file. The app
 * passes Electron's `safeStorage` (main/electron/safe-storage-secrets.ts);
 * tests pass a stand-in.
 */
export interface Secrets {
  seal(plain: string): string;
  /** The plain text, or undefined when it cannot be opened (another machine's key store). */
  open(sealed: string): string | undefined;
  /** Set when the OS offers no real key store: what the window should tell the user (in its language). */
  readonly warning: Words | undefined;
}
