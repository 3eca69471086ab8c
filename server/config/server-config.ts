import { createHash } from 'node:crypto';
import { ConfigError, join, readSecret, type ConfigProblem } from '../config-check.ts';
import { duplicates, inDocumentOrder, sharedTokens } from './config-problems.ts';
import { checkAgainstSchema } from './config-schema.ts';
import { parseTokenSpec, type TokenDigest } from '../tokens/token-table.ts';
import type { DeclaredMailbox, View } from '../store/store.ts';
import { sourceTypes } from '../sources/index.ts';
import type { ConfiguredSource } from '../sources/source.ts';
import { memoryStoreConfig, readStoreConfig, type StoreConfig } from '../store/store-config.ts';
import { MIN_KEY_BYTES, type SigningKey } from '../tokens/signed-tokens.ts';
import type { ClientConfig } from '../tokens/client-tokens.ts';

export interface IngestConfig {
  name: string;
  digest: TokenDigest;
  /** The mailboxes this token may set; `*` for any. */
  view: View;
}

export interface ServerConfig {
  /** `workers`: how many processes share the port (server/workers/); 1 is this process alone. */
  listen: { host: string; port: number; workers: number };
  clients: ClientConfig[];
  ingest: IngestConfig[];
  mailboxes: DeclaredMailbox[];
  sources: ConfiguredSource[];
  limits: {
    heldPollsPerToken: number; maxWaitSeconds: number; maxMailboxes: number; messagesPerMailbox: number;
    headersSeconds: number; requestSeconds: number;
  };
  compat: { getPhp: boolean };
  /**
   * `pollFront`: whether connections reach the poll front first (server/http/poll-front/) or go straight to node:http and Fastify;
   * `cors`: the origins whose pages may call the API; `events`: GET /v1/events's token in the address and heartbeat.
   */
  http: { pollFront: boolean; cors: { origins: string[] }; events: { queryToken: boolean; heartbeatSeconds: number } };
  /** When set, /metrics and /healthz's details need this bearer token. */
  metrics: { token: TokenDigest | undefined };
  /** Where counts live: this process, or Redis shared by several instances. */
  store: StoreConfig;
  /** Keys for self-contained client tokens (the first signs), and token ids revoked early. */
  signedTokens: { keys: SigningKey[]; denied: ReadonlySet<string> };
}

export const defaultListen = { host: '127.0.0.1', port: 7300, workers: 1 };

export interface ParseOptions {
  env?: NodeJS.ProcessEnv;
}

/** The config as the schema (config.schema.json) lets it be, defaults filled in. */
interface CheckedConfig {
  listen: { host: string; port: number; workers: number };
  clients: Array<{ name: string; token: unknown; mailboxes: View; messages?: boolean; canMarkRead?: boolean }>;
  ingest: Array<{ name: string; token: unknown; mailboxes: View }>;
  mailboxes: Array<{ id: string; name?: string }>;
  sources: Array<Record<string, unknown> & { type: string }>;
  limits: ServerConfig['limits'];
  compat: ServerConfig['compat'];
  http: ServerConfig['http'];
  metrics: { token?: unknown };
  store: unknown;
  signedTokens?: { keys: Array<{ id: string; secret: unknown }>; denied: string[] };
}

/**
 * Reads and checks a whole config. Throws one ConfigError listing every
 * problem with its place, so an operator fixes them all in one go.
 */
