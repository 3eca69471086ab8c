import { readFileSync } from 'node:fs';
import {
  ConfigError, join, readChoice, readInteger, readList, readObject, readSecret, readString, type JsonObject,
} from '../../config-check.ts';
import { mailboxIdProblem, MAX_NAME_LENGTH } from '../../../common/protocol.ts';
import { parseOAuth2Auth, type OAuth2Auth } from './oauth2-config.ts';
import { Secret } from './secret.ts';

export type Security = 'tls' | 'starttls' | 'none';

export interface ImapMailbox {
  id: string;
  name?: string;
  /** Folders whose unseen counts are summed into this mailbox. */
  folders: string[];
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

const fields = [
  'type', 'host', 'port', 'security', 'user', 'password', 'accessToken', 'auth', 'ca', 'folders', 'mailbox', 'mailboxes',
  'recountSeconds', 'pollSeconds', 'idleRestartSeconds', 'maxConnections',
];

/** Reads one `{"type": "imap", ...}` entry of `sources`. */
export function parseImapConfig(raw: JsonObject, at: string, env: NodeJS.ProcessEnv): ImapConfig {
  const entry = readObject(raw, at, fields);
  const security = entry.security === undefined ? 'tls' : readChoice(entry.security, join(at, 'security'), ['tls', 'starttls', 'none'] as const);
  const defaultPort = security === 'tls' ? 993 : 143;

  const given = ['password', 'accessToken', 'auth'].filter((key) => entry[key] !== undefined);
  if (given.length !== 1) {
    throw new ConfigError(at, 'give one of "password", "auth" (OAuth2 with a refresh token) or "accessToken" (a fixed OAuth2 access token)');
  }
  const auth: ImapConfig['auth'] = entry.password !== undefined
    ? { kind: 'password', secret: new Secret(readSecret(entry.password, join(at, 'password'), env)) }
    : entry.accessToken !== undefined
      ? { kind: 'accessToken', secret: new Secret(readSecret(entry.accessToken, join(at, 'accessToken'), env)) }
      : parseOAuth2Auth(entry.auth, join(at, 'auth'), env);

  const config: ImapConfig = {
    host: readString(entry.host, join(at, 'host'), { maxLength: 255 }),
    port: entry.port === undefined ? defaultPort : readInteger(entry.port, join(at, 'port'), 1, 65535),
    security,
    user: readString(entry.user, join(at, 'user'), { maxLength: 320 }),
    auth,
    mailboxes: readMailboxes(entry, at),
    recountMs: readSeconds(entry.recountSeconds, join(at, 'recountSeconds'), 300, 1, 86_400),
    pollMs: readSeconds(entry.pollSeconds, join(at, 'pollSeconds'), 60, 1, 3600),
    // 20 min by default: under the 25 min the project asks for and RFC 2177's 29.
    idleRestartMs: readSeconds(entry.idleRestartSeconds, join(at, 'idleRestartSeconds'), 20 * 60, 1, 25 * 60),
    // Gmail allows 15 connections per account, shared with the user's phone and mail program.
    maxConnections: entry.maxConnections === undefined ? 5 : readInteger(entry.maxConnections, join(at, 'maxConnections'), 1, 50),
  };
  if (entry.ca !== undefined) {
    if (security === 'none') throw new ConfigError(join(at, 'ca'), 'only means something with "security": "tls" or "starttls"');
    config.ca = readPem(entry.ca, join(at, 'ca'));
  }
  return config;
}

/** `"mailbox": "ann"` with `"folders"`, or `"mailboxes": [{"id", "name"?, "folders"?}, ...]`. */
function readMailboxes(entry: JsonObject, at: string): ImapMailbox[] {
  if ((entry.mailbox === undefined) === (entry.mailboxes === undefined)) {
    throw new ConfigError(at, 'give either "mailbox" (the id the folders feed) or "mailboxes" (a list), not both or neither');
  }
  if (entry.mailbox !== undefined) {
    return [{ id: readMailboxId(entry.mailbox, join(at, 'mailbox')), folders: readFolders(entry.folders, join(at, 'folders')) }];
  }
  if (entry.folders !== undefined) {
    throw new ConfigError(join(at, 'folders'), 'with "mailboxes", give each mailbox its own "folders"');
  }
  const list = readList(entry.mailboxes, join(at, 'mailboxes'));
  if (list.length === 0) throw new ConfigError(join(at, 'mailboxes'), 'must name at least one mailbox');
  const mailboxes = list.map((value, i) => {
    const place = join(join(at, 'mailboxes'), i);
    const item = readObject(value, place, ['id', 'name', 'folders']);
    const mailbox: ImapMailbox = { id: readMailboxId(item.id, join(place, 'id')), folders: readFolders(item.folders, join(place, 'folders')) };
    if (item.name !== undefined) mailbox.name = readString(item.name, join(place, 'name'), { maxLength: MAX_NAME_LENGTH });
    return mailbox;
  });
  const twice = mailboxes.findIndex((m, i) => mailboxes.findIndex((n) => n.id === m.id) !== i);
  if (twice >= 0) throw new ConfigError(join(join(join(at, 'mailboxes'), twice), 'id'), `${JSON.stringify(mailboxes[twice]!.id)} is used twice`);
  return mailboxes;
}

function readMailboxId(value: unknown, at: string): string {
  const problem = mailboxIdProblem(value);
  if (problem) throw new ConfigError(at, problem);
  return value as string;
}

function readFolders(value: unknown, at: string): string[] {
  if (value === undefined) return ['INBOX'];
  const folders = readList(value, at).map((folder, i) => readString(folder, join(at, i), { maxLength: 1000 }));
  if (folders.length === 0) throw new ConfigError(at, 'must name at least one folder (the default is ["INBOX"])');
  return [...new Set(folders)];
}

function readSeconds(value: unknown, at: string, fallback: number, min: number, max: number): number {
  return (value === undefined ? fallback : readInteger(value, at, min, max)) * 1000;
}

/** Read now, so a missing file stops the start instead of every connection attempt. */
function readPem(value: unknown, at: string): string {
  const path = readString(value, at);
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
