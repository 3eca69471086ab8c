import { translatorFor, type Translator } from './i18n/translator.ts';

/**
 * The app's connection to its count server, as main reports it and the tray
 * and the window show it: one type and one base wording for each state, so
 * the tray's tooltip and the window's connection line say the same thing.
 */

/** Where counts come from, as the window names it: "bundled server" or the remote host. */
export interface ServerLabel {
  mode: 'bundled' | 'remote';
  /** "bundled server", or the remote server's host (and port when not the default). */
  label: string;
  /** A remote `http://` server that is not on this machine: tokens and counts travel in clear text. */
  isInsecure: boolean;
}

export type ConnectionStatus =
  | { state: 'connecting'; server: ServerLabel }
  | { state: 'live'; server: ServerLabel }
  /** `reason` in a person's words ("server unreachable (connection refused)"); `nextTryAt` in ms since the epoch. */
  | { state: 'retrying'; server: ServerLabel; reason: string; nextTryAt: number }
  | { state: 'auth-failed'; server: ServerLabel; reason: string }
  | { state: 'offline'; server: ServerLabel };

export type ConnectionState = ConnectionStatus['state'];

// Until the window speaks the chosen language (issue 21, i18n/window), its calls get English.
const english = translatorFor('en');

/**
 * The state in a few words and what it is about: "Live: bundled server",
 * "Not connected: server unreachable (connection refused)". The window adds
 * the retry countdown and where to act; the tray shows it as it is.
 */
export function connectionSummary(connection: ConnectionStatus, words: Translator = english): string {
  switch (connection.state) {
    case 'connecting':
    case 'live': {
      const server = connection.server.mode === 'bundled' ? words.t('connection.bundledServer') : connection.server.label;
      return words.t(`connection.${connection.state}`, { server });
    }
    case 'retrying':
      return words.t('connection.retrying', { reason: connection.reason });
    case 'auth-failed':
      // The server's sentence says what it refused; where to fix it is the app's to say. The
      // bundled server's token is made by the app itself, so there is nothing to check there.
      return words.t(connection.server.mode === 'remote' ? 'connection.authFailedRemote' : 'connection.authFailed', { reason: connection.reason });
    case 'offline':
      return words.t('connection.offline');
  }
}
