import { graphMailScope } from '../../../common/mail-providers.ts';
import { ConfigError, join, type JsonObject } from '../../config-check.ts';
import { parseOAuth2Auth, readSecureUrl, type OAuth2Auth } from '../imap/oauth2-config.ts';

export interface GraphConfig {
  mailbox: string;
  name: string | undefined;
  /** For logs and error sentences only: Graph reads whoever signed in (`/me`). */
  user: string | undefined;
  /** Well-known names (`inbox`) or display names (`Projects/2026`), their unread counts summed. */
  folders: string[];
  auth: OAuth2Auth;
  intervalMs: number;
  /** Graph's root without a trailing slash: `https://graph.microsoft.com/v1.0`. */
  graphUrl: string;
}

/** A graph entry as config.schema.json lets it be, its defaults filled in. */
interface CheckedGraphEntry {
  mailbox: string;
  name?: string;
  user?: string;
  folders: string[];
  auth: JsonObject;
  intervalSeconds: number;
  graphUrl: string;
}

/** Reads one `{"type": "graph", ...}` entry after the schema checked it: the sign-in's secrets, Graph's scope, its address. */
export function parseGraphConfig(raw: JsonObject, at: string, env: NodeJS.ProcessEnv): GraphConfig {
  const entry = raw as unknown as CheckedGraphEntry;
  const auth = parseOAuth2Auth(entry.auth, join(at, 'auth'), env);
  // "provider": "microsoft" brings the IMAP scope; a Graph source needs Graph's.
  auth.scope = typeof entry.auth.scope === 'string' ? entry.auth.scope : graphMailScope;
  const folders = [...new Set(entry.folders.map((f) => f.trim().replace(/^\/+|\/+$/g, '')))];
  const empty = folders.findIndex((f) => f === '' || f.split('/').some((part) => part.trim() === ''));
  if (empty >= 0) throw new ConfigError(join(join(at, 'folders'), empty), 'must name a folder, with / only between a parent and its child');
  return {
    mailbox: entry.mailbox,
    name: entry.name,
    user: entry.user,
    folders,
    auth,
    intervalMs: entry.intervalSeconds * 1000,
    graphUrl: readGraphUrl(entry.graphUrl, join(at, 'graphUrl')),
  };
}

/** Graph's root, over HTTPS: every request carries the access token. */
function readGraphUrl(text: string, at: string): string {
  const href = readSecureUrl(text, at, 'https://graph.microsoft.com/v1.0');
  const url = new URL(href);
  if (url.search || url.hash) throw new ConfigError(at, 'must be the root of Graph, without ? or #');
  return href.replace(/\/+$/, '');
}
