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

interface FailureWords {
  /** A few words for a tray menu row and the tooltip, where the whole sentence does not fit. */
  reason: string;
  bundled: string;
  remote: string;
}

const generic: FailureWords = {
  reason: 'failing',
  bundled: 'Mailtray keeps trying. If this stays, check the account in Settings.',
  remote: "Mailtray keeps trying. If this stays, tell the server's operator.",
};

const login: FailureWords = {
  reason: 'login failed',
  bundled: 'Check the user name and password of this account in Settings.',
  remote: "Ask the server's operator to check this mailbox's login.",
};

const hostNotFound: FailureWords = {
  reason: 'host not found',
  bundled: 'Check the host name of this account in Settings.',
  remote: "The server cannot find this mailbox's mail host; ask its operator.",
};

const wordsOfKind: Record<ErrorKind, FailureWords> = {
  auth: login,
  'auth-expired': {
    reason: 'sign in again',
    bundled: 'Sign in to this account again in Settings.',
    remote: "Ask the server's operator to sign this mailbox in again.",
  },
  certificate: {
    reason: 'TLS problem',
    bundled: 'Check the security (TLS or STARTTLS) and the port of this account in Settings.',
    remote: "Ask the server's operator to check this mailbox's TLS settings.",
  },
  connection: {
    reason: 'cannot connect',
    bundled: 'Check the host and port in Settings, and that the mail server is up. Mailtray keeps trying.',
    remote: "The server cannot reach this mailbox's mail host. Mailtray keeps trying.",
  },
  folder: {
    reason: 'folder not found',
    bundled: 'Check the folder name of this account in Settings.',
    remote: "Ask the server's operator to check this mailbox's folder.",
  },
  limit: {
    reason: 'too many connections',
    bundled: 'The mail server takes no more connections now. Mailtray keeps trying; close other mail apps if this stays.',
    remote: 'The mail server takes no more connections from the count server now. Mailtray keeps trying.',
  },
  setup: {
    reason: 'settings problem',
    bundled: 'Check the settings of this account in Settings.',
    remote: "Ask the server's operator to check this mailbox's settings.",
  },
  internal: generic,
};

// Node's codes for a host name that does not resolve, as the server passes them on in `errorFacts.code`.
const hostNotFoundCodes = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** Whether `kind` is one this app has words for; any other is read as a failure without advice. */
export function isKnownErrorKind(kind: unknown): kind is ErrorKind {
  return (errorKinds as readonly unknown[]).includes(kind);
}

function wordsOf({ errorKind, errorFacts }: MailboxFailure): FailureWords {
  if (!isKnownErrorKind(errorKind)) return generic;
  if (errorKind === 'connection' && hostNotFoundCodes.has(errorFacts?.code ?? '')) return hostNotFound;
  // The app's own kind of login failure: an account with no usable password saved (main/settings/settings.ts).
  if (errorKind === 'auth' && errorFacts?.missing === 'password') return { ...login, reason: 'password needed' };
  return wordsOfKind[errorKind];
}

/** The tray's few words for why a mailbox fails: "login failed", "folder not found", or "failing". */
export function failureReason(failure: MailboxFailure): string {
  return wordsOf(failure).reason;
}

/** The window's advice beside the server's sentence: what to do, and where (Settings, or the operator). */
export function failureAdvice(failure: MailboxFailure, mode: FailureMode): string {
  return wordsOf(failure)[mode];
}
