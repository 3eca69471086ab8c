import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import { translatorFor, type Words } from '../../common/i18n/translator.ts';

/** What went wrong on the wire, as a problem kind and words a person can act on. */
export type NetworkProblem = 'dns' | 'refused' | 'tls' | 'plain-http' | 'timeout' | 'reset' | 'offline' | 'other';

/**
 * Why a request failed: `words` for whoever shows it (the window and the tray
 * word them in the person's language), `reason` the same in English for logs
 * and the places not worded yet.
 */
export interface Because {
  words: Words;
  reason: string;
}

const english = translatorFor('en');

/** A reason from the catalogue, with its English for logs. */
export function because(key: MessageKey, values?: Words['values']): Because {
  const words: Words = values === undefined ? { key } : { key, values };
  return { words, reason: english.say(words) };
}

// TLS failures in words. Node's own messages for these are OpenSSL's
// ("write EPROTO 4089...:error:0A00010B:SSL routines:ssl3_get_record:wrong
// version number:../deps/openssl/..."), which no one should be shown.
const tlsReasons: Record<string, MessageKey> = {
  CERT_HAS_EXPIRED: 'check.network.tlsExpired',
  CERT_NOT_YET_VALID: 'check.network.tlsNotYetValid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'check.network.tlsSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'check.network.tlsUntrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'check.network.tlsIncomplete',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'check.network.tlsUntrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'check.network.tlsWrongHost',
};

/** Sorts a Node/axios error code (`ECONNREFUSED`, `ENOTFOUND`...) into a problem and words. */
export function describeNetworkError(code: string | undefined, message: string): { problem: NetworkProblem } & Because {
  switch (code) {
    case 'ECONNREFUSED':
      return { problem: 'refused', ...because('check.network.refused') };
    case 'ENOTFOUND':
      return { problem: 'dns', ...because('check.network.notFound') };
    case 'EAI_AGAIN':
      // A lookup that cannot even be tried is what a machine without a network sees.
      return { problem: 'offline', ...because('check.network.offlineLookup') };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return { problem: 'offline', ...because('check.network.offlineUnreachable') };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_BAD_RESPONSE':
      return { problem: 'reset', ...because('check.network.reset') };
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return { problem: 'timeout', ...because('check.network.timeout') };
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      // An https:// request answered in plain HTTP: OpenSSL reads "HTTP/1.1" as a record of an unknown version.
      if (/wrong.version.number|packet.length.too.long|http.request/i.test(message) || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
        return { problem: 'plain-http', ...because('check.network.plainHttp') };
      }
      return { problem: 'tls', ...because('check.network.tls') };
    default: {
      if (code !== undefined && tlsReasons[code]) return { problem: 'tls', ...because(tlsReasons[code]) };
      if (code !== undefined && /^ERR_SSL_|^ERR_TLS_/.test(code)) return { problem: 'tls', ...because('check.network.tls') };
      // An error no case above knows: the system's own words (English), as they are.
      const said = firstLine(message);
      return { problem: 'other', ...(said ? because('check.network.other', { details: said }) : because('check.network.failed')) };
    }
  }
}

/** A message's first line, without OpenSSL's "error:0A000...:SSL routines:..." tail. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/:?\s*[0-9A-F]*:error:[0-9A-F]+:.*$/i, '').trim();
}
