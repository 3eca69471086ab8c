import { isAbsolute } from 'node:path';
import { ConfigError, join, readSecret, type JsonObject } from '../../config-check.ts';
import { readPem, type Security } from '../imap/imap-config.ts';
import { Secret } from '../imap/secret.ts';

export interface Pop3Config {
  host: string;
  port: number;
  security: Security;
  user: string;
  password: Secret;
  /** Extra certificates to trust (PEM), for servers with a self-signed or private CA certificate. */
  ca?: string;
  mailbox: string;
  name: string | undefined;
  /** How often the server is asked: POP3 has no push, and a session sees the maildrop as it was at login. */
  intervalMs: number;
  /** Where the maildrop's old mail (its UIDLs at the first check) is kept, so a restart goes on counting from there. */
  stateFile?: string;
}

/** A pop3 entry as config.schema.json lets it be, its defaults filled in. */
interface CheckedPop3Entry {
  host: string;
  port?: number;
  security: Security;
  user: string;
  password: unknown;
  ca?: string;
  mailbox: string;
  name?: string;
  intervalSeconds: number;
  stateFile?: string;
}

/** Reads one `{"type": "pop3", ...}` entry after the schema checked it: the password from the environment, the certificate file. */
export function parsePop3Config(raw: JsonObject, at: string, env: NodeJS.ProcessEnv): Pop3Config {
  const entry = raw as unknown as CheckedPop3Entry;
  const password = readSecret(entry.password, join(at, 'password'), env);
  // Both go on a command line of their own: a line break would end it and start another command.
  if (/[\r\n]/.test(entry.user)) throw new ConfigError(join(at, 'user'), 'must not contain a line break');
  if (/[\r\n]/.test(password)) throw new ConfigError(join(at, 'password'), 'must not contain a line break');
  const config: Pop3Config = {
    host: entry.host,
    // The schema cannot give this default: it depends on "security" (RFC 2595: 995 is POP3S, 110 plain with STLS).
    port: entry.port ?? (entry.security === 'tls' ? 995 : 110),
    security: entry.security,
    user: entry.user,
    password: new Secret(password),
    mailbox: entry.mailbox,
    name: entry.name,
    intervalMs: entry.intervalSeconds * 1000,
  };
  if (entry.stateFile !== undefined) {
    // The schema's pattern accepts either platform's form; this machine's own rule decides.
    if (!isAbsolute(entry.stateFile)) throw new ConfigError(join(at, 'stateFile'), 'must be an absolute path');
    config.stateFile = entry.stateFile;
  }
  if (entry.ca !== undefined) {
    if (entry.security === 'none') throw new ConfigError(join(at, 'ca'), 'only means something with "security": "tls" or "starttls"');
    config.ca = readPem(entry.ca, join(at, 'ca'));
  }
  return config;
}
