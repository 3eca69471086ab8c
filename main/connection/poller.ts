import { DEFAULT_WAIT_SECONDS } from '../../common/protocol.ts';
import { retryBounds, retryDelay } from '../../common/retry.ts';
import type { PollOutcome, ServerEndpoint } from './counts-client.ts';
import { because } from './network-error.ts';
import type { PollerOptions, PollerStatus } from './poller-options.ts';

// An answer that comes back at once with our own cursor is a server not holding
// polls (a proxy, a wait of 0); looping at once would spin.
const MIN_LOOP_MS = 1000;
// While offline, the OS is asked again this often, in case no event says the network is back
// (the window that relays them is gone); an event still brings it back at once.
const OFFLINE_CHECK_MS = 10_000;

/**
 * One long-poll loop against one server (DESIGN.md, "Connection"): answers are
 * re-polled at once with the new cursor; failures back off with full jitter
 * or by `Retry-After`; refused tokens stop it until `connect` is called again.
 */
export class Poller {
  readonly #options: PollerOptions;
  readonly #waitSeconds: number;
  readonly #graceMs: number;
  #endpoint: ServerEndpoint | undefined;
  #status: PollerStatus = { state: 'stopped' };
  #cursor: string | undefined;
  #attempt = 0;
  #isFirstAnswer = true;
  #isOnline = true;
  // Every poll and every halt takes a new run number; outcomes of older runs are dropped.
  #run = 0;
  #abort: AbortController | undefined;
  #cancelNextPoll: (() => void) | undefined;
  #cancelOfflineCheck: (() => void) | undefined;

  constructor(options: PollerOptions) {
    this.#options = options;
    this.#waitSeconds = options.waitSeconds ?? DEFAULT_WAIT_SECONDS;
    this.#graceMs = options.graceMs ?? 15_000;
  }

  get status(): PollerStatus {
    return this.#status;
  }

