import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { mailProvider, type ProviderId } from '../../common/mail-providers.ts';
import { accountSourceEntry, type EndpointsFor } from '../../main/bundled/account-entry.ts';
import { testAccount as testAccountInWords } from '../../main/bundled/account-test.ts';
import { bundledServerConfig } from '../../main/bundled/server-config.ts';
import type { AccountWithPassword } from '../../main/settings/bundled-accounts.ts';
import { parseConfig } from '../../server/config/server-config.ts';
import { startGraphStandIn, type GraphStandIn } from '../helpers/graph-stand-in.ts';
import { appClientId, startOAuthServer, type OAuthServer } from '../helpers/oauth-server.ts';

const english = translatorFor('en');

/** "Test account" with its result worded as the window shows it in English. */
async function testAccount(...args: Parameters<typeof testAccountInWords>) {
  const result = await testAccountInWords(...args);
  return { ...result, message: english.say(result.message) };
}

describe('a Microsoft 365 (Graph) account in the app: its source entry and "Test account" (Graph stand-in, real OAuth server)', () => {
  let oauth: OAuthServer;
  let graph: GraphStandIn;

  beforeAll(async () => {
    oauth = await startOAuthServer();
    graph = await startGraphStandIn({ acceptToken: (token) => oauth.isActive(token) });
    const inbox = graph.folderId('inbox');
    graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'one', receivedDateTime: '2026-12-04T09:00:00Z' });
    graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'two', receivedDateTime: '2026-12-04T09:05:00Z' });
  });
  afterAll(async () => {
    await graph?.stop();
    await oauth?.stop();
  });

  /** The test's own authorization server in place of Microsoft's, with a scope it grants. */
  const endpointsFor: EndpointsFor = (provider: ProviderId) => ({ ...mailProvider(provider).oauth!, tokenUrl: oauth.tokenUrl, mailScope: 'openid offline_access email mail' });
  const account = async (fields: Partial<AccountWithPassword> = {}): Promise<AccountWithPassword> => ({
    id: 'work', name: 'Work', host: 'graph.microsoft.com', port: 443, security: 'tls', user: 'ann@contoso.example', folders: ['INBOX'], folderChoice: 'inbox',
    provider: 'microsoft-graph', protocol: 'graph', signIn: 'oauth2', password: '',
    oauth: { clientId: appClientId, refreshToken: await oauth.refreshTokenFor('ann@contoso.example') },
    ...fields,
  });
  /** The entry the bundled server would get, pointed at the stand-in instead of graph.microsoft.com. */
  const atStandIn = (entry: Record<string, unknown>) => ({ ...entry, graphUrl: graph.graphUrl });

  it('becomes a graph source entry (no host, port or password) that the server accepts; without a protocol, an IMAP one', async () => {
    const graphAccount = await account();
    expect(accountSourceEntry(graphAccount, endpointsFor)).toEqual({
      type: 'graph', mailbox: 'work', user: 'ann@contoso.example', folders: ['INBOX'],
      auth: { type: 'oauth2', tokenUrl: oauth.tokenUrl, scope: 'openid offline_access email mail', clientId: appClientId, refreshToken: graphAccount.oauth!.refreshToken },
    });
    // With Microsoft's own endpoints: Graph's scope, Mail.ReadWrite for marking read.
    expect(accountSourceEntry(graphAccount)).toMatchObject({ auth: { scope: 'https://graph.microsoft.com/Mail.ReadWrite offline_access' } });
    const config = bundledServerConfig({ mailboxes: [{ id: 'work', name: 'Work' }], accounts: [graphAccount], unusable: new Map() }, `sha256:${'0'.repeat(64)}`);
    expect(parseConfig(config, { env: {} }).sources.map((s) => s.type)).toEqual(['graph']);

    const { protocol: _protocol, ...imapAccount } = await account({ provider: 'microsoft', host: 'outlook.office365.com', port: 993 });
    expect(accountSourceEntry(imapAccount)).toMatchObject({ type: 'imap', host: 'outlook.office365.com', port: 993 });
  });

  it('"Test account" signs in and counts the folder (Graph\'s inbox, whatever case it is typed in), handing back a rotated refresh token to keep', async () => {
    const fresh = await account();
    const result = await testAccount(atStandIn(accountSourceEntry(fresh, endpointsFor)));
    expect(result).toMatchObject({ ok: true, unseen: 2, message: 'Signed in as ann@contoso.example: 2 unread in INBOX.' });
    // The test's authorization server rotates refresh tokens, as Microsoft does.
    expect(result.rotatedRefreshToken).toMatch(/^\S{20,}$/);
    expect(result.rotatedRefreshToken).not.toBe(fresh.oauth!.refreshToken);
  });

  it('uses the access token the sign-in just brought, asking the token endpoint nothing', async () => {
    const fresh = await account();
    const granted = await (await fetch(oauth.tokenUrl, {
      method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: appClientId, refresh_token: fresh.oauth!.refreshToken }),
    })).json() as { access_token: string };
    const before = oauth.tokenRequests().length;
    const result = await testAccount(atStandIn(accountSourceEntry(fresh, endpointsFor)), { accessToken: granted.access_token });
    expect(result).toMatchObject({ ok: true, unseen: 2 });
    expect(oauth.tokenRequests().length).toBe(before);
  });

  it('says which folder is not there, and asks to sign in again when the grant is revoked', async () => {
    const missing = await testAccount(atStandIn(accountSourceEntry(await account({ folders: ['Clients'] }), endpointsFor)));
    expect(missing).toMatchObject({
      ok: false, problem: 'folder', message: 'No such folder: ann@contoso.example has no folder "Clients": there is no folder "Clients".',
    });
    const revoked = await account();
    await oauth.revoke(revoked.oauth!.refreshToken);
    expect(await testAccount(atStandIn(accountSourceEntry(revoked, endpointsFor)))).toMatchObject({ ok: false, problem: 'consent' });
  });
});
