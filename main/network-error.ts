/** What went wrong on the wire, as a problem kind and words a person can act on. */
export type NetworkProblem = 'dns' | 'refused' | 'tls' | 'timeout' | 'reset' | 'offline' | 'other';

const tlsCodes = new Set([
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_NOT_YET_VALID', 'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

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
    default:
      if (code !== undefined && tlsCodes.has(code)) return { problem: 'tls', reason: `TLS problem: ${message}` };
      return { problem: 'other', reason: message || 'the request failed' };
  }
}
