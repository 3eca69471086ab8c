import { readFile } from 'node:fs/promises';
import { mailboxIdProblem, MAX_NAME_LENGTH, MAX_WAIT_SECONDS } from '../common/protocol.ts';
import {
  ConfigError, join, readBoolean, readChoice, readInteger, readList, readObject, readSecret, readString,
} from './config-check.ts';
import { parseTokenSpec, type TokenDigest } from './tokens.ts';
import type { DeclaredMailbox, View } from './store.ts';
import { sourceTypes as knownSourceTypes } from './sources/index.ts';
import type { ConfiguredSource, SourceType } from './sources/source.ts';

export interface ClientConfig {
  name: string;
  digest: TokenDigest;
  view: View;
}

export interface IngestConfig {
  name: string;
  digest: TokenDigest;
  /** The mailboxes this token may set; `*` for any. */
  view: View;
}

export interface ServerConfig {
  listen: { host: string; port: number };
  clients: ClientConfig[];
  ingest: IngestConfig[];
  mailboxes: DeclaredMailbox[];
  sources: ConfiguredSource[];
  limits: { heldPollsPerToken: number; maxWaitSeconds: number; maxMailboxes: number };
  compat: { getPhp: boolean };
}

export const defaultListen = { host: '127.0.0.1', port: 7300 };
const topFields = ['listen', 'clients', 'ingest', 'mailboxes', 'sources', 'limits', 'compat'];

export interface ParseOptions {
  env?: NodeJS.ProcessEnv;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source type has its own config
  sourceTypes?: ReadonlyArray<SourceType<any>>;
}

/** Reads and checks a whole config; throws ConfigError naming the first problem's place. */
export function parseConfig(raw: unknown, options: ParseOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  const top = readObject(raw, '', topFields);
  const listen = top.listen === undefined ? {} : readObject(top.listen, 'listen', ['host', 'port']);
  const limits = top.limits === undefined ? {} : readObject(top.limits, 'limits', ['heldPollsPerToken', 'maxWaitSeconds', 'maxMailboxes']);
  const compat = top.compat === undefined ? {} : readObject(top.compat, 'compat', ['getPhp']);

  const config: ServerConfig = {
    listen: {
      host: listen.host === undefined ? defaultListen.host : readString(listen.host, 'listen.host'),
      port: listen.port === undefined ? defaultListen.port : readInteger(listen.port, 'listen.port', 0, 65535),
    },
    clients: readList(top.clients ?? [], 'clients').map((entry, i) => readClient(entry, join('clients', i), env, true)),
    ingest: readList(top.ingest ?? [], 'ingest').map((entry, i) => readClient(entry, join('ingest', i), env, false)),
    mailboxes: readList(top.mailboxes ?? [], 'mailboxes').map((entry, i) => readMailbox(entry, join('mailboxes', i))),
    sources: readList(top.sources ?? [], 'sources').map((entry, i) =>
      readSource(entry, join('sources', i), env, options.sourceTypes ?? knownSourceTypes)),
    limits: {
      heldPollsPerToken: limits.heldPollsPerToken === undefined ? 16 : readInteger(limits.heldPollsPerToken, 'limits.heldPollsPerToken', 1, 100_000),
      maxWaitSeconds: limits.maxWaitSeconds === undefined ? MAX_WAIT_SECONDS : readInteger(limits.maxWaitSeconds, 'limits.maxWaitSeconds', 1, MAX_WAIT_SECONDS),
      maxMailboxes: limits.maxMailboxes === undefined ? 100_000 : readInteger(limits.maxMailboxes, 'limits.maxMailboxes', 1, 10_000_000),
    },
    compat: { getPhp: compat.getPhp === undefined ? false : readBoolean(compat.getPhp, 'compat.getPhp') },
  };
  checkUnique(config.clients.map((c) => c.name), 'clients', 'name');
  checkUnique(config.ingest.map((c) => c.name), 'ingest', 'name');
  checkUnique(config.mailboxes.map((m) => m.id), 'mailboxes', 'id');
  const digests = [...config.clients, ...config.ingest].map((c) => c.digest.toString('hex'));
  const clash = digests.findIndex((d, i) => digests.indexOf(d) !== i);
  if (clash >= 0) {
    const where = clash < config.clients.length ? join('clients', clash) : join('ingest', clash - config.clients.length);
    throw new ConfigError(join(where, 'token'), 'the same token is given to another client or ingest entry; give each its own');
  }
  return config;
}

/** Reads the config file; a missing file, bad JSON or a bad field is a ConfigError. */
export async function loadConfigFile(path: string, options: ParseOptions = {}): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError('', `cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('', `the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, options);
}

function readClient(value: unknown, at: string, env: NodeJS.ProcessEnv, isClient: boolean): ClientConfig {
  const entry = readObject(value, at, ['name', 'token', 'mailboxes']);
  const token = parseTokenSpec(readSecret(entry.token, join(at, 'token'), env));
  if (typeof token === 'string') throw new ConfigError(join(at, 'token'), token);
  const view = entry.mailboxes === undefined && !isClient ? '*' : readView(entry.mailboxes, join(at, 'mailboxes'));
  return { name: readString(entry.name, join(at, 'name'), { maxLength: 100 }), digest: token, view };
}

function readView(value: unknown, at: string): View {
  if (value === '*') return '*';
  if (!Array.isArray(value) || value.some((id) => mailboxIdProblem(id) !== undefined)) {
    const bad = Array.isArray(value) ? value.find((id) => mailboxIdProblem(id) !== undefined) : undefined;
    const why = bad === undefined ? '' : ` (${JSON.stringify(bad)}: ${mailboxIdProblem(bad)})`;
    throw new ConfigError(at, `must be a list of mailbox ids or "*"${why}`);
  }
  return [...new Set(value as string[])];
}

function readMailbox(value: unknown, at: string): DeclaredMailbox {
  const entry = readObject(value, at, ['id', 'name']);
  const problem = mailboxIdProblem(entry.id);
  if (problem) throw new ConfigError(join(at, 'id'), problem);
  const id = entry.id as string;
  return { id, name: entry.name === undefined ? id : readString(entry.name, join(at, 'name'), { maxLength: MAX_NAME_LENGTH }) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source type has its own config
function readSource(value: unknown, at: string, env: NodeJS.ProcessEnv, types: ReadonlyArray<SourceType<any>>): ConfiguredSource {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(at, 'must be an object with a "type"');
  }
  const type = readChoice((value as Record<string, unknown>).type, join(at, 'type'), types.map((t) => t.type));
  const sourceType = types.find((t) => t.type === type)!;
  const config = sourceType.parse(value as Record<string, unknown>, at, env);
  return { type, mailboxes: sourceType.mailboxes(config), create: (context) => sourceType.create(config, context) };
}

function checkUnique(values: string[], list: string, field: string): void {
  const i = values.findIndex((v, j) => values.indexOf(v) !== j);
  if (i >= 0) throw new ConfigError(join(join(list, i), field), `${JSON.stringify(values[i])} is used twice`);
}
