import type { ProviderId } from '../../common/mail-providers.ts';

/** An OAuth client registered with a provider: its id, and for Google's "Desktop app" clients the secret that is not one. */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
}

export type OAuthClients = Partial<Record<ProviderId, OAuthClient>>;

/** The build's environment variables, by provider: a distributor registers once and every install signs in with it. */
const variables = {
  google: { id: 'MAILTRAY_GOOGLE_CLIENT_ID', secret: 'MAILTRAY_GOOGLE_CLIENT_SECRET' },
  microsoft: { id: 'MAILTRAY_MICROSOFT_CLIENT_ID', secret: undefined },
} as const;

/** Read at build time (scripts/build-main.ts), written into dist/main/oauth-clients.json, which electron-builder packs. */
export function oauthClientsFromEnv(env: NodeJS.ProcessEnv): OAuthClients {
  const clients: OAuthClients = {};
  for (const [provider, names] of Object.entries(variables) as Array<[keyof typeof variables, { id: string; secret: string | undefined }]>) {
    const clientId = env[names.id]?.trim();
    if (!clientId) continue;
    const clientSecret = names.secret ? env[names.secret]?.trim() : undefined;
    clients[provider] = clientSecret ? { clientId, clientSecret } : { clientId };
  }
  return clients;
}

/** The packed file, read by the app at start; anything malformed counts as no client, never as a crash. */
export function parseOAuthClients(text: string | undefined): OAuthClients {
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  const clients: OAuthClients = {};
  for (const provider of Object.keys(variables) as Array<keyof typeof variables>) {
    const entry = (raw as Record<string, { clientId?: unknown; clientSecret?: unknown }> | null)?.[provider];
    if (typeof entry?.clientId !== 'string' || entry.clientId === '') continue;
    clients[provider] = typeof entry.clientSecret === 'string' && entry.clientSecret
      ? { clientId: entry.clientId, clientSecret: entry.clientSecret } : { clientId: entry.clientId };
  }
  return clients;
}
