import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startRedis, type TestRedis } from './redis.ts';

/** The two stores the protocol suites run against: one suite, two stores. */
export const storeKinds = ['memory', 'redis'] as const;
export type StoreKind = (typeof storeKinds)[number];

export interface TestStores {
  /** Config overrides selecting the store; the Redis one gets a fresh key prefix per test. */
  config(): Record<string, unknown>;
  /** The Redis server of this describe block (redis kind only). */
  redis(): TestRedis;
}

/**
 * Call inside a `describe.each(storeKinds)` block: for `redis`, starts one
 * redis-server for the block and gives each test its own key prefix, so tests
 * share the server but never each other's data.
 */
export function useStore(kind: StoreKind): TestStores {
  let redis: TestRedis | undefined;
  const freshPrefix = () => `t-${randomBytes(4).toString('hex')}:`;
  let prefix = freshPrefix();
  if (kind === 'redis') {
    beforeAll(async () => { redis = await startRedis(); });
    afterAll(async () => { await redis?.stop(); });
    beforeEach(() => { prefix = freshPrefix(); });
  }
  return {
    config: () => (kind === 'redis' ? { store: { type: 'redis', url: redis!.url, prefix } } : {}),
    redis: () => {
      if (!redis) throw new Error('this block runs on the memory store');
      return redis;
    },
  };
}
