import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { parseConfig } from '../../server/config/server-config.ts';
import { startServer } from '../../server/run/start.ts';
import { startTestServer, testConfig, TestServer } from './count-server.ts';
import { httpPathConfig, type HttpPath } from './http-paths.ts';
import { startCluster, type TestCluster } from './redis-cluster.ts';
import { startRedis, type TestRedis } from './redis.ts';
import { replicas } from './replica.ts';

/**
 * The stores the protocol suites run against: one suite, four stores. A
 * `replica` is a worker's copy of a primary's memory store (listen.workers),
 * here with the primary's store in the same process; `cluster` is the Redis
 * store on a three-master Redis Cluster (redis-cluster.ts).
 */
export const storeKinds = ['memory', 'redis', 'replica', 'cluster'] as const;
export type StoreKind = (typeof storeKinds)[number];

/**
 * The runs of a protocol suite, store and HTTP path (http-paths.ts): each
 * store behind the poll front, and the memory store straight on node:http.
 * The stores sit below HTTP and do not change with the path, so one store
 * there is enough: the suite takes a third longer, not twice as long.
 */
export const protocolRuns: ReadonlyArray<readonly [StoreKind, HttpPath]> = [
  ...storeKinds.map((kind) => [kind, 'poll front'] as const),
  ['memory', 'node:http'],
];

export interface TestStores {
  /** Config overrides selecting the store and the HTTP path; the Redis one gets a fresh key prefix per test. */
  config(): Record<string, unknown>;
  /** The Redis server of this describe block (redis kind only). */
  redis(): TestRedis;
  /** The Redis Cluster of this describe block (cluster kind only). */
  cluster(): TestCluster;
  /** Starts a test server (testConfig with `overrides`) on this kind of store. */
  start(overrides?: Record<string, unknown>): Promise<TestServer>;
}

/**
 * Call inside a `describe.each(storeKinds)` block: for `redis`, starts one
 * redis-server for the block (for `cluster`, one three-master cluster) and
 * gives each test its own key prefix, so tests share the server but never
 * each other's data. `path` is how the server
 * takes connections (http-paths.ts); the poll front unless told.
 */
export function useStore(kind: StoreKind, path: HttpPath = 'poll front'): TestStores {
  let redis: TestRedis | undefined;
  let cluster: TestCluster | undefined;
  const freshPrefix = () => `t-${randomBytes(4).toString('hex')}:`;
  let prefix = freshPrefix();
  if (kind === 'redis') {
    beforeAll(async () => { redis = await startRedis(); });
    afterAll(async () => { await redis?.stop(); });
    beforeEach(() => { prefix = freshPrefix(); });
  }
  if (kind === 'cluster') {
    beforeAll(async () => { cluster = await startCluster(); }, 60_000);
    afterAll(async () => { await cluster?.stop(); });
    beforeEach(() => { prefix = freshPrefix(); });
  }
  const storeConfig = () => {
    if (kind === 'redis') return { store: { type: 'redis', url: redis!.url, prefix } };
    if (kind === 'cluster') return { store: { type: 'redis', cluster: { nodes: cluster!.urls }, prefix } };
    return {};
  };
  return {
    config: () => ({ ...httpPathConfig(path), ...storeConfig() }),
    async start(overrides = {}) {
      if (kind !== 'replica') return startTestServer({ ...this.config(), ...overrides });
      const { copies: [copy] } = await replicas(1);
      return new TestServer(await startServer({ config: parseConfig(testConfig({ ...httpPathConfig(path), ...overrides })), store: { store: copy! } }));
    },
    redis: () => {
      if (!redis) throw new Error('this block does not run on a single Redis');
      return redis;
    },
    cluster: () => {
      if (!cluster) throw new Error('this block does not run on a Redis Cluster');
      return cluster;
    },
  };
}
