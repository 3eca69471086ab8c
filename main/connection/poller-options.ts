import type { CountsAnswer } from '../../common/protocol.ts';
import type { AnswerCut } from '../ipc-contract.ts';
import type { Timers } from '../../common/timers.ts';
import type { RequestCounts } from './counts-client.ts';


/** The poll loop's own view of the connection; the app adds which server it is. */
export type PollerStatus =
  | { state: 'stopped' }
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'retrying'; reason: string; nextTryAt: number }
  | { state: 'auth-failed'; reason: string }
  | { state: 'offline' };

export interface PollerOptions {
  requestCounts: RequestCounts;
  timers: Timers;
  random?: () => number;
  /** How long the server may hold a poll (the `wait` parameter). */
  waitSeconds?: number;
  /** How long past `wait` an unanswered poll is kept before it is abandoned. */
  graceMs?: number;
  /**
   * The OS's answer to "is there a network?" (Electron's `net.isOnline()`).
   * Asked at connect, when a poll fails, on `retryNow`, and while offline
   * every 10 s; never while live, where the cost is one request per `wait`.
   * Without it the machine counts as online unless `setOnline` says otherwise.
   */
  isOnline?: () => boolean;
  onStatus(status: PollerStatus): void;
  /**
   * `isFirst`: the first answer since start, a new server or a reconnect; the counts are a baseline.
   * `cut`: what was left out of the answer to keep within bounds, when anything was.
   */
  onAnswer(answer: CountsAnswer, info: { isFirst: boolean; cut?: AnswerCut }): void;
}
