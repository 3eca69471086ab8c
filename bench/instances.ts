/**
 * node bench/instances.ts [--polls 4000 --mailboxes 1000 --rate 50 --changes 500] [--replica] [--cluster]
 *
 * The same load as `npm run bench` against one Mailtray process on the memory
 * store, one on Redis, and two on the same Redis with the polls spread over
 * both and every change sent to the first (so each delivery to the second
 * crosses Redis pub/sub); then the anchors, nchan in memory and nchan in its
 * Redis mode on the same Redis. Prints latency, memory per held poll and CPU
 * per 1,000 changes: the server's (all instances together) and redis-server's
 * apart, one round each. `--replica` gives that Redis a replica, so the store
 * waits for it to confirm each change (WAIT, as with Sentinel) before answering.
 * `--cluster` adds the same rows on a three-master Redis Cluster (Mailtray x1
 * and x2, and nchan in its Redis Cluster mode), redis-server's CPU being the
 * three masters' together. `--floor` then measures, on the same Redis and load,
 * what the Redis exchange alone costs a process (bench/redis-floor.ts) and
 * prints the floor it sets under the Redis rows, beside nchan on Redis.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startRedis } from '../test/helpers/redis.ts';
import { startCluster, type TestCluster } from '../test/helpers/redis-cluster.ts';
import { runLoad, type LoadResult } from './load.ts';
import { floorOf, measureFloor, type FloorFigures } from './redis-floor.ts';
import { missesOf } from './summary.ts';
import { hasNchan, startMailtray, startNchan, type Target } from './targets.ts';

const { values } = parseArgs({
  options: {
    polls: { type: 'string', default: '4000' },
    mailboxes: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    changes: { type: 'string', default: '500' },
    replica: { type: 'boolean', default: false },
    cluster: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
  },
});
const options = {
  polls: Number(values.polls), mailboxes: Number(values.mailboxes), rate: Number(values.rate), changes: Number(values.changes), idleSeconds: 3,
};

const redis = await startRedis({ appendfsync: 'everysec' });
const replica = values.replica ? await startRedis({ appendfsync: 'everysec', args: ['--replicaof', '127.0.0.1', String(redis.port)] }) : undefined;
let cluster: TestCluster | undefined;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const rows: Array<LoadResult & { redisCpuPer1000Changes?: number }> = [];
let floor: { figures: FloorFigures; problems: string[] } | undefined;
try {
  // Which redis-server processes a row's CPU counts: none, the one Redis, or the cluster's masters.
  type OnRedis = 'none' | 'single' | 'cluster';
  const starts: Array<[() => Promise<Target>, OnRedis]> = [
    [() => startMailtray(options.mailboxes), 'none'],
    [() => startMailtray(options.mailboxes, { redis: { url: redis.url, instances: 1 } }), 'single'],
    [() => startMailtray(options.mailboxes, { redis: { url: redis.url, instances: 2 } }), 'single'],
  ];
  if (hasNchan()) starts.push([() => startNchan(), 'none'], [() => startNchan({ redisUrl: redis.url }), 'single']);
  if (values.cluster) {
    cluster = await startCluster({ masters: 3 });
    const nodes = cluster.urls;
    starts.push(
      [() => startMailtray(options.mailboxes, { redis: { cluster: nodes, instances: 1 } }), 'cluster'],
      [() => startMailtray(options.mailboxes, { redis: { cluster: nodes, instances: 2 } }), 'cluster'],
    );
    if (hasNchan()) starts.push([() => startNchan({ redisCluster: nodes }), 'cluster']);
  }
  for (const [start, onRedis] of starts) {
    const target = await start();
    try {
      const redisProcesses = onRedis === 'single' ? [{ name: 'redis-server', pid: redis.pid! }]
        : onRedis === 'cluster' ? cluster!.nodes.map((node, i) => ({ name: `redis-server ${i + 1}`, pid: node.pid! })) : [];
      const result = await runLoad(target, { ...options, alsoMeasure: redisProcesses });
      const redisCpu = redisProcesses.length === 0 ? undefined
        : result.cpuByProcess.filter((p) => p.name.startsWith('redis-server')).reduce((sum, p) => sum + p.seconds, 0);
      rows.push({ ...result, ...(redisCpu === undefined ? {} : { redisCpuPer1000Changes: (redisCpu / options.changes) * 1000 }) });
    } finally {
      await target.stop();
    }
  }
  if (values.floor) floor = await measureFloor(redis.url, { mailboxes: options.mailboxes, changes: options.changes, rate: options.rate });
} finally {
  await cluster?.stop();
  await replica?.stop();
  await redis.stop();
}
console.log(`${options.polls} held polls over ${options.mailboxes} mailboxes, ${options.changes} changes at ${options.rate}/s; node ${process.version}; `
  + `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; redis-server with appendfsync everysec${replica ? ', one replica' : ''}`
  + `${cluster ? '; redis cluster: three masters, no replicas, CPU of the three together' : ''}`);
console.log('target                          | deliveries | p50 ms | p99 ms | KiB/held poll | CPU s/1000 changes: server | redis-server');
for (const r of rows) {
  const redisCpu = r.redisCpuPer1000Changes === undefined ? '-' : fmt(r.redisCpuPer1000Changes, 2);
  console.log(`${r.target.padEnd(31)} | ${String(r.deliveries).padStart(10)} | ${fmt(r.latencyMs.p50).padStart(6)} | ${fmt(r.latencyMs.p99).padStart(6)} | `
    + `${fmt(r.bytesPerHeldPoll / 1024, 2).padStart(13)} | ${fmt(r.cpuSecondsPerChange * 1000, 2).padStart(26)} | ${redisCpu.padStart(12)}`);
}
for (const r of rows) {
  const misses = missesOf(r);
  if (misses) console.log(`!!! ${r.target}: NOT EVERY CHANGE DELIVERED EXACTLY ONCE: ${misses}`);
}
if (floor) {
  const { figures, problems } = floor;
  const per1000 = (target: string) => (rows.find((r) => r.target === target)?.cpuSecondsPerChange ?? NaN) * 1000;
  const anchor = per1000('nchan on redis');
  const floors = floorOf(per1000('mailtray'), figures);
  const versus = (n: number) => (Number.isFinite(anchor) ? `${fmt(n / anchor, 2)}x` : 'n/a');
  console.log('\nThe Redis exchange alone, each part its own process on the same load (CPU s per 1,000 changes):');
  const parts: Array<[string, number]> = [
    ['pacing only (a wake-up per change)', figures.pacing],
    ['script + its message, plain sockets', figures.raw],
    ['message alone, plain sockets', figures['raw-receive']],
    ['script + its message, @redis/client', figures.client],
    ['message alone, @redis/client', figures['client-receive']],
    ['the Redis store, no HTTP, no polls', figures.store],
  ];
  for (const [what, cpu] of parts) console.log(`  ${what.padEnd(40)} ${fmt(cpu, 2)}`);
  console.log(`  ${'nchan\'s own (nchan on redis - nchan)'.padEnd(40)} ${fmt(anchor - per1000('nchan'), 2)}`);
  console.log('Floor = memory store + exchange - pacing (+ one message per further instance), beside the measured rows and nchan on Redis:');
  console.log('  target               | floor, plain sockets | floor, @redis/client |      measured | 2x nchan on redis');
  for (const [target, key] of [['mailtray x1 on redis', 'x1'], ['mailtray x2 on redis', 'x2']] as const) {
    const raw = floors.raw[key];
    const client = floors.client[key];
    console.log(`  ${target.padEnd(20)} | ${`${fmt(raw, 2)} (${versus(raw)})`.padStart(20)} | ${`${fmt(client, 2)} (${versus(client)})`.padStart(20)} | `
      + `${`${fmt(per1000(target), 2)} (${versus(per1000(target))})`.padStart(13)} | ${fmt(2 * anchor, 2)}`);
  }
  for (const problem of problems) console.log(`!!! floor: ${problem}`);
}
