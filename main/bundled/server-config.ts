import { newToken } from '../../server/tokens/token-table.ts';
import type { BundledAccounts } from '../settings/bundled-accounts.ts';
import { accountSourceEntry, presetEndpoints, type EndpointsFor } from './account-entry.ts';

/** The app's own client token for the bundled server: the plain one for the poller, the sha256: form for the config. */
export function newAppToken(): { token: string; hashed: string } {
  return newToken();
}

/**
 * The bundled server's config (DESIGN.md, "Server config"), made from the
 * user's accounts. It travels to the server process over its message channel,
 * never in argv or the environment, where other local users could read it.
 * The client token is sent only as its sha256: form; the app keeps the plain one.
 *
 * An account the app cannot log in with (its password unreadable) is still a
 * mailbox, so it keeps its row, but has no source: a source with an empty
 * password would make the server refuse the whole config.
 */
export function bundledServerConfig(
  { mailboxes, accounts }: BundledAccounts, clientTokenHashed: string, endpointsFor: EndpointsFor = presetEndpoints,
): Record<string, unknown> {
  return {
    // Port 0: the OS picks a free port; the server reports the one it got.
    listen: { host: '127.0.0.1', port: 0 },
    // The app marks messages read from its window and notifications (DESIGN.md, "Mark as read").
    clients: [{ name: 'mailtray-app', token: clientTokenHashed, mailboxes: '*', canMarkRead: true }],
    mailboxes: mailboxes.map(({ id, name }) => ({ id, name })),
    // One source per account, watching one folder (IMAP with IDLE, or Graph); a browser sign-in as OAuth2 the server refreshes.
    sources: accounts.map((a) => accountSourceEntry(a, endpointsFor)),
    limits: { heldPollsPerToken: 4, maxWaitSeconds: 120 },
  };
}
