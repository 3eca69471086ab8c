import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../../../helpers/redis.ts';

const run = promisify(execFile);
const lua = (name: string) => fileURLToPath(new URL(`../../../../server/store/redis/lua/${name}`, import.meta.url));
const keys = ['meta', 'boxes', 'versions', 'total', 'states', 'seq', 'changes', 'log'].map((name) => `{cli:}${name}`);

let redis: TestRedis;
beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis?.stop(); });

/** `redis-cli --eval FILE keys , args`, as an operator would run it to try a script by hand. */
async function evalFile(name: string, scriptKeys: string[], args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-p', String(redis.port), '--eval', lua(name), ...scriptKeys, ',', ...args]);
  return stdout;
}

it('the store\'s scripts run as they are under redis-cli --eval: set-many makes a mailbox and moves its version', async () => {
  const updates = JSON.stringify([{ id: 'ann', count: 3 }]);
  const reply = await evalFile('set-many.lua', keys, ['epoch1', '2026-12-04T18:00:00.000Z', '10', 'PUBLISH', updates]);
  expect(reply.trim().split('\n')).toEqual(['epoch1', 'ann']);
  const box = JSON.parse(await redis.command('HGET', '{cli:}boxes', 'ann') as string) as Record<string, unknown>;
  expect(box).toMatchObject({ name: 'ann', count: 3, state: 'ok', changedAt: '2026-12-04T18:00:00.000Z' });
  expect(await redis.command('HGET', '{cli:}versions', 'ann')).toBe('1');

  // The same count again is no visible change (the comparison generated from VISIBLE_FIELDS).
  expect((await evalFile('set-many.lua', keys, ['epoch2', '2026-12-04T18:01:00.000Z', '10', 'PUBLISH', updates])).trim()).toBe('epoch1');
  expect(await redis.command('HGET', '{cli:}versions', 'ann')).toBe('1');
});

it('claim.lua and release.lua hold a lease for one instance at a time', async () => {
  expect((await evalFile('claim.lua', ['{cli:}lease:a'], ['one', '5000'])).trim()).toBe('1');
  expect((await evalFile('claim.lua', ['{cli:}lease:a'], ['two', '5000'])).trim()).toBe('0');
  await evalFile('release.lua', ['{cli:}lease:a'], ['one']);
  expect((await evalFile('claim.lua', ['{cli:}lease:a'], ['two', '5000'])).trim()).toBe('1');
});

it('failover.lua ends the epoch on a promoted replica of the recorded primary, and keeps it on a restart', async () => {
  const failover = (replid: string, previous: string, candidate: string) => evalFile('failover.lua', ['{fo:}meta', '{fo:}changes'], [replid, previous, candidate]);
  // No epoch yet: nothing to record it under.
  expect((await failover('r1', '0000', 'e2')).trim()).toBe('');
  await redis.command('HSET', '{fo:}meta', 'epoch', 'e1');
  // The first look records the primary's replication id and keeps the epoch.
  expect((await failover('r1', '0000', 'e2')).trim()).toBe('e1');
  expect((await failover('r1', '0000', 'e3')).trim()).toBe('e1');
  // Restarted from its append-only file: a new id with no previous one keeps the epoch.
  expect((await failover('r2', '0000', 'e4')).trim()).toBe('e1');
  // A replica of r2 promoted (its previous id is r2): a new epoch.
  expect((await failover('r3', 'r2', 'e5')).trim()).toBe('e5');
  expect(await redis.command('HGET', '{fo:}meta', 'replid')).toBe('r3');
  expect((await failover('r3', 'r2', 'e6')).trim()).toBe('e5');
});

it('presence.lua counts the instances here by Redis\'s clock: one that leaves or whose time runs out is no longer counted', async () => {
  const presence = (instance: string, ttl: string, how: 'here' | 'gone') => evalFile('presence.lua', ['{cli:}instances'], [instance, ttl, how]);
  expect((await presence('one', '5000', 'here')).trim()).toBe('1');
  expect((await presence('two', '5000', 'here')).trim()).toBe('2');
  // Renewing is no second instance.
  expect((await presence('two', '5000', 'here')).trim()).toBe('2');
  expect((await presence('two', '0', 'gone')).trim()).toBe('1');
  // A 1 ms presence is over by the next call, and cut no other short.
  await presence('three', '1', 'here');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await presence('four', '5000', 'here')).trim()).toBe('2');
});
