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
