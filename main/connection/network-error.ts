import { because, type ConnectionReason } from '../../common/connection.ts';
import type { MessageKey } from '../../common/i18n/catalogues/en.ts';

/** What went wrong on the wire, as a problem kind and words a person can act on. */
export type NetworkProblem = 'dns' | 'refused' | 'tls' | 'plain-http' | 'timeout' | 'reset' | 'offline' | 'other';

// TLS failures in words. Node's own messages for these are OpenSSL's
// ("write EPROTO 4089...:error:0A00010B:SSL routines:ssl3_get_record:wrong
// version number:../deps/openssl/..."), which no one should be shown.
const tlsReasons: Record<string, MessageKey> = {
  CERT_HAS_EXPIRED: 'connection.reason.tlsExpired',
  CERT_NOT_YET_VALID: 'connection.reason.tlsNotYetValid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'connection.reason.tlsSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'connection.reason.tlsUntrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'connection.reason.tlsIncomplete',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'connection.reason.tlsUntrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'connection.reason.tlsWrongHost',
};

/**
 * Sorts a Node/axios error code (`ECONNREFUSED`, `ENOTFOUND`...) into a problem
 * and a sentence (in English, and as catalogue words: see `ConnectionReason`).
 */
export function describeNetworkError(code: string | undefined, message: string): { problem: NetworkProblem } & Required<ConnectionReason> {
  switch (code) {
    case 'ECONNREFUSED':
      return { problem: 'refused', ...because('connection.reason.refused') };
    case 'ENOTFOUND':
      return { problem: 'dns', ...because('connection.reason.dns') };
    case 'EAI_AGAIN':
      // A lookup that cannot even be tried is what a machine without a network sees.
      return { problem: 'offline', ...because('connection.reason.offlineLookup') };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return { problem: 'offline', ...because('connection.reason.offlineUnreachable') };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_BAD_RESPONSE':
      return { problem: 'reset', ...because('connection.reason.reset') };
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return { problem: 'timeout', ...because('connection.reason.timeout') };
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      // An https:// request answered in plain HTTP: OpenSSL reads "HTTP/1.1" as a record of an unknown version.
      if (/wrong.version.number|packet.length.too.long|http.request/i.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
        return { problem: 'plain-http', ...because('connection.reason.plainHttp') };
      }
      return { problem: 'tls', ...because('connection.reason.tls') };
    default: {
      if (code !== undefined && tlsReasons[code]) return { problem: 'tls', ...because(tlsReasons[code]) };
      if (code !== undefined && /^ERR_SSL_|^ERR_TLS_/.test(code)) return { problem: 'tls', ...because('connection.reason.tls') };
      // Words for a failure Mailtray has none of its own for: the system's, as they are.
      const said = firstLine(message);
      return { problem: 'other', ...(said ? because('connection.reason.other', { message: said }) : because('connection.reason.requestFailed')) };
    }
  }
}

/** A message's first line, without OpenSSL's "error:0A000...:SSL routines:..." tail. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/:?\s*[0-9A-F]*:error:[0-9A-F]+:.*$/i, '').trim();
}
