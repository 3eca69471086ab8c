import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../../server/sources/imap/imap-error.ts';

const where = { host: 'imap.example.com', port: 993, user: 'ann@example.com' };
const error = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('what a failing IMAP account says', () => {
  it.each([
    [{ authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' }, 'auth',
      'login failed for ann@example.com: the server said AUTHENTICATIONFAILED', { user: 'ann@example.com', host: 'imap.example.com' }],
    [{ authenticationFailed: true, response: 'Invalid credentials (Failure)' }, 'auth',
      'login failed for ann@example.com: the server said Invalid credentials (Failure)', { user: 'ann@example.com', host: 'imap.example.com' }],
    // imapflow's `response` is the whole line, tag first: the sentence takes the text alone.
    [{ authenticationFailed: true, response: '2 NO authentication failure', responseText: 'authentication failure' }, 'auth',
      'login failed for ann@example.com: the server said authentication failure', { user: 'ann@example.com', host: 'imap.example.com' }],
    [{ authenticationFailed: true, response: '2 NO Login failed.' }, 'auth',
      'login failed for ann@example.com: the server said Login failed.', { user: 'ann@example.com', host: 'imap.example.com' }],
    // RFC 5530's response code, not the text, says the refusal is a limit (Gmail: "[LIMIT] Too many simultaneous connections").
    [{ authenticationFailed: true, serverResponseCode: 'LIMIT', responseText: 'Too many simultaneous connections' }, 'limit',
      'login failed for ann@example.com: the server said LIMIT', { user: 'ann@example.com', host: 'imap.example.com' }],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'certificate',
      'the certificate of imap.example.com is self-signed and not trusted (to trust it, set "ca" to its PEM file)', { host: 'imap.example.com' }],
    [{ code: 'CERT_HAS_EXPIRED' }, 'certificate', 'the certificate of imap.example.com has expired', { host: 'imap.example.com' }],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'certificate', 'the certificate of imap.example.com is for another name', { host: 'imap.example.com' }],
    [{ tlsFailed: true, message: 'Server does not support STARTTLS' }, 'setup',
      'imap.example.com:993 does not offer STARTTLS, which "security": "starttls" requires; nothing was sent in plain text', { host: 'imap.example.com', port: '993' }],
    [{ folderFailed: true, folder: '"Lists"', folderName: 'Lists', reason: 'the server said NONEXISTENT' }, 'folder',
      'the folder "Lists" on imap.example.com cannot be opened: the server said NONEXISTENT', { folder: 'Lists', host: 'imap.example.com' }],
    [{ code: 'ECONNREFUSED' }, 'connection', 'cannot connect to imap.example.com:993: connection refused', { host: 'imap.example.com', port: '993', code: 'ECONNREFUSED' }],
    [{ code: 'ENOTFOUND' }, 'connection', 'cannot connect to imap.example.com:993: no such host', { host: 'imap.example.com', port: '993', code: 'ENOTFOUND' }],
    [{ code: 'CONNECT_TIMEOUT' }, 'connection', 'cannot connect to imap.example.com:993: no answer', { host: 'imap.example.com', port: '993', code: 'CONNECT_TIMEOUT' }],
    [{ code: 'EPROTO', message: 'wrong version number' }, 'connection',
      'TLS handshake with imap.example.com:993 failed (is the port right for the "security" setting? 993 is TLS, 143 STARTTLS)', { host: 'imap.example.com', port: '993' }],
    [{ code: 'EWHATEVER' }, 'connection', 'cannot connect to imap.example.com:993: error EWHATEVER', { host: 'imap.example.com', port: '993', code: 'EWHATEVER' }],
  ])('%o is a %s failure: %s', (fields, kind, words, facts) => {
    expect(describeFailure(error(fields), where)).toEqual({ kind, words, facts });
  });

  it('never repeats the error message text, which might echo what was sent', () => {
    const failure = describeFailure(error({ message: 'LOGIN ann hunter2 failed' }), where);
    expect(failure.words).not.toContain('hunter2');
  });
});
