import { ConfigError, join as at, readSecret, type JsonObject } from '../config-check.ts';
import type { Columns } from './sql-rows.ts';
import { readDatabaseUrl, type DatabaseUrl } from './sql-url.ts';

export interface SqlConfig {
  url: DatabaseUrl;
  query: string;
  columns: Columns;
  intervalMs: number;
  /** A channel to LISTEN on: a NOTIFY on it runs the query at once. */
  listen: string | undefined;
  timeoutMs: number;
  /** Mailboxes expected from the query: `pending` from the start, and told when it fails before its first answer. */
  mailboxes: string[];
  /** What a mailbox the query stops returning becomes: 0 unread, or an error. */
  missing: 'zero' | 'error';
}

/** An sql entry as config.schema.json lets it be, its defaults filled in. */
interface CheckedSqlEntry {
  url: unknown;
  query: string;
  idColumn?: string;
  countColumn?: string;
  intervalSeconds: number;
  listen?: string;
  timeoutSeconds: number;
  mailboxes?: string[];
  missing: 'zero' | 'error';
}

/** Reads a `"type": "sql"` source entry, after the schema checked its fields: here the URL, which may come from the environment. */
export function parseSqlConfig(raw: JsonObject, where: string, env: NodeJS.ProcessEnv): SqlConfig {
  const entry = raw as unknown as CheckedSqlEntry;
  // The URL holds a password, so no problem with it quotes it.
  const url = readDatabaseUrl(readSecret(entry.url, at(where, 'url'), env));
  if (!url) throw new ConfigError(at(where, 'url'), 'must be a PostgreSQL URL: postgres://user:password@host:5432/database');
  return {
    url,
    query: entry.query,
    columns: { id: entry.idColumn ?? 'id', count: entry.countColumn ?? 'count' },
    intervalMs: Math.round(entry.intervalSeconds * 1000),
    listen: entry.listen,
    timeoutMs: Math.round(entry.timeoutSeconds * 1000),
    mailboxes: [...new Set(entry.mailboxes ?? [])],
    missing: entry.missing,
  };
}
