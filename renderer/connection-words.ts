import { connectionSummary } from '../common/connection.ts';
import type { Translator } from '../common/i18n/translator.ts';
import type { AppStatus, ConnectionStatus } from '../main/ipc-contract.ts';
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
export function connectionLine(status: ConnectionStatus, now: number, words: Translator = currentWords()): ConnectionLine {
  const summary = connectionSummary(status, words);
  switch (status.state) {
    case 'connecting':
      return { tone: 'busy', text: summary, canRetry: false, pointsToSettings: false };
    case 'live':
      return { tone: 'ok', text: summary, canRetry: false, pointsToSettings: false };
    case 'retrying': {
      const seconds = secondsUntil(status.nextTryAt, now);
      const text = seconds > 0
        ? words.t('window.connection.retryingIn', { summary, seconds })
        : words.t('window.connection.retryingNow', { summary });
      return { tone: 'problem', text, canRetry: true, pointsToSettings: false };
    }
    case 'auth-failed':
      return { tone: 'problem', text: summary, canRetry: false, pointsToSettings: true };
    case 'offline':
      return { tone: 'off', text: summary, canRetry: false, pointsToSettings: false };
    case 'partial':
      // Each server's own line (the mail view's groups) says which ones are down and why.
      return { tone: 'busy', text: summary, canRetry: true, pointsToSettings: false };
  }
}

/** Seconds left until `at`, rounded up, never below 0. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Warnings to show under the connection line: main's own, and a remote server reached over plain http://. */
export function connectionWarnings(status: AppStatus, words: Translator = currentWords()): string[] {
  const warnings = status.warnings.map((warning) => words.say(warning));
  // Several servers: each one reached over plain http:// is named.
  const servers = status.servers && status.servers.length > 1 ? status.servers.map((s) => s.connection.server) : [status.connection.server];
  for (const server of servers.toReversed()) {
    if (server.isInsecure) warnings.unshift(words.t('window.connection.notEncrypted', { server: server.label }));
  }
  return [...new Set(warnings)];
}
