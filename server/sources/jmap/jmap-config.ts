import { ConfigError, join, readSecret, type JsonObject } from '../../config-check.ts';
import { parseOAuth2Auth, type OAuth2Auth } from '../imap/oauth2-config.ts';
import { Secret } from '../imap/secret.ts';

/** A folder of the account, chosen by its role (RFC 8621 2: "role:inbox", "role:archive", ...) or by its name or path ("Work", "Projects/2026"). */
export type JmapFolder = { role: string } | { name: string };

export interface JmapMailbox {
  id: string;
  name?: string;
  /** Folders whose unread counts are summed into this mailbox. */
  folders: JmapFolder[];
}

export interface JmapConfig {
  /** Where the JMAP session resource is (RFC 8620 2); a bare server address means its /.well-known/jmap. */
  sessionUrl: string;
  /** The account's login name; also what a failure names. */
  user: string;
  /** An app password (HTTP Basic), a fixed OAuth2 access token, or a refresh token turned into access tokens (both Bearer). */
  auth: { kind: 'password' | 'accessToken'; secret: Secret } | OAuth2Auth;
  mailboxes: JmapMailbox[];
  /** Whether to listen on the server's EventSource (RFC 8620 7.3) for changes. */
  push: boolean;
  /** How often to ask when there is no push (the server offers none, or the stream is down). */
  pollMs: number;
  /** How often to ask even while pushed to (never more often than without push): a safety net for a stream that went quiet without closing. */
  recountMs: number;
}

/** A jmap entry as config.schema.json lets it be, its defaults filled in. */
interface CheckedJmapEntry {
  url: string;
  user: string;
  password?: unknown;
  accessToken?: unknown;
  auth?: unknown;
  mailbox?: string;
  name?: string;
  folders?: string[];
  mailboxes?: Array<{ id: string; name?: string; folders?: string[] }>;
  push: boolean;
  pollSeconds: number;
  recountSeconds: number;
}

/** Reads one `{"type": "jmap", ...}` entry after the schema checked it: the secrets, the session address, the mailboxes. */
export function parseJmapConfig(raw: JsonObject, at: string, env: NodeJS.ProcessEnv): JmapConfig {
  const entry = raw as unknown as CheckedJmapEntry;
  const given = ['password', 'accessToken', 'auth'].filter((key) => raw[key] !== undefined);
  if (given.length !== 1) {
    throw new ConfigError(at, 'give one of "password" (an app password), "auth" (OAuth2 with a refresh token) or "accessToken" (a fixed OAuth2 access token)');
  }
  const auth: JmapConfig['auth'] = entry.password !== undefined
    ? { kind: 'password', secret: new Secret(readSecret(entry.password, join(at, 'password'), env)) }
    : entry.accessToken !== undefined
      ? { kind: 'accessToken', secret: new Secret(readSecret(entry.accessToken, join(at, 'accessToken'), env)) }
      : parseOAuth2Auth(entry.auth, join(at, 'auth'), env);
  // RFC 7617: a user-id containing a colon cannot be sent in Basic credentials.
  if (auth.kind === 'password' && entry.user.includes(':')) throw new ConfigError(join(at, 'user'), 'must not contain ":" with a password (HTTP Basic cannot carry it)');
  return {
    sessionUrl: readSessionUrl(entry.url, join(at, 'url')),
    user: entry.user,
    auth,
    mailboxes: readMailboxes(entry, at),
    push: entry.push,
    pollMs: entry.pollSeconds * 1000,
    recountMs: entry.recountSeconds * 1000,
  };
}

/**
 * The session resource's address. RFC 8620 2.2: a client that knows only the
 * server asks /.well-known/jmap, which may redirect. HTTPS, since the app
 * password crosses with every request; plain HTTP only on this machine.
 */
function readSessionUrl(text: string, at: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new ConfigError(at, 'must be a web address such as https://api.fastmail.com/jmap/session');
  }
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw new ConfigError(at, 'must be an https:// address (plain http:// only for 127.0.0.1): the password goes with every request');
  }
  if (url.username || url.password) throw new ConfigError(at, 'must not hold a user name or password; give "user" and "password"');
  if (url.pathname === '/' && !url.search) url.pathname = '/.well-known/jmap';
  return url.href;
}

/** `"mailbox"` with `"folders"`, or `"mailboxes": [{"id", "name"?, "folders"?}, ...]`, as the imap source has them. */
function readMailboxes(entry: CheckedJmapEntry, at: string): JmapMailbox[] {
  if ((entry.mailbox === undefined) === (entry.mailboxes === undefined)) {
    throw new ConfigError(at, 'give either "mailbox" (the id the folders feed) or "mailboxes" (a list), not both or neither');
  }
  if (entry.mailbox !== undefined) {
    const mailbox: JmapMailbox = { id: entry.mailbox, folders: foldersOf(entry.folders, at) };
    if (entry.name !== undefined) mailbox.name = entry.name;
    return [mailbox];
  }
  if (entry.folders !== undefined) throw new ConfigError(join(at, 'folders'), 'with "mailboxes", give each mailbox its own "folders"');
  if (entry.name !== undefined) throw new ConfigError(join(at, 'name'), 'with "mailboxes", give each mailbox its own "name"');
  const mailboxes = entry.mailboxes!.map((item, index) => {
    const mailbox: JmapMailbox = { id: item.id, folders: foldersOf(item.folders, join(join(at, 'mailboxes'), index)) };
    if (item.name !== undefined) mailbox.name = item.name;
    return mailbox;
  });
  const twice = mailboxes.findIndex((m, i) => mailboxes.findIndex((n) => n.id === m.id) !== i);
  if (twice >= 0) throw new ConfigError(join(join(join(at, 'mailboxes'), twice), 'id'), `${JSON.stringify(mailboxes[twice]!.id)} is used twice`);
  return mailboxes;
}

/** "role:inbox" is a role; any other string a name or path. Without any, the inbox. */
function foldersOf(folders: string[] | undefined, at: string): JmapFolder[] {
  if (folders === undefined) return [{ role: 'inbox' }];
  const seen = new Set<string>();
  return folders.map((folder, index): JmapFolder => {
    if (!folder.startsWith('role:')) return { name: folder };
    const role = folder.slice('role:'.length);
    // RFC 8621 2 roles are the IANA registry's names: lower-case letters.
    if (!/^[a-z]+$/.test(role)) throw new ConfigError(join(join(at, 'folders'), index), `${JSON.stringify(folder)} is no role: write role: and a role in lower case, such as "role:inbox"`);
    return { role };
  }).filter((folder) => {
    const key = JSON.stringify(folder);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

/** "the inbox", "\"Work\"": a folder as a sentence names it. */
export function folderWords(folder: JmapFolder): string {
  return 'role' in folder ? `the ${folder.role} folder` : JSON.stringify(folder.name);
}
