import { connectionSummary } from '../common/connection.ts';
import type { AppStatus, ConnectionStatus } from '../main/ipc-contract.ts';
import { secondsUntil } from './relative-time.ts';
import { currentWords } from './words.ts';

export type Tone = 'ok' | 'busy' | 'problem' | 'off';

export interface ConnectionLine {
  tone: Tone;
  /** Where the counts come from and how that is going, in one line. */
  text: string;
  canRetry: boolean;
  /** The fix is in Settings (a rejected token). */
  pointsToSettings: boolean;
}

/** The connection line's words for a status at a moment (the retry countdown moves with `now`). */
export function connectionLine(status: ConnectionStatus, now: number): ConnectionLine {
  const summary = connectionSummary(status);
  switch (status.state) {
    case 'connecting':
      return { tone: 'busy', text: summary, canRetry: false, pointsToSettings: false };
    case 'live':
      return { tone: 'ok', text: summary, canRetry: false, pointsToSettings: false };
    case 'retrying': {
      const seconds = secondsUntil(status.nextTryAt, now);
      const when = seconds > 0 ? `retrying in ${seconds} s` : 'retrying now';
      return { tone: 'problem', text: `${summary}; ${when}`, canRetry: true, pointsToSettings: false };
    }
    case 'auth-failed':
      return { tone: 'problem', text: summary, canRetry: false, pointsToSettings: true };
    case 'offline':
      return { tone: 'off', text: summary, canRetry: false, pointsToSettings: false };
  }
}

/** Warnings to show under the connection line: main's own, and a remote server reached over plain http://. */
export function connectionWarnings(status: AppStatus): string[] {
  const warnings = status.warnings.map((warning) => currentWords().say(warning));
  const server = status.connection.server;
  if (server.isInsecure) {
    warnings.unshift(
      `Not encrypted: ${server.label} uses http://, so the token and counts travel in clear text.`,
    );
  }
  return [...new Set(warnings)];
}
