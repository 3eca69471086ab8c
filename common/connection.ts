import type { MessageKey } from './i18n/catalogues/en.ts';
import { translatorFor, type MessageValues, type Translator, type Words } from './i18n/translator.ts';

/**
 * The app's connection to its count server, as main reports it and the tray
 * and the window show it: one type and one base wording for each state, so
 * the tray's tooltip and the window's connection line say the same thing.
 */

/** Where counts come from, as the window names it: "bundled server", the remote host, or "3 servers". */
export interface ServerLabel {
  /** 'several': the app follows more than one server; this label speaks for them all. */
  mode: 'bundled' | 'remote' | 'several';
  /** "bundled server", the remote server's host (and port when not the default), or for 'several' the servers' names. */
  label: string;
  /** For 'several': how many servers the app follows. */
  servers?: number;
  /** A remote `http://` server that is not on this machine: tokens and counts travel in clear text. */
  isInsecure: boolean;
}

/**
 * Why the connection is down: `reason` in English words ("server unreachable
 * (connection refused)"), for logs and for readers that do not word it, and
 * `reasonWords`, the same as catalogue words, which the tray and the window
 * show in the user's language. Without `reasonWords`, `reason` is shown as it is.
 */
export interface ConnectionReason {
  reason: string;
  reasonWords?: Words;
}

export type ConnectionStatus =
  | { state: 'connecting'; server: ServerLabel }
  | { state: 'live'; server: ServerLabel }
  /** `nextTryAt` in ms since the epoch. */
  | ({ state: 'retrying'; server: ServerLabel; nextTryAt: number } & ConnectionReason)
  | ({ state: 'auth-failed'; server: ServerLabel } & ConnectionReason)
  | { state: 'offline'; server: ServerLabel }
  /** Several servers, some live and some not: the live ones' counts are current, the others' are not. */
  | { state: 'partial'; server: ServerLabel; live: number; of: number };

export type ConnectionState = ConnectionStatus['state'];

// Until the window speaks the chosen language (issue 21, i18n/window), its calls get English.
const english = translatorFor('en');

/** A reason from the catalogue (a `connection.reason.*` key), with its English. */
export function because(key: MessageKey, values?: MessageValues): Required<ConnectionReason> {
  const reasonWords: Words = values === undefined ? { key } : { key, values };
  return { reason: english.say(reasonWords), reasonWords };
}

function reasonIn({ reason, reasonWords }: ConnectionReason, words: Translator): string {
  return reasonWords ? words.say(reasonWords) : reason;
}

/**
 * The state in a few words and what it is about: "Live: bundled server",
 * "Not connected: server unreachable (connection refused)". The window adds
 * the retry countdown and where to act; the tray shows it as it is.
 */
export function connectionSummary(connection: ConnectionStatus, words: Translator = english): string {
  switch (connection.state) {
    case 'connecting':
    case 'live': {
      if (connection.server.mode === 'several') {
        const count = connection.server.servers ?? 0;
        // Every server switched off in the settings: nothing is coming, and that is where to change it.
        if (count === 0) return words.t('servers.connection.none');
        return words.t(connection.state === 'live' ? 'servers.connection.allLive' : 'servers.connection.connecting', { count });
      }
      const server = connection.server.mode === 'bundled' ? words.t('connection.bundledServer') : connection.server.label;
      return words.t(`connection.${connection.state}`, { server });
    }
    case 'partial':
      return words.t('servers.connection.partial', { live: connection.live, of: connection.of });
    case 'retrying':
      return words.t('connection.retrying', { reason: reasonIn(connection, words) });
    case 'auth-failed':
      // The server's sentence says what it refused; where to fix it is the app's to say. The
      // bundled server's token is made by the app itself, so there is nothing to check there.
      return words.t(connection.server.mode === 'remote' ? 'connection.authFailedRemote' : 'connection.authFailed', { reason: reasonIn(connection, words) });
    case 'offline':
      return words.t('connection.offline');
  }
}

/** How the tray and the window name one of several servers: the name the user gave it, or the bundled server's name in the language. */
export function serverDisplayName(server: { key: string; name: string }, words: Translator = english): string {
  return server.key === 'bundled' && server.name === '' ? words.t('settings.server.bundled') : server.name;
}
