import {
  ConfigError, join as at, readChoice, readList, readNumber, readObject, readSecret, readString, type JsonObject,
} from '../config-check.ts';
import { mailboxIdProblem } from '../../common/protocol.ts';
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

const fields = ['type', 'url', 'query', 'idColumn', 'countColumn', 'intervalSeconds', 'listen', 'timeoutSeconds', 'mailboxes', 'missing'];

/** Reads a `"type": "sql"` source entry. */
export function parseSqlConfig(raw: JsonObject, where: string, env: NodeJS.ProcessEnv): SqlConfig {
  const entry = readObject(raw, where, fields);
  // The URL holds a password, so no problem with it quotes it.
  const url = readDatabaseUrl(readSecret(entry.url, at(where, 'url'), env));
  if (!url) throw new ConfigError(at(where, 'url'), 'must be a PostgreSQL URL: postgres://user:password@host:5432/database');
  const mailboxes = readList(entry.mailboxes ?? [], at(where, 'mailboxes')).map((id, i) => {
    const problem = mailboxIdProblem(id);
    if (problem) throw new ConfigError(at(at(where, 'mailboxes'), i), problem);
    return id as string;
  });
  const intervalSeconds = entry.intervalSeconds === undefined ? 5 : readNumber(entry.intervalSeconds, at(where, 'intervalSeconds'), 1, 86_400);
  const timeoutSeconds = entry.timeoutSeconds === undefined ? 10 : readNumber(entry.timeoutSeconds, at(where, 'timeoutSeconds'), 0.1, 3600);
  return {
    url,
    query: readString(entry.query, at(where, 'query'), { maxLength: 100_000 }),
    columns: {
      id: entry.idColumn === undefined ? 'id' : readString(entry.idColumn, at(where, 'idColumn'), { maxLength: 63 }),
      count: entry.countColumn === undefined ? 'count' : readString(entry.countColumn, at(where, 'countColumn'), { maxLength: 63 }),
    },
    intervalMs: Math.round(intervalSeconds * 1000),
    listen: entry.listen === undefined ? undefined : readString(entry.listen, at(where, 'listen'), { maxLength: 63 }),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    mailboxes: [...new Set(mailboxes)],
    missing: entry.missing === undefined ? 'zero' : readChoice(entry.missing, at(where, 'missing'), ['zero', 'error'] as const),
  };
}
