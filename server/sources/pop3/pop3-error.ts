import type { ErrorFacts, ErrorKind } from '../../../common/protocol.ts';
import { certificateProblems, networkProblems } from '../imap/imap-error.ts';
import type { Pop3Config } from './pop3-config.ts';
import { Pop3Refusal } from './pop3-client.ts';
import { Pop3ProtocolError } from './pop3-lines.ts';

/**
 * What went wrong in one check, as a mailbox's error: the kind (which decides
 * how soon to try again), words a person can act on, and the facts the app's
 * words for the kind may name.
 * - `auth`: USER or PASS refused (RFC 3206's [AUTH], or no code at all).
 * - `setup`: the settings cannot work as written: no STLS, no UIDL, not a POP3 port.
 * - `certificate`: the server's certificate is not trusted.
 * - `connection`: anything else (refused, reset, silent, a maildrop locked by another session); likely to pass.
 */
export interface Pop3Failure {
  kind: Extract<ErrorKind, 'auth' | 'setup' | 'certificate' | 'connection'>;
  words: string;
  facts: ErrorFacts;
}

export function describePop3Failure(error: unknown, config: Pop3Config): Pop3Failure {
  const { host, user } = config;
  const port = String(config.port);
  const server = `${host}:${port}`;
  if (error instanceof Pop3Refusal) {
    // RFC 3206: [IN-USE] is another session holding the maildrop's lock (a mail client downloading now), [SYS/TEMP] a passing fault.
    if (error.code === 'IN-USE' || error.code === 'SYS/TEMP') {
      return { kind: 'connection', words: `${server} cannot open the maildrop of ${user} now: the server said ${error.text}`, facts: { host, port, user } };
    }
    if (error.command === 'USER' || error.command === 'PASS') {
      return { kind: 'auth', words: `login failed for ${user}: the server said ${error.text}`, facts: { user, host } };
    }
    if (error.command === 'STLS') {
      return {
        kind: 'setup',
        words: `${server} does not offer STLS, which "security": "starttls" requires; nothing was sent in plain text (the server said ${error.text})`,
        facts: { host, port },
      };
    }
    if (error.command === 'UIDL') {
      return { kind: 'setup', words: `${server} refused UIDL, which Mailtray needs to tell new mail from old (the server said ${error.text})`, facts: { host, port } };
    }
    return { kind: 'connection', words: `${server} refused ${error.command}: ${error.text}`, facts: { host, port } };
  }
  if (error instanceof Pop3ProtocolError) {
    if (error.code === 'GREETING') {
      return {
        kind: 'setup',
        words: `${server} does not answer as a POP3 server (is the port right for the "security" setting? 995 is POP3S, 110 POP3 with STLS): ${error.message}`,
        facts: { host, port },
      };
    }
    return { kind: 'connection', words: `${server}: ${error.message}`, facts: { host, port } };
  }
  const err = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && certificateProblems[code]) {
    return { kind: 'certificate', words: `the certificate of ${host} ${certificateProblems[code]}`, facts: { host } };
  }
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|handshake/i.test(String(err.message))) {
    return {
      kind: 'connection',
      words: `TLS handshake with ${server} failed (is the port right for the "security" setting? 995 is POP3S, 110 POP3 with STLS)`,
      facts: { host, port },
    };
  }
  const why = (code && networkProblems[code]) ?? (code ? `error ${code}` : 'the connection failed');
  return { kind: 'connection', words: `cannot connect to ${server}: ${why}`, facts: code ? { host, port, code } : { host, port } };
}
