import { ConfigError, join, readSecret } from '../config-check.ts';
import { MemoryStore } from './memory-store.ts';
import type { Logger } from '../log.ts';
import type { OpenedStore } from './store.ts';
import type { RedisStore } from './redis/redis-store.ts';
import type { SentinelConfig } from './redis/redis-connections.ts';

/** `"store"` in the server config: where counts live (DESIGN.md, "Many instances"). */
export type StoreConfig =
  | { type: 'memory' }
  | {
    type: 'redis';
    /** One Redis server; empty when `sentinel` names the servers instead. */
    url: string;
    /** A primary and replicas found through Redis Sentinel (the alternative to `url`). */
    sentinel?: SentinelConfig;
    prefix: string;
    /** How long a source's lease lasts without renewal: the longest a dead instance's sources go unwatched. */
    leaseSeconds: number;
  };

export const memoryStoreConfig: StoreConfig = { type: 'memory' };

/**
 * Reads `"store"` after the schema checked it (its fields, ranges, and which
 * of them each type of store takes): what the schema cannot see is the URL
 * itself, which may come from the environment like any secret (it can carry
 * a password), and must look like a Redis URL once read.
 */
export function readStoreConfig(value: unknown, env: NodeJS.ProcessEnv): StoreConfig {
  const raw = (value ?? memoryStoreConfig) as {
    type: 'memory' | 'redis'; url?: unknown; sentinel?: { name: string; nodes: string[]; password?: unknown }; prefix?: string; leaseSeconds?: number;
  };
  if (raw.type === 'memory') return memoryStoreConfig;
  const prefix = raw.prefix ?? 'mailtray:';
  const leaseSeconds = raw.leaseSeconds ?? 5;
  // The schema said that exactly one of url and sentinel is there.
  if (raw.sentinel !== undefined) {
    return { type: 'redis', url: '', sentinel: readSentinel(raw.sentinel, join('store', 'sentinel'), env), prefix, leaseSeconds };
  }
  const at = join('store', 'url');
  const url = readSecret(raw.url, at, env);
  if (!/^rediss?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError(at, 'must be a redis:// or rediss:// URL, like "redis://127.0.0.1:6379/0"');
  }
  return { type: 'redis', url, prefix, leaseSeconds };
}

function readSentinel(raw: { name: string; nodes: string[]; password?: unknown }, at: string, env: NodeJS.ProcessEnv): SentinelConfig {
  // The schema checked each address's form (redis://host:port).
  const nodes = raw.nodes.map((text) => {
    const { hostname, port } = new URL(text);
    return { host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) };
  });
  if (raw.password === undefined) return { name: raw.name, nodes };
  return { name: raw.name, nodes, password: readSecret(raw.password, join(at, 'password'), env) };
}

export interface OpenOptions {
  maxMailboxes: number;
  log: Logger;
}

/**
 * Opens the configured store, with what it hands out beyond the core (a shared
 * store's leases and deny list); a Redis that cannot be reached stops the start
 * with a StoreUnavailableError.
 */
export async function openStore(config: StoreConfig, options: OpenOptions): Promise<OpenedStore> {
  if (config.type === 'memory') return { store: new MemoryStore({ maxMailboxes: options.maxMailboxes }) };
  const store = await openRedisStore(config, options);
  return { store, leases: store.leases, denyList: store.denyList, messages: store.messages };
}

/** Opens a Redis store (the CLI's `token --revoke` needs its deny list and nothing else). */
export async function openRedisStore(config: Extract<StoreConfig, { type: 'redis' }>, options: OpenOptions): Promise<RedisStore> {
  // Loaded only when asked for: the bundled server and single-process servers never load a Redis client.
  const { RedisStore } = await import('./redis/redis-store.ts');
  return RedisStore.connect({
    url: config.url, ...(config.sentinel ? { sentinel: config.sentinel } : {}), prefix: config.prefix, maxMailboxes: options.maxMailboxes, log: options.log,
  });
}
