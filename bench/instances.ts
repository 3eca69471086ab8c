/**
 * node bench/instances.ts [--polls 4000 --mailboxes 1000 --rate 50 --changes 500]
 *
 * The same load as `npm run bench` against one Mailtray process on the memory
 * store, one on Redis, and two on the same Redis with the polls spread over
 * both and every change sent to the first (so each delivery to the second
 * crosses Redis pub/sub). Prints latency, memory per held poll and CPU per
 * 1,000 changes (all instances' CPU, not Redis's), one round each.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startRedis } from '../test/helpers/redis.ts';
import { runLoad, type LoadResult } from './load.ts';
import { startMailtray, type Target } from './targets.ts';

const { values } = parseArgs({
  options: {
    polls: { type: 'string', default: '4000' },
    mailboxes: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    changes: { type: 'string', default: '500' },
  },
});
const options = {
  polls: Number(values.polls), mailboxes: Number(values.mailboxes), rate: Number(values.rate), changes: Number(values.changes), idleSeconds: 3,
};

const redis = await startRedis();
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const rows: LoadResult[] = [];
try {
  const starts: Array<() => Promise<Target>> = [
    () => startMailtray(options.mailboxes),
    () => startMailtray(options.mailboxes, { url: redis.url, instances: 1 }),
    () => startMailtray(options.mailboxes, { url: redis.url, instances: 2 }),
  ];
  for (const start of starts) {
    const target = await start();
    try {
      rows.push(await runLoad(target, options));
    } finally {
      await target.stop();
    }
  }
} finally {
  await redis.stop();
}
console.log(`${options.polls} held polls over ${options.mailboxes} mailboxes, ${options.changes} changes at ${options.rate}/s; node ${process.version}; `
  + `load average ${loadavg()[0]!.toFixed(1)} (a machine shared with five other builds)`);
console.log('target                  | deliveries | p50 ms | p99 ms | KiB/held poll | CPU s/1000 changes');
for (const r of rows) {
  console.log(`${r.target.padEnd(23)} | ${String(r.deliveries).padStart(10)} | ${fmt(r.latencyMs.p50).padStart(6)} | ${fmt(r.latencyMs.p99).padStart(6)} | `
    + `${fmt(r.bytesPerHeldPoll / 1024, 2).padStart(13)} | ${fmt(r.cpuSecondsPer1000Changes, 2).padStart(18)}`);
}
