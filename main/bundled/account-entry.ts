import { mailProvider, protocolOf, type OAuthEndpoints, type ProviderId } from '../../common/mail-providers.ts';
import type { AccountWithPassword } from '../settings/bundled-accounts.ts';

/** Where a provider's tokens come from; tests point it at their own OAuth server. */
export type EndpointsFor = (provider: ProviderId) => OAuthEndpoints | undefined;

export const presetEndpoints: EndpointsFor = (provider) => mailProvider(provider).oauth;

/** One account as the source entry its protocol needs: what the bundled server watches. */
export function accountSourceEntry(account: AccountWithPassword, endpointsFor: EndpointsFor = presetEndpoints): Record<string, unknown> {
  return protocolOf(account) === 'graph' ? graphSourceEntry(account, endpointsFor) : imapSourceEntry(account, endpointsFor);
}

/**
 * One account as an IMAP source entry of the server config (docs/sources.md, "IMAP
 * accounts"): what the bundled server watches, and what "Test account" tries.
 * Secrets are in it opened; it travels only over the server's message channel.
 */
export function imapSourceEntry(account: AccountWithPassword, endpointsFor: EndpointsFor = presetEndpoints): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    type: 'imap',
    mailbox: account.id,
    host: account.host,
    port: account.port,
    security: account.security,
    user: account.user,
    // Counted together as the account's one mailbox; the folder to IDLE in (the first) is the Inbox when it is counted.
    folders: account.folders.length > 0 ? account.folders : ['INBOX'],
  };
  if (account.ca) entry.ca = account.ca;
  const auth = oauthOf(account, endpointsFor);
  if (auth) entry.auth = auth;
  else entry.password = account.password;
  return entry;
}

/**
 * A Microsoft 365 account as a Graph source entry (docs/sources.md, "Microsoft Graph
 * accounts"): no host, port or certificate, Graph is Microsoft's; the sign-in as for IMAP
 * (an account without one never gets here: the settings call it unusable).
 */
export function graphSourceEntry(account: AccountWithPassword, endpointsFor: EndpointsFor = presetEndpoints): Record<string, unknown> {
  const entry: Record<string, unknown> = { type: 'graph', mailbox: account.id, user: account.user, folders: [...account.folders] };
  const auth = oauthOf(account, endpointsFor);
  if (auth) entry.auth = auth;
  return entry;
}

/** The account's browser sign-in as a source's `"auth"`, with its provider's token endpoint and mail scope. */
function oauthOf(account: AccountWithPassword, endpointsFor: EndpointsFor): Record<string, unknown> | undefined {
  const endpoints = account.oauth && account.provider ? endpointsFor(account.provider) : undefined;
  if (!account.oauth || !endpoints) return undefined;
  return {
    type: 'oauth2', tokenUrl: endpoints.tokenUrl, scope: endpoints.mailScope,
    clientId: account.oauth.clientId, refreshToken: account.oauth.refreshToken,
    ...(account.oauth.clientSecret ? { clientSecret: account.oauth.clientSecret } : {}),
  };
}
