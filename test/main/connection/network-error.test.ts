import { describe, expect, test } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { describeNetworkError } from '../../../main/connection/network-error.ts';

const english = translatorFor('en');

// What Node reports for these, verbatim: OpenSSL's text must never reach a person.
const openSslWrongVersion = 'write EPROTO 40F8E1C5F67F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:355:\n';

describe('a network error in words', () => {
  test.each([
    ['EPROTO', openSslWrongVersion, 'plain-http', 'this server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number', 'plain-http', 'this server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS'],
    ['EPROTO', 'write EPROTO 40F8:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure', 'tls', 'TLS problem: the secure connection could not be set up'],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'tls', "TLS problem: the server's certificate has expired"],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'tls', "TLS problem: the server's certificate is self-signed, so it cannot be checked"],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", 'tls', "TLS problem: the server's certificate is for another host name"],
    ['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'error:0A000119:SSL routines', 'tls', 'TLS problem: the secure connection could not be set up'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', 'refused', 'server unreachable (connection refused)'],
    [undefined, 'socket hang up', 'other', 'socket hang up'],
  ])('%s (%s) is %s: %j', (code, message, problem, reason) => {
    const described = describeNetworkError(code, message);
    expect(described).toMatchObject({ problem, reason });
    expect(english.say(described.words)).toBe(reason);
    expect(described.reason).not.toMatch(/SSL routines|error:0A|deps\/openssl/);
  });
});
