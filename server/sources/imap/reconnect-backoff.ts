import { retryBounds, retryDelay, type BackoffOptions } from '../../../common/retry.ts';
import type { Failure, FailureKind } from './imap-error.ts';

/** How long to wait before reconnecting, and why not sooner. */
export interface ReconnectBackoff extends BackoffOptions {
  /** After a refused login: slow, so the server does not lock the account. */
  authMs: number;
}

export const defaultBackoff: ReconnectBackoff = { ...retryBounds.imapReconnect, authMs: 15 * 60_000 };

/** A failure an account retries: what imap-error.ts words, or one of its own it did not expect. */
export type RetriedFailure = Omit<Failure, 'kind'> & { kind: FailureKind | 'internal' };

/**
 * The wait before the next connection. What a soon retry cannot fix (a
 * refused login, a connection limit, the setup, a folder) waits `authMs`;
 * anything else backs off with full jitter from the attempt.
 */
export function reconnectDelay(kind: RetriedFailure['kind'], attempt: number, backoff: ReconnectBackoff, random: () => number): number {
  return kind === 'auth' || kind === 'limit' || kind === 'setup' || kind === 'folder'
    ? backoff.authMs
    : retryDelay(attempt, { ...backoff, random });
}
