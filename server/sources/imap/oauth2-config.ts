import { isAbsolute } from 'node:path';
import { mailProvider, oauthProviderIds, type ProviderId } from '../../../common/mail-providers.ts';
import { ConfigError, join, readSecret } from '../../config-check.ts';
import { Secret } from './secret.ts';

/** `"auth": {"type": "oauth2", ...}`: a refresh token the source turns into access tokens itself. */
export interface OAuth2Auth {
  kind: 'oauth2';
  tokenUrl: string;
  clientId: string;
  /** Google's installed apps have one, and it is not secret; Microsoft's public clients have none. */
  clientSecret?: Secret;
  refreshToken: Secret;
  /** Sent with each refresh; undefined: the scope granted at sign-in. */
  scope?: string;
  /** Where a stand-alone server keeps a rotated refresh token (mode 0600), so a restart does not lose it. */
  stateFile?: string;
}

/** An oauth2 auth as config.schema.json lets it be (checked with its imap entry). */
interface CheckedOAuth2Entry {
  provider?: ProviderId;
  tokenUrl?: string;
  clientId: string;
  clientSecret?: unknown;
  refreshToken: unknown;
  scope?: string;
  stateFile?: string;
}

/** Reads `"auth"`: the schema checked its fields; here the secrets, the provider's defaults and the rules it leaves to these words. */
export function parseOAuth2Auth(value: unknown, at: string, env: NodeJS.ProcessEnv): OAuth2Auth {
  const entry = value as CheckedOAuth2Entry;
  const provider = entry.provider === undefined ? undefined : mailProvider(entry.provider).oauth!;
  if (!provider && entry.tokenUrl === undefined) {
    throw new ConfigError(at, `give "provider" (${oauthProviderIds.map((id) => JSON.stringify(id)).join(' or ')}) or "tokenUrl"`);
  }
  const tokenUrl = entry.tokenUrl === undefined ? provider!.tokenUrl : readSecureUrl(entry.tokenUrl, join(at, 'tokenUrl'), 'https://oauth2.example.com/token');
  const auth: OAuth2Auth = {
    kind: 'oauth2',
    tokenUrl,
    clientId: entry.clientId,
    refreshToken: new Secret(readSecret(entry.refreshToken, join(at, 'refreshToken'), env)),
  };
  if (entry.clientSecret !== undefined) auth.clientSecret = new Secret(readSecret(entry.clientSecret, join(at, 'clientSecret'), env));
  const scope = entry.scope ?? provider?.mailScope;
  if (scope !== undefined) auth.scope = scope;
  if (entry.stateFile !== undefined) {
    // The schema's pattern accepts either platform's form; this machine's own rule decides.
    if (!isAbsolute(entry.stateFile)) throw new ConfigError(join(at, 'stateFile'), 'must be an absolute path');
    auth.stateFile = entry.stateFile;
  }
  return auth;
}

/**
 * HTTPS, as a token (refresh or access) must never cross a network in plain text; plain HTTP only on
 * this machine (tests, a local proxy). `example` is the address the sentence offers.
 */
export function readSecureUrl(text: string, at: string, example: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(at, `must be a web address such as ${example}`);
  }
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new ConfigError(at, 'must be an https:// address (plain http:// only for 127.0.0.1)');
  }
  return url.href;
}
