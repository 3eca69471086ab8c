import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { StoreUnavailableError } from '../../../server/store/store.ts';
import { openStore } from '../../../server/store/store-config.ts';
import { silentLogger } from '../../../server/log.ts';
import { freePort } from '../../helpers/dovecot.ts';

describe('"store" in the server config', () => {
  it('is the memory store when left out', () => {
    expect(parseConfig({}).store).toEqual({ type: 'memory' });
  });

  it('reads a redis store with the URL from the environment and a default prefix and lease', () => {
    const config = parseConfig({ store: { type: 'redis', url: { env: 'REDIS_URL' } } }, { env: { REDIS_URL: 'redis://:pw@10.0.0.5:6379/2' } });
    expect(config.store).toEqual({ type: 'redis', url: 'redis://:pw@10.0.0.5:6379/2', prefix: 'mailtray:', leaseSeconds: 5 });
  });

  it('reads a redis store behind Sentinel: the Sentinels as host and port, the password from the environment', () => {
    const store = { type: 'redis', sentinel: { name: 'mailtray', nodes: ['redis://10.0.0.5:26379', 'redis://sentinel-b:26380'], password: { env: 'PW' } } };
    expect(parseConfig({ store }, { env: { PW: 'secret' } }).store).toEqual({
      type: 'redis', url: '', prefix: 'mailtray:', leaseSeconds: 5,
      sentinel: { name: 'mailtray', nodes: [{ host: '10.0.0.5', port: 26379 }, { host: 'sentinel-b', port: 26380 }], password: 'secret' },
    });
  });

  it('reads a redis store on a Redis Cluster: the nodes as host and port, the password from the environment', () => {
    const store = { type: 'redis', cluster: { nodes: ['redis://10.0.0.1:6379', 'redis://redis-b:7000'], password: { env: 'PW' } }, prefix: 'mt:' };
    expect(parseConfig({ store }, { env: { PW: 'secret' } }).store).toEqual({
      type: 'redis', url: '', prefix: 'mt:', leaseSeconds: 5,
      cluster: { nodes: [{ host: '10.0.0.1', port: 6379 }, { host: 'redis-b', port: 7000 }], password: 'secret' },
    });
  });

  it('every config in docs/redis.md is one the server takes', () => {
    const doc = readFileSync(new URL('../../../docs/redis.md', import.meta.url), 'utf8');
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const { store } = parseConfig(example, { env: { REDIS_PASSWORD: 'pw' } }) as { store: { type: string; cluster?: unknown; sentinel?: unknown } };
      expect(store.type).toBe('redis');
      expect(store.cluster ?? store.sentinel).toBeDefined();
    }
  });

  it.each([
    [{ type: 'redis' }, 'store.url: a redis store needs a url'],
    [{ type: 'redis', url: 'http://localhost:6379' }, 'store.url: must be a redis:// or rediss:// URL'],
    [{ type: 'redis', url: { env: 'NOPE' } }, 'store.url: the environment variable NOPE is not set'],
    [{ type: 'redis', url: 'redis://x', prefix: '' }, 'store.prefix: must be non-empty text'],
    [{ type: 'redis', url: 'redis://x', leaseSeconds: 0.5 }, 'store.leaseSeconds: must be a number from 1 to 300'],
    [{ type: 'sqlite' }, 'store.type: must be one of "memory", "redis"'],
    [{ type: 'memory', url: 'redis://x' }, 'store.url: only a "redis" store takes this'],
    [{ type: 'memory', leaseSeconds: 5 }, 'store.leaseSeconds: only a "redis" store takes this'],
    [{ type: 'redis', url: 'redis://x', host: 'x' }, 'store.host: unknown field'],
    [{ type: 'redis', url: 'redis://x', sentinel: { name: 'm', nodes: ['redis://s:26379'] } }, 'store.url: give either a url (one Redis server) or a sentinel, not both'],
    [{ type: 'redis', sentinel: { name: 'm', nodes: [] } }, 'store.sentinel.nodes'],
    [{ type: 'redis', sentinel: { name: 'm', nodes: ['10.0.0.5:26379'] } }, 'store.sentinel.nodes[0]'],
    [{ type: 'memory', sentinel: { name: 'm', nodes: ['redis://s:26379'] } }, 'store.sentinel: only a "redis" store takes this'],
    [{ type: 'redis', url: 'redis://x', cluster: { nodes: ['redis://a:6379'] } }, 'store.url: give either a url (one Redis server) or a cluster, not both'],
    [{ type: 'redis', cluster: { nodes: ['redis://a:6379'] }, sentinel: { name: 'm', nodes: ['redis://s:26379'] } }, 'store.sentinel: give either a sentinel or a cluster, not both'],
    [{ type: 'redis', cluster: { nodes: [] } }, 'store.cluster.nodes'],
    [{ type: 'redis', cluster: { nodes: ['10.0.0.1:6379'] } }, 'store.cluster.nodes[0]'],
    [{ type: 'memory', cluster: { nodes: ['redis://a:6379'] } }, 'store.cluster: only a "redis" store takes this'],
  ])('refuses %j: %s', (store, message) => {
    expect(() => parseConfig({ store }, { env: {} })).toThrow(message);
  });

  it('a Redis that cannot be reached stops the start with a sentence saying so', async () => {
    const port = await freePort();
    const opening = openStore({ type: 'redis', url: `redis://127.0.0.1:${port}`, prefix: 'x:', leaseSeconds: 5 }, { maxMailboxes: 10, log: silentLogger });
    await expect(opening).rejects.toThrow(StoreUnavailableError);
    await expect(opening).rejects.toThrow(/^cannot reach Redis: connect ECONNREFUSED$/);
  });

  it('Sentinels that cannot be reached stop the start within seconds, saying so', async () => {
    const port = await freePort();
    const sentinel = { name: 'mailtray', nodes: [{ host: '127.0.0.1', port }] };
    const opening = openStore({ type: 'redis', url: '', sentinel, prefix: 'x:', leaseSeconds: 5 }, { maxMailboxes: 10, log: silentLogger });
    await expect(opening).rejects.toThrow(/^cannot reach Redis: None of the sentinels are available$/);
  }, 15_000);
});
