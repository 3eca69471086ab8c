import { describe, expect, it } from 'vitest';
import { connectionSummary, type ConnectionStatus, type ServerLabel } from '../../common/connection.ts';
import { connectionLine } from '../../renderer/connection-words.ts';
import { connectionProblem } from '../../main/tray-view.ts';

const remote: ServerLabel = { mode: 'remote', label: 'mail.example.com', isInsecure: false };
const now = Date.parse('2026-11-21T12:00:00Z');

const statuses: Array<[ConnectionStatus, string]> = [
  [{ state: 'connecting', server: remote }, 'Connecting: mail.example.com'],
  [{ state: 'live', server: remote }, 'Live: mail.example.com'],
  [{ state: 'retrying', server: remote, reason: 'server unreachable (connection refused)', nextTryAt: now + 8000 },
    'Not connected: server unreachable (connection refused)'],
  [{ state: 'auth-failed', server: remote, reason: 'the server does not know this token' }, 'Token refused: the server does not know this token'],
  [{ state: 'offline', server: remote }, 'Offline: waiting for the network'],
];

describe('the words for a connection state', () => {
  it.each(statuses)('%j reads "%s"', (status, words) => {
    expect(connectionSummary(status)).toBe(words);
  });

  it.each(statuses)('the tray and the window both start with the same words for %j', (status, words) => {
    expect(connectionLine(status, now).text.startsWith(words)).toBe(true);
    if (status.state !== 'live') expect(connectionProblem(status)).toBe(words);
  });
});
