import type { ErrorFacts, ErrorKind } from '../../../common/protocol.ts';
import { certificateProblems, networkProblems } from '../imap/imap-error.ts';
import { TokenFailure } from '../imap/token-endpoint.ts';
import { JmapAnswerError, JmapHttpError, JmapMethodError } from './jmap-client.ts';
import type { JmapConfig } from './jmap-config.ts';

/**
 * What went wrong in one check, as a mailbox's error: the kind (which decides
 * how soon to try again), words a person can act on, and the facts the app's
 * words for the kind may name.
 * - `auth`: the server refused the credentials (401, 403).
 * - `auth-expired`: the OAuth2 sign-in was revoked or expired; only a new sign-in helps.
 * - `limit`: the server throttles (429, or RFC 8620's urn:ietf:params:jmap:error:limit).
 * - `folder`: a folder the config names is not in the account (set by the source, not here).
 * - `setup`: the settings cannot work: no JMAP at that address, no mail account, a client id refused.
 * - `certificate`: the server's certificate is not trusted.
 * - `connection`: anything else (refused, reset, timed out, a 5xx); likely to pass.
 */
export interface JmapFailure {
  kind: Extract<ErrorKind, 'auth' | 'auth-expired' | 'limit' | 'folder' | 'setup' | 'certificate' | 'connection'>;
  words: string;
  facts: ErrorFacts;
}

export function describeJmapFailure(error: unknown, config: JmapConfig): JmapFailure {
  const url = new URL(config.sessionUrl);
  const host = url.host;
  const { user } = config;
  if (error instanceof TokenFailure) {
    if (error.kind === 'revoked') return { kind: 'auth-expired', words: error.message, facts: { user, host } };
    return { kind: error.kind === 'setup' ? 'setup' : 'connection', words: error.message, facts: { user, host } };
  }
  if (error instanceof JmapHttpError) {
    const said = `the server answered ${error.status}${error.problemType ? ` (${error.problemType})` : ''}`;
    if (error.status === 401 || error.status === 403) {
      const credential = config.auth.kind === 'password' ? 'password' : 'access token';
      return { kind: 'auth', words: `${host} refused the ${credential} of ${user}: ${said}`, facts: { user, host } };
    }
    if (error.status === 429 || error.problemType === 'urn:ietf:params:jmap:error:limit') {
      return { kind: 'limit', words: `${host} asks ${user} to slow down: ${said}`, facts: { user, host } };
    }
    if (error.request === 'session' && (error.status === 404 || error.status === 405)) {
      return { kind: 'setup', words: `there is no JMAP session at ${config.sessionUrl} (${said}); check "url"`, facts: { host } };
    }
    return { kind: 'connection', words: `${host}: ${said}`, facts: { host } };
  }
  if (error instanceof JmapAnswerError) return { kind: 'setup', words: error.message, facts: { host } };
  if (error instanceof JmapMethodError) {
    const kind = error.type === 'accountNotFound' || error.type === 'forbidden' || error.type === 'accountNotSupportedByMethod' ? 'setup' : 'connection';
    return { kind, words: `${host}: ${error.message}`, facts: { host } };
  }
  // fetch rejects with a TypeError whose cause is Node's socket or TLS error.
  const err = (error ?? {}) as { name?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  if (code && certificateProblems[code]) {
    return { kind: 'certificate', words: `the certificate of ${url.hostname} ${certificateProblems[code]}`, facts: { host: url.hostname } };
  }
  if (err.name === 'TimeoutError') return { kind: 'connection', words: `${host} did not answer in time`, facts: { host } };
  const why = (code && networkProblems[code]) ?? (code ? `error ${code}` : 'the connection failed');
  return { kind: 'connection', words: `cannot connect to ${host}: ${why}`, facts: code ? { host, code } : { host } };
}
