import type { ErrorFacts, ErrorKind } from '../../../common/protocol.ts';
import { decodedFolderNames } from './folder-names.ts';

/**
 * Turns what imapflow and Node throw into words a person can act on, and into
 * the kind of failure, which decides how soon to try again.
 */

/**
 * The kind is what a mailbox in error carries as `errorKind` (common/protocol.ts):
 * - `auth`: the server refused the login; retrying soon could lock the account.
 * - `setup`: something in the settings cannot work as written (no STARTTLS).
 * - `folder`: the folder cannot be opened (no such folder); retried as slowly as `setup`.
 * - `limit`: the login was refused with RFC 5530's [LIMIT] (too many connections); retried as slowly as `auth`.
 * - `certificate`: the server's certificate is not trusted.
 * - `connection`: anything else; likely to pass.
 */
export type FailureKind = Extract<ErrorKind, 'auth' | 'limit' | 'setup' | 'folder' | 'certificate' | 'connection'>;

export interface Failure {
  kind: FailureKind;
  /** Without the retry part: "login failed for ann@example.com: the server said AUTHENTICATIONFAILED". */
  words: string;
  /** What the app's words for the kind may name: the user, host, port or folder. */
  facts: ErrorFacts;
}

interface Where {
  host: string;
  port: number;
  user: string;
}

// Node's (OpenSSL's) verification codes, in words.
export const certificateProblems: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed and not trusted (to trust it, set "ca" to its PEM file)',
  SELF_SIGNED_CERT_IN_CHAIN: 'is signed by a private authority that is not trusted (to trust it, set "ca" to that authority\'s PEM file)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'is signed by an unknown authority (set "ca" to its PEM file to trust it)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'is signed by an unknown authority (set "ca" to its PEM file to trust it)',
  UNABLE_TO_GET_ISSUER_CERT: 'is signed by an unknown authority (set "ca" to its PEM file to trust it)',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: 'is not valid yet (is this computer\'s clock right?)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'is for another name',
  CERT_REVOKED: 'has been revoked',
};

export const networkProblems: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  ETIMEDOUT: 'no answer',
  CONNECT_TIMEOUT: 'no answer',
  GREETING_TIMEOUT: 'the server did not greet',
  ETIMEOUT: 'the server stopped answering',
  EPIPE: 'the connection was closed',
};

/** What went wrong while connecting, logging in or opening the folder. */
export function describeFailure(error: unknown, where: Where): Failure {
  const err = (error ?? {}) as Record<string, unknown>;
  const code = typeof err.code === 'string' ? err.code : undefined;
  const server = `${where.host}:${where.port}`;
  const { host, user } = where;
  const port = String(where.port);

  // The response code is the server's machine-readable reason (RFC 5530), not its prose.
  if (err.authenticationFailed && err.serverResponseCode === 'LIMIT') {
    return { kind: 'limit', words: `login failed for ${where.user}: the server said ${loginRefusal(err)}`, facts: { user, host } };
  }
  if (err.authenticationFailed) {
    return { kind: 'auth', words: `login failed for ${where.user}: the server said ${loginRefusal(err)}`, facts: { user, host } };
  }
  if (code && certificateProblems[code]) {
    return { kind: 'certificate', words: `the certificate of ${where.host} ${certificateProblems[code]}`, facts: { host } };
  }
  if (err.tlsFailed && /STARTTLS/.test(String(err.message))) {
    return {
      kind: 'setup',
      words: `${server} does not offer STARTTLS, which "security": "starttls" requires; nothing was sent in plain text`,
      facts: { host, port },
    };
  }
  if (err.folderFailed) {
    return {
      kind: 'folder',
      words: `the folder ${String(err.folder)} on ${where.host} cannot be opened: ${String(err.reason)}`,
      facts: { folder: String(err.folderName ?? err.folder), host },
    };
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|handshake/i.test(String(err.message))) {
    return {
      kind: 'connection',
      words: `TLS handshake with ${server} failed (is the port right for the "security" setting? 993 is TLS, 143 STARTTLS)`,
      facts: { host, port },
    };
  }
  const why = (code && networkProblems[code]) ?? (code ? `error ${code}` : 'the connection failed');
  // Node's code (ENOTFOUND...) goes to the app as a fact: it words a host that does not resolve apart.
  return { kind: 'connection', words: `cannot connect to ${server}: ${why}`, facts: code ? { host, port, code } : { host, port } };
}

/**
 * What the server said when it refused the login: its response code, else its
 * text. Never imapflow's `response`, the whole line with the command's tag
 * ("2 NO authentication failure", as Cyrus, Courier and Mailutils answer).
 */
function loginRefusal(err: Record<string, unknown>): string {
  if (typeof err.serverResponseCode === 'string') return err.serverResponseCode;
  if (typeof err.responseText === 'string' && err.responseText.trim()) return err.responseText.trim();
  // An answer imapflow made no text of (an Exchange refusal after login): strip the tag and status if there.
  if (typeof err.response === 'string' && err.response.trim()) return err.response.trim().replace(/^\S+ (?:NO|BAD) /i, '');
  return 'no';
}

/** The server's words from a refused command ("NONEXISTENT", "Mailbox doesn't exist: Foo"). */
export function serverWords(error: unknown): string {
  const err = (error ?? {}) as Record<string, unknown>;
  if (typeof err.serverResponseCode === 'string') return `the server said ${err.serverResponseCode}`;
  // Dovecot ends its answers with its timings, "(0.001 + 0.000 secs)": noise in a sentence for a person.
  if (typeof err.responseText === 'string' && err.responseText) {
    // A folder the server names in modified UTF-7 is shown decoded.
    return `the server said ${decodedFolderNames(err.responseText.replace(/\s*\([\d.+ ]+ secs\)\.?$/, ''))}`;
  }
  return err instanceof Error ? err.message : String(error);
}
