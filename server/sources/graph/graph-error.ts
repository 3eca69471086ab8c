import type { ErrorFacts, ErrorKind } from '../../../common/protocol.ts';
import { certificateProblems, networkProblems } from '../imap/imap-error.ts';
import { TokenFailure } from '../imap/token-endpoint.ts';
import { GraphLinkRefused, GraphRefusal } from './graph-client.ts';
import type { GraphConfig } from './graph-config.ts';
import { FolderMissing } from './graph-folder.ts';

/**
 * What went wrong in one round, as the mailbox's error (DESIGN.md, "Why a mailbox fails"):
 * - `auth-expired`: the refresh token is revoked or expired, or Graph refused a freshly refreshed
 *   access token; only a new sign-in helps, so the source stops asking.
 * - `auth`: the sign-in is valid but may not read mail (403: no Mail.ReadWrite consent, no mailbox).
 * - `limit`: Graph throttled (429, or 503 with Retry-After), again and again.
 * - `folder`: a configured folder is not there.
 * - `setup`: the token endpoint refused the client id.
 * - `certificate`, `connection`: anything on the way; likely to pass.
 */
export interface GraphFailure {
  kind: Extract<ErrorKind, 'auth-expired' | 'auth' | 'limit' | 'folder' | 'setup' | 'certificate' | 'connection'>;
  words: string;
  facts: ErrorFacts;
  /** The wait Graph asked for (Retry-After), when it asked. */
  retryAfterMs?: number;
}

export function describeGraphFailure(error: unknown, config: GraphConfig): GraphFailure {
  const host = new URL(config.graphUrl).host;
  const who = config.user ?? 'the signed-in account';
  const facts: ErrorFacts = config.user === undefined ? { host } : { host, user: config.user };
  if (error instanceof TokenFailure) {
    const kind = error.kind === 'revoked' ? 'auth-expired' : error.kind;
    return { kind, words: `${who}: ${error.message}`, facts };
  }
  if (error instanceof FolderMissing) {
    return { kind: 'folder', words: `${who} has no folder "${error.folder}": ${error.message}`, facts: { ...facts, folder: error.folder } };
  }
  if (error instanceof GraphRefusal) {
    const said = error.code ? `${error.code}: ${error.message}` : `${error.status} ${error.message}`;
    if (error.status === 401) {
      return { kind: 'auth-expired', words: `${host} refused the access token of ${who} even after a refresh (${said}); sign in again`, facts };
    }
    if (error.status === 403) {
      return { kind: 'auth', words: `${host} does not let ${who} read mail (${said}); sign in again and allow mail access`, facts };
    }
    if (error.status === 429 || (error.status === 503 && error.retryAfterMs !== undefined)) {
      const failure: GraphFailure = { kind: 'limit', words: `${host} is throttling ${who} (${error.status})`, facts };
      if (error.retryAfterMs !== undefined) failure.retryAfterMs = error.retryAfterMs;
      return failure;
    }
    return { kind: 'connection', words: `${host} answered ${said}`, facts: { ...facts, status: String(error.status) } };
  }
  if (error instanceof GraphLinkRefused) return { kind: 'connection', words: error.message, facts };
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && certificateProblems[code]) {
    return { kind: 'certificate', words: `the certificate of ${host} ${certificateProblems[code]}`, facts };
  }
  const name = (error as { name?: unknown } | undefined)?.name;
  const why = name === 'TimeoutError' ? 'no answer' : (code && networkProblems[code]) ?? (code ? `error ${code}` : 'the connection failed');
  return { kind: 'connection', words: `cannot reach ${host}: ${why}`, facts };
}
