/**
 * node bench/host-day.ts [--mailboxes 100000 --polls 15000 --rate 500 --seconds 60]
 *
 * A mail host's day, squeezed into a minute: the store holds every mailbox
 * (set through POST /v1/counts before the clock starts), `polls` clients each
 * hold a poll on one of them, and changes arrive through POST /v1/counts, one
 * mailbox per request as the Dovecot script sends them, at `rate` a second,
 * visiting every mailbox once before any changes twice. Run with one instance
 * on the memory store, one on Redis and two on the same Redis (polls and
 * changes spread over both, as a load balancer would). Prints end-to-end
 * latency (request sent to held poll answered) and the CPU each process used
 * while the changes ran, the load generator's own included: it shares the cores.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startRedis } from '../test/helpers/redis.ts';
import { runLoad, type LoadResult } from './load.ts';
import { missesOf } from './summary.ts';
import { feedAll, startMailtray, type MailtrayOptions } from './targets.ts';

const { values } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '100000' },
    polls: { type: 'string', default: '15000' },
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
  },
});
const mailboxes = Number(values.mailboxes);
const polls = Number(values.polls);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
// A prime stride spreads the changes over the polled and unpolled mailboxes alike.
const stride = gcd(7919, mailboxes) === 1 ? 7919 : 1;

const redis = await startRedis({ appendfsync: 'everysec' });
const setups: Array<[string, MailtrayOptions]> = [
  ['1 instance, memory store', { feed: 'post' }],
  ['1 instance on redis', { feed: 'post', redis: { url: redis.url, instances: 1 } }],
  ['2 instances on redis', { feed: 'post', redis: { url: redis.url, instances: 2 } }],
];
const results: Array<[string, LoadResult]> = [];
try {
  for (const [label, options] of setups) {
    const target = await startMailtray(polls, options);
    try {
      await feedAll(target.port, mailboxes);
      // The load generator's own CPU comes last in cpuByProcess: it shares the cores.
      const alsoMeasure = options.redis ? [{ name: 'redis-server', pid: redis.pid! }] : [];
      results.push([label, await runLoad(target, {
        polls, mailboxes, polledMailboxes: polls, stride, rate, changes: rate * seconds, idleSeconds: 1, alsoMeasure,
      })]);
    } finally {
      await target.stop();
    }
  }
} finally {
  await redis.stop();
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
console.log(`${mailboxes} mailboxes, ${polls} held polls (one per client, on ${polls} of the mailboxes), `
  + `${rate * seconds} changes through POST /v1/counts at ${rate}/s; node ${process.version}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const [label, r] of results) {
  console.log(`${label}: ${r.deliveries} of ${r.expectedDeliveries} deliveries, latency p50 ${fmt(r.latencyMs.p50)} ms, p99 ${fmt(r.latencyMs.p99)} ms, max ${fmt(r.latencyMs.max)} ms; `
    + `${fmt(r.bytesPerHeldPoll / 1024, 2)} KiB per held poll`);
  const misses = missesOf(r);
  if (misses) console.log(`  !!! NOT EVERY CHANGE DELIVERED: ${misses}`);
  for (const p of r.cpuByProcess) {
    console.log(`  ${p.name.padEnd(30)} ${fmt(p.seconds, 1).padStart(5)} CPU s in ${fmt(r.changeSeconds, 0)} s = ${fmt((p.seconds / r.changeSeconds) * 100, 0).padStart(3)}% of a core`);
  }
}