export function parseConfig(raw: unknown, options: ParseOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  // The schema fills in defaults; the caller's object stays as it was given.
  const data = structuredClone(raw);
  const problems: ConfigProblem[] = checkAgainstSchema(data);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(problems);
  const top = data as CheckedConfig;

  const isClean = (at: string) => !problems.some((p) => p.at === at || p.at.startsWith(`${at}.`) || p.at.startsWith(`${at}[`));
  /** Runs a reader on a part the schema found no fault in; its problems join the list. */
  const read = <T>(at: string, reader: () => T): T | undefined => {
    if (!isClean(at)) return undefined;
    try {
      return reader();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const each = <E, T>(list: string, entries: E[], reader: (entry: E, at: string) => T | undefined): T[] =>
    (Array.isArray(entries) ? entries : []).map((entry, i) => reader(entry, join(list, i)))
      .filter((value): value is T => value !== undefined);

  // The token is read even when another field of the entry is wrong, so its problem is listed too.
  const client = (entry: CheckedConfig['clients'][number], at: string): ClientConfig | undefined => {
    const digest = read(join(at, 'token'), () => readToken(entry.token, join(at, 'token'), env));
    if (!isClean(at) || digest === undefined) return undefined;
    return { name: entry.name, identity: `client:${entry.name}`, digest, view: distinct(entry.mailboxes), seesMessages: entry.messages ?? true, canMarkRead: entry.canMarkRead ?? false };
  };
  const config: ServerConfig = {
    listen: top.listen,
    clients: each('clients', top.clients, client),
    ingest: each('ingest', top.ingest, client),
    mailboxes: each('mailboxes', top.mailboxes, (entry, at) => read(at, () => ({ id: entry.id, name: entry.name ?? entry.id }))),
    sources: each('sources', top.sources, (entry, at) => read(at, () => readSource(entry, at, env))),
    limits: top.limits,
    compat: top.compat,
    http: top.http,
    metrics: {
      token: top.metrics?.token === undefined ? undefined : read('metrics.token', () => readToken(top.metrics.token, 'metrics.token', env)),
    },
    store: read('store', () => readStoreConfig(top.store, env)) ?? memoryStoreConfig,
    signedTokens: {
      keys: each('signedTokens.keys', top.signedTokens?.keys ?? [], (entry, at) => readSigningKey(entry, at, env)),
      denied: new Set(top.signedTokens?.denied ?? []),
    },
  };
  keySources(config.sources);
  if (isClean('limits') && top.limits.headersSeconds > top.limits.requestSeconds) {
    problems.push({ at: 'limits.headersSeconds', problem: `must be at most limits.requestSeconds (${top.limits.requestSeconds}): the headers are part of the request` });
  }
  problems.push(...duplicates(top.clients, 'clients', 'name'), ...duplicates(top.ingest, 'ingest', 'name'), ...duplicates(top.mailboxes, 'mailboxes', 'id'));
  if (problems.length === 0) problems.push(...sharedTokens(config));
  if (problems.length > 0) throw new ConfigError(inDocumentOrder(problems, raw));
  return config;
}

function readSigningKey(entry: { id: string; secret: unknown }, at: string, env: NodeJS.ProcessEnv): SigningKey {
  const secret = readSecret(entry.secret, join(at, 'secret'), env);
  if (Buffer.byteLength(secret) < MIN_KEY_BYTES) {
    throw new ConfigError(join(at, 'secret'), `a signing key must be at least ${MIN_KEY_BYTES} characters; make one with: openssl rand -base64 48`);
  }
  return { id: entry.id, secret: Buffer.from(secret) };
}

function readToken(spec: unknown, at: string, env: NodeJS.ProcessEnv): TokenDigest {
  const token = parseTokenSpec(readSecret(spec, at, env));
  if (typeof token === 'string') throw new ConfigError(at, token);
  return token;
}

function readSource(entry: CheckedConfig['sources'][number], at: string, env: NodeJS.ProcessEnv): ConfiguredSource {
  const sourceType = sourceTypes.find((t) => t.type === entry.type)!;
  // The key tells a reload which sources stayed the same, and names the source's lease in a
  // shared store: the same on every instance reading the same entry. A hash, so no secret is in it.
  const key = `${entry.type}-${createHash('sha256').update(JSON.stringify(entry)).digest('hex').slice(0, 16)}`;
  const config = sourceType.parse(entry, at, env);
  return {
    type: entry.type,
    key,
    at,
    mailboxes: sourceType.mailboxes(config),
    findsMailboxes: sourceType.findsMailboxes === true,
    create: (context) => sourceType.create(config, context),
  };
}

/** Two identical source entries are two sources: number the second's key. */
function keySources(sources: ConfiguredSource[]): void {
  const seen = new Map<string, number>();
  for (const source of sources) {
    const n = seen.get(source.key) ?? 0;
    seen.set(source.key, n + 1);
    if (n > 0) source.key = `${source.key}.${n}`;
  }
}

function distinct(view: View): View {
  return view === '*' ? view : [...new Set(view)];
}
