import { readFileSync } from 'node:fs';
import { ConfigError, join, readSecret, type JsonObject } from '../../config-check.ts';
import { readCountFilter, type CountFilter } from '../filter/count-filter.ts';
import { parseOAuth2Auth, type OAuth2Auth } from './oauth2-config.ts';
import { Secret } from './secret.ts';

export type Security = 'tls' | 'starttls' | 'none';

export interface ImapMailbox {
  id: string;
  name?: string;
  /** Folders whose unseen counts are summed into this mailbox. */
  folders: string[];
  /** Which unread messages count; all of them without one. */
  filter?: CountFilter;
}

export interface ImapConfig {
  host: string;
  port: number;
  security: Security;
  user: string;
  /**
   * A password (LOGIN / AUTH=PLAIN), a fixed OAuth2 access token, or an OAuth2
   * refresh token the source keeps turning into access tokens (both XOAUTH2 /
   * OAUTHBEARER, whichever the server offers).
   */
  auth: { kind: 'password' | 'accessToken'; secret: Secret } | OAuth2Auth;
  /** Extra certificates to trust (PEM), for servers with a self-signed or private CA certificate. */
  ca?: string;
  mailboxes: ImapMailbox[];
  /** Re-count everything this often even with IDLE: not every server sends flag changes. */
  recountMs: number;
  /** Without IDLE, re-count this often. */
  pollMs: number;
  /** Re-issue IDLE this often (RFC 2177: servers may drop an IDLE after 30 min). */
  idleRestartMs: number;
  /** Connections this account may hold: where the server has no NOTIFY, one IDLE per folder up to this, the rest polled. */
  maxConnections: number;
}

/**
 * An imap entry as config.schema.json lets it be, its defaults filled in: the
 * schema checks every field's type, range and choice, so this reader reads only
 * what a schema cannot say (secrets from the environment, the certificate file,
 * a port that depends on the security) and words the rules between fields.
 */
interface CheckedImapEntry {
  host: string;
  port?: number;
  security: Security;
  user: string;
  password?: unknown;
  accessToken?: unknown;
  auth?: unknown;
  ca?: string;
  folders?: string[];
  mailbox?: string;
  filter?: unknown;
  mailboxes?: Array<{ id: string; name?: string; folders?: string[]; filter?: unknown }>;
  recountSeconds: number;
  pollSeconds: number;
  idleRestartSeconds: number;
  maxConnections: number;
}

/** Reads one `{"type": "imap", ...}` entry of `sources`, after the schema checked it (checkSourceEntry alone). */
export function parseImapConfig(raw: JsonObject, at: string, env: NodeJS.ProcessEnv): ImapConfig {
  const entry = raw as unknown as CheckedImapEntry;
  const given = ['password', 'accessToken', 'auth'].filter((key) => raw[key] !== undefined);
  if (given.length !== 1) {
    throw new ConfigError(at, 'give one of "password", "auth" (OAuth2 with a refresh token) or "accessToken" (a fixed OAuth2 access token)');
  }
  const auth: ImapConfig['auth'] = entry.password !== undefined
    ? { kind: 'password', secret: new Secret(readSecret(entry.password, join(at, 'password'), env)) }
    : entry.accessToken !== undefined
      ? { kind: 'accessToken', secret: new Secret(readSecret(entry.accessToken, join(at, 'accessToken'), env)) }
      : parseOAuth2Auth(entry.auth, join(at, 'auth'), env);

  const config: ImapConfig = {
    host: entry.host,
    // The schema cannot give this default: it depends on "security".
    port: entry.port ?? (entry.security === 'tls' ? 993 : 143),
    security: entry.security,
    user: entry.user,
    auth,
    mailboxes: readMailboxes(entry, at),
    recountMs: entry.recountSeconds * 1000,
    pollMs: entry.pollSeconds * 1000,
    // 20 min by default (the schema's): under the 25 min the project asks for and RFC 2177's 29.
    idleRestartMs: entry.idleRestartSeconds * 1000,
    // 5 by default (the schema's): Gmail allows 15 connections per account, shared with the user's phone and mail program.
    maxConnections: entry.maxConnections,
  };
  if (entry.ca !== undefined) {
    if (entry.security === 'none') throw new ConfigError(join(at, 'ca'), 'only means something with "security": "tls" or "starttls"');
    config.ca = readPem(entry.ca, join(at, 'ca'));
  }
  return config;
}

/** `"mailbox": "ann"` with `"folders"`, or `"mailboxes": [{"id", "name"?, "folders"?}, ...]`. */
function readMailboxes(entry: CheckedImapEntry, at: string): ImapMailbox[] {
  if ((entry.mailbox === undefined) === (entry.mailboxes === undefined)) {
    throw new ConfigError(at, 'give either "mailbox" (the id the folders feed) or "mailboxes" (a list), not both or neither');
  }
  if (entry.mailbox !== undefined) return [withFilter({ id: entry.mailbox, folders: foldersOf(entry.folders) }, entry.filter, join(at, 'filter'))];
  if (entry.folders !== undefined) {
    throw new ConfigError(join(at, 'folders'), 'with "mailboxes", give each mailbox its own "folders"');
  }
  if (entry.filter !== undefined) {
    throw new ConfigError(join(at, 'filter'), 'with "mailboxes", give each mailbox its own "filter"');
  }
  const mailboxes = entry.mailboxes!.map((item, i) => {
    const mailbox: ImapMailbox = { id: item.id, folders: foldersOf(item.folders) };
    if (item.name !== undefined) mailbox.name = item.name;
    return withFilter(mailbox, item.filter, join(join(join(at, 'mailboxes'), i), 'filter'));
  });
  // A schema can ask for distinct items, not for distinct ids among objects.
  const twice = mailboxes.findIndex((m, i) => mailboxes.findIndex((n) => n.id === m.id) !== i);
  if (twice >= 0) throw new ConfigError(join(join(join(at, 'mailboxes'), twice), 'id'), `${JSON.stringify(mailboxes[twice]!.id)} is used twice`);
  return mailboxes;
}

function withFilter(mailbox: ImapMailbox, raw: unknown, at: string): ImapMailbox {
  const filter = readCountFilter(raw, at, true);
  return filter ? { ...mailbox, filter } : mailbox;
}

/** The schema cannot default "folders": the top-level one is refused beside "mailboxes". */
function foldersOf(folders: string[] | undefined): string[] {
  return folders === undefined ? ['INBOX'] : [...new Set(folders)];
}

/** Read now, so a missing file stops the start instead of every connection attempt. */
export function readPem(path: string, at: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(at, `cannot read the certificate file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(at, `${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}
