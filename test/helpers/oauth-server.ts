/**
 * A real OAuth2 / OpenID authorization server for tests: oidc-provider on
 * 127.0.0.1, a free port. It issues opaque access tokens with a short life,
 * rotates refresh tokens for the app's public client as Microsoft does (and
 * revokes the whole grant when a rotated-away token is used again), answers
 * token introspection for Dovecot's passdb, and revokes on request. Its
 * development login and consent pages are real HTML forms a browser fills in.
 */
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

export const appClientId = 'mailtray-test-app';
/** The client Dovecot authenticates as when it introspects a token. */
export const dovecotClient = { id: 'dovecot', secret: 'dovecot-introspection-secret-1' };

export interface OAuthServerOptions {
  /** Access token lifetime in seconds (default 3600). */
  accessTokenSeconds?: number;
}

export interface OAuthServer {
  issuer: string;
  tokenUrl: string;
  authorizationUrl: string;
  introspectionUrl: string;
  /** The introspection endpoint with the Dovecot client's credentials in it, as Dovecot's passdb oauth2 takes it. */
  dovecotIntrospectionUrl: string;
  /** A refresh token for `user`, issued by the provider's own models as a finished sign-in would. */
  refreshTokenFor(user: string, scope?: string): Promise<string>;
  /** Revokes a refresh token (and with it the grant), as a user removing the app's access does. */
  revoke(refreshToken: string): Promise<void>;
  /** Every token endpoint call so far, by grant type, with whether it succeeded. */
  tokenRequests(): Array<{ grant: string; ok: boolean }>;
  /** Whether an access token is live (RFC 7662 introspection, as a resource server such as the Graph stand-in asks). */
  isActive(accessToken: string): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<OAuthServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: appClientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // RFC 8252 7.3: for a loopback redirect the port is not compared, as the app picks one at random.
        redirect_uris: ['http://127.0.0.1/'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
      { client_id: dovecotClient.id, client_secret: dovecotClient.secret, grant_types: [], response_types: [], redirect_uris: [] },
    ],
    scopes: ['openid', 'offline_access', 'email', 'mail'],
    claims: { openid: ['sub'], email: ['email'] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenSeconds ?? 3600,
      AuthorizationCode: 60,
      RefreshToken: 24 * 3600,
      Grant: 24 * 3600,
      Session: 3600,
      Interaction: 3600,
      IdToken: 3600,
    },
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
    },
    // The account id is the address the user typed at the login form, so Dovecot can match it to the IMAP user.
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id }) }),
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // Test runs may be slow; a request a little late is not a clock problem.
    clockTolerance: 5,
    // The email claim in the ID token itself, as Google and Microsoft put it there.
    conformIdTokenClaims: false,
  });
  provider.proxy = false;

  const requests: Array<{ grant: string; ok: boolean }> = [];
  provider.on('grant.success', (ctx) => requests.push({ grant: String(ctx.oidc.params?.grant_type), ok: true }));
  provider.on('grant.error', (ctx) => requests.push({ grant: String(ctx.oidc.params?.grant_type), ok: false }));
  server.on('request', provider.callback());

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    authorizationUrl: `${issuer}/auth`,
    introspectionUrl: `${issuer}/token/introspection`,
    dovecotIntrospectionUrl: `http://${dovecotClient.id}:${dovecotClient.secret}@127.0.0.1:${port}/token/introspection`,
    async refreshTokenFor(user, scope = 'openid offline_access email mail') {
      const grant = new provider.Grant({ accountId: user, clientId: appClientId });
      grant.addOIDCScope(scope);
      const grantId = await grant.save();
      const client = await provider.Client.find(appClientId);
      const token = new provider.RefreshToken({
        accountId: user, client: client!, grantId, scope, gty: 'authorization_code', iat: Math.floor(Date.now() / 1000),
      } as ConstructorParameters<typeof provider.RefreshToken>[0]);
      return token.save();
    },
    async revoke(refreshToken) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: refreshToken, client_id: appClientId }),
      });
      if (!response.ok) throw new Error(`revocation answered ${response.status}: ${await response.text()}`);
    },
    tokenRequests: () => [...requests],
    async isActive(accessToken) {
      const response = await fetch(`${issuer}/token/introspection`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Authorization: `Basic ${Buffer.from(`${dovecotClient.id}:${dovecotClient.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token: accessToken }),
      });
      if (!response.ok) throw new Error(`introspection answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { active?: unknown }).active === true;
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
