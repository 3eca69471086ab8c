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

const headlines: Record<ConnectionState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  retrying: 'Not connected',
  'auth-failed': 'Token refused',
  offline: 'Offline',
};

/**
 * The state in a few words and what it is about: "Live: bundled server",
 * "Not connected: server unreachable (connection refused)". The window adds
 * the retry countdown and where to act; the tray shows it as it is.
 */
export function connectionSummary(connection: ConnectionStatus): string {
  const headline = headlines[connection.state];
  switch (connection.state) {
    case 'connecting':
    case 'live':
      return `${headline}: ${connection.server.label}`;
    case 'retrying':
      return `${headline}: ${connection.reason}`;
    case 'auth-failed':
      // The server's sentence says what it refused; where to fix it is the app's to say. The
      // bundled server's token is made by the app itself, so there is nothing to check there.
      return `${headline}: ${connection.reason}${connection.server.mode === 'remote' ? '; check it in the settings' : ''}`;
    case 'offline':
      return `${headline}: waiting for the network`;
  }
}
