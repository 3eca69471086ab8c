import type { BackoffOptions } from '../../common/retry.ts';
import type { Timers } from '../../common/timers.ts';

/**
 * What tests may set on a source that asks a mail server over the network
 * (POP3, JMAP, Microsoft Graph); the config does not set these.
 */
export interface PolledSourceKnobs {
  timers?: Timers;
  random?: () => number;
  /** Backoff after a failure that may pass (a lost connection); never longer than the source's interval. */
  backoff?: BackoffOptions;
  /** The wait after refused credentials, a missing folder or a setting that cannot work: slow, so the server does not lock the account. */
  slowRetryMs?: number;
  /** How long one request or answer may take. */
  timeoutMs?: number;
}

/** A refusal will not be fixed in a minute: asked again after 15 minutes. */
export const SLOW_RETRY_MS = 15 * 60_000;
export const TIMEOUT_MS = 30_000;
