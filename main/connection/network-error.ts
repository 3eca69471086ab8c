/** What went wrong on the wire, as a problem kind and words a person can act on. */
export type NetworkProblem = 'dns' | 'refused' | 'tls' | 'plain-http' | 'timeout' | 'reset' | 'offline' | 'other';

// TLS failures in words. Node's own messages for these are OpenSSL's
// ("write EPROTO 4089...:error:0A00010B:SSL routines:ssl3_get_record:wrong
// version number:../deps/openssl/..."), which no one should be shown.
const tlsReasons: Record<string, string> = {
  CERT_HAS_EXPIRED: "TLS problem: the server's certificate has expired",
  CERT_NOT_YET_VALID: "TLS problem: the server's certificate is not valid yet (check this computer's clock)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "TLS problem: the server's certificate is self-signed, so it cannot be checked",
  SELF_SIGNED_CERT_IN_CHAIN: "TLS problem: the server's certificate comes from an authority this computer does not trust",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS problem: the server's certificate cannot be checked (an intermediate certificate is missing)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "TLS problem: the server's certificate comes from an authority this computer does not trust",
  ERR_TLS_CERT_ALTNAME_INVALID: "TLS problem: the server's certificate is for another host name",
};
const PLAIN_HTTP = 'this server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS';

/** Sorts a Node/axios error code (`ECONNREFUSED`, `ENOTFOUND`...) into a problem and a sentence. */
export function describeNetworkError(code: string | undefined, message: string): { problem: NetworkProblem; reason: string } {
  switch (code) {
    case 'ECONNREFUSED':
      return { problem: 'refused', reason: 'server unreachable (connection refused)' };
    case 'ENOTFOUND':
      return { problem: 'dns', reason: 'server not found (no such host name)' };
    case 'EAI_AGAIN':
      // A lookup that cannot even be tried is what a machine without a network sees.
      return { problem: 'offline', reason: 'no network (host name lookup failed)' };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return { problem: 'offline', reason: 'no network (host unreachable)' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_BAD_RESPONSE':
      return { problem: 'reset', reason: 'the connection was cut' };
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return { problem: 'timeout', reason: 'the server did not answer in time' };
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      // An https:// request answered in plain HTTP: OpenSSL reads "HTTP/1.1" as a record of an unknown version.
      if (/wrong.version.number|packet.length.too.long|http.request/i.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
        return { problem: 'plain-http', reason: PLAIN_HTTP };
      }
      return { problem: 'tls', reason: 'TLS problem: the secure connection could not be set up' };
    default:
      if (code !== undefined && tlsReasons[code]) return { problem: 'tls', reason: tlsReasons[code] };
      if (code !== undefined && /^ERR_SSL_|^ERR_TLS_/.test(code)) return { problem: 'tls', reason: 'TLS problem: the secure connection could not be set up' };
      return { problem: 'other', reason: firstLine(message) || 'the request failed' };
  }
}

/** A message's first line, without OpenSSL's "error:0A000...:SSL routines:..." tail. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/:?\s*[0-9A-F]*:error:[0-9A-F]+:.*$/i, '').trim();
}
