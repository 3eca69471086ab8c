import type { Translator } from './i18n/translator.ts';
import { errorKinds, type ErrorFacts, type ErrorKind } from './protocol.ts';

/**
 * Why a mailbox fails, in the app's words: the tray's short reason and the
 * window's advice, from the `errorKind` (and facts) the server sends
 * (DESIGN.md, "Why a mailbox fails, as data"). The server's `error` sentence
 * is shown as it is and never read for meaning: a server too old to send a
 * kind, or one sending a kind this app does not know, gets the generic words.
 */

/** Whose settings hold the fix: the app's own (bundled server) or the operator's (remote). */
export type FailureMode = 'bundled' | 'remote';

export interface MailboxFailure {
  errorKind?: string | undefined;
  errorFacts?: ErrorFacts | undefined;
}

/** Which words a failure gets: one of the catalogue's `failure.*` groups. */
type FailureWords =
  | 'auth'
  | 'authExpired'
  | 'certificate'
  | 'connection'
  | 'folder'
  | 'generic'
  | 'hostNotFound'
  | 'limit'
  | 'setup';

const wordsOfKind: Record<ErrorKind, FailureWords> = {
  auth: 'auth',
  'auth-expired': 'authExpired',
  certificate: 'certificate',
  connection: 'connection',
  folder: 'folder',
  limit: 'limit',
  setup: 'setup',
  internal: 'generic',
};

// Node's codes for a host name that does not resolve, as the server passes them on in `errorFacts.code`.
const hostNotFoundCodes = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** Whether `kind` is one this app has words for; any other is read as a failure without advice. */
export function isKnownErrorKind(kind: unknown): kind is ErrorKind {
  return (errorKinds as readonly unknown[]).includes(kind);
}

function wordsOf({ errorKind, errorFacts }: MailboxFailure): FailureWords {
  if (!isKnownErrorKind(errorKind)) return 'generic';
  if (errorKind === 'connection' && hostNotFoundCodes.has(errorFacts?.code ?? '')) return 'hostNotFound';
  return wordsOfKind[errorKind];
}

/** The tray's few words for why a mailbox fails: "login failed", "folder not found", or "failing". */
export function failureReason(failure: MailboxFailure, words: Translator): string {
  // The app's own kind of login failure: an account with no usable password saved (main/settings/settings.ts).
  if (failure.errorKind === 'auth' && failure.errorFacts?.missing === 'password') return words.t('failure.reason.passwordNeeded');
  return words.t(`failure.reason.${wordsOf(failure)}`);
}

/** The window's advice beside the server's sentence: what to do, and where (Settings, or the operator). */
export function failureAdvice(failure: MailboxFailure, mode: FailureMode, words: Translator): string {
  return words.t(`failure.${mode}.${wordsOf(failure)}`);
}