  /** Polls `endpoint` from now on, dropping whatever ran before (a settings change). */
  connect(endpoint: ServerEndpoint): void {
    this.#halt();
    this.#endpoint = endpoint;
    this.#cursor = undefined;
    this.#attempt = 0;
    this.#isFirstAnswer = true;
    if (this.#options.isOnline) this.#isOnline = this.#options.isOnline();
    if (!this.#isOnline) return this.#goOffline();
    this.#setStatus({ state: 'connecting' });
    this.#poll();
  }

  stop(): void {
    this.#halt();
    this.#endpoint = undefined;
    this.#setStatus({ state: 'stopped' });
  }

  /**
   * Tries again now: after a resume from sleep or an unlock (a held poll's
   * connection may have died unnoticed), when the network comes back, or
   * when the user asks. The OS is asked first (`isOnline`): offline stops,
   * back online polls. A refused token is only retried when the user asks
   * (`evenAfterAuthFailure`).
   */
  retryNow({ evenAfterAuthFailure = false } = {}): void {
    const before = this.#status.state;
    this.#checkOnline();
    const { state } = this.#status;
    // It went offline, or came back online and polls already.
    if (state !== before) return;
    if (!this.#endpoint || state === 'offline' || state === 'stopped') return;
    if (state === 'auth-failed' && !evenAfterAuthFailure) return;
    this.#halt();
    if (state !== 'live') this.#setStatus({ state: 'connecting' });
    this.#poll();
  }

  /** Asks the OS (`isOnline`) and acts on a change; true when the answer changed. */
  #checkOnline(): boolean {
    if (!this.#options.isOnline) return false;
    const isOnline = this.#options.isOnline();
    if (isOnline === this.#isOnline) return false;
    this.setOnline(isOnline);
    return true;
  }

  /** The OS says the network went away or came back. */
  setOnline(isOnline: boolean): void {
    if (isOnline === this.#isOnline) return;
    this.#isOnline = isOnline;
    if (!this.#endpoint) return;
    if (!isOnline) {
      if (this.#status.state === 'auth-failed') return;
      this.#halt();
      this.#isFirstAnswer = true;
      this.#goOffline();
      return;
    }
    this.#stopOfflineChecks();
    if (this.#status.state !== 'offline') return;
    this.#attempt = 0;
    this.#setStatus({ state: 'connecting' });
    this.#poll();
  }

  #halt(): void {
    this.#run += 1;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#cancelNextPoll?.();
    this.#cancelNextPoll = undefined;
    this.#stopOfflineChecks();
  }

  #poll(): void {
    const endpoint = this.#endpoint!;
    const { timers } = this.#options;
    const run = ++this.#run;
    const abort = new AbortController();
    this.#abort = abort;
    const sentCursor = this.#cursor;
    const startedAt = timers.now();
    let isAbandoned = false;
    const limitMs = this.#waitSeconds * 1000 + this.#graceMs;
    const cancelAbandon = timers.after(limitMs, () => {
      isAbandoned = true;
      abort.abort();
    });

    this.#options.requestCounts(endpoint, { since: sentCursor, waitSeconds: this.#waitSeconds, signal: abort.signal })
      .catch((error: unknown): PollOutcome => ({ kind: 'retry', problem: 'other', ...because('check.network.other', { details: String(error) }) }))
      .then((outcome) => {
        cancelAbandon();
        if (run !== this.#run) return;
        this.#abort = undefined;
        if (outcome.kind === 'aborted') {
          if (!isAbandoned) return;
          outcome = { kind: 'retry', problem: 'timeout', ...because('check.network.noAnswer', { seconds: Math.round(limitMs / 1000) }) };
        }
        this.#handle(outcome, sentCursor, timers.now() - startedAt, run);
      });
  }

  #handle(outcome: Exclude<PollOutcome, { kind: 'aborted' }>, sentCursor: string | undefined, tookMs: number, run: number): void {
    const { timers } = this.#options;
    if (outcome.kind === 'answer') {
      const isFirst = this.#isFirstAnswer;
      this.#isFirstAnswer = false;
      this.#attempt = 0;
      this.#cursor = outcome.answer.cursor;
      if (this.#status.state !== 'live') this.#setStatus({ state: 'live' });
      this.#options.onAnswer(outcome.answer, outcome.cut ? { isFirst, cut: outcome.cut } : { isFirst });
      // The listener may have stopped or re-pointed the loop.
      if (run !== this.#run) return;
      const isSpinning = sentCursor !== undefined && outcome.answer.cursor === sentCursor && tookMs < MIN_LOOP_MS;
      if (isSpinning) this.#after(MIN_LOOP_MS);
      else this.#poll();
      return;
    }
    if (outcome.kind === 'auth-failed') {
      this.#isFirstAnswer = true;
      this.#setStatus({ state: 'auth-failed', reason: outcome.reason });
      return;
    }
    if (outcome.isCursorRefused) this.#cursor = undefined;
    // A failed poll on a machine with no network: offline, not a countdown of retries that cannot work.
    if (this.#checkOnline() && !this.#isOnline) return;
    const delay = outcome.retryAfterMs ?? retryDelay(this.#attempt, { ...retryBounds.app, random: this.#options.random ?? Math.random });
    this.#attempt += 1;
    this.#isFirstAnswer = true;
    this.#setStatus({ state: 'retrying', reason: outcome.reason, nextTryAt: timers.now() + delay });
    this.#after(delay);
  }

  #goOffline(): void {
    this.#setStatus({ state: 'offline' });
    if (!this.#options.isOnline) return;
    const check = () => {
      this.#cancelOfflineCheck = this.#options.timers.after(OFFLINE_CHECK_MS, () => {
        if (!this.#checkOnline()) check();
      });
    };
    check();
  }

  #stopOfflineChecks(): void {
    this.#cancelOfflineCheck?.();
    this.#cancelOfflineCheck = undefined;
  }

  #after(ms: number): void {
    const run = this.#run;
    this.#cancelNextPoll = this.#options.timers.after(ms, () => {
      this.#cancelNextPoll = undefined;
      if (run === this.#run) this.#poll();
    });
  }

  #setStatus(status: PollerStatus): void {
    this.#status = status;
    this.#options.onStatus(status);
  }
}
