import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { connectionSummary, type ConnectionStatus, type ServerLabel } from '../../common/connection.ts';
import { connectionLine } from '../../renderer/connection-words.ts';
import { connectionProblem } from '../../main/tray/tray-view.ts';

const remote: ServerLabel = { mode: 'remote', label: 'mail.example.com', isInsecure: false };
const now = Date.parse('2026-11-21T12:00:00Z');

const statuses: Array<[ConnectionStatus, string]> = [
  [{ state: 'connecting', server: remote }, 'Connecting: mail.example.com'],
  [{ state: 'live', server: remote }, 'Live: mail.example.com'],
  [{ state: 'retrying', server: remote, reason: 'server unreachable (connection refused)', nextTryAt: now + 8000 },
    'Not connected: server unreachable (connection refused)'],
  // The server says what it refused; the app says where to fix it (a remote server's token is in the settings).
  [{ state: 'auth-failed', server: remote, reason: 'this token is not known to the server' }, 'Token refused: this token is not known to the server; check it in the settings'],
  [{ state: 'auth-failed', server: { mode: 'bundled', label: 'bundled server', isInsecure: false }, reason: 'this token is not known to the server' },
    'Token refused: this token is not known to the server'],
  [{ state: 'offline', server: remote }, 'Offline: waiting for the network'],
];

describe('the words for a connection state', () => {
  it.each(statuses)('%j reads "%s"', (status, words) => {
    expect(connectionSummary(status)).toBe(words);
  });

  it.each(statuses)('the tray and the window both start with the same words for %j', (status, words) => {
    expect(connectionLine(status, now).text.startsWith(words)).toBe(true);
    if (status.state !== 'live') expect(connectionProblem(status, translatorFor('en'))).toBe(words);
  });
});
