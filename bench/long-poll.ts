/**
 * npm run bench [-- --sizes 1000,10000,15000 --fanout 15000 --rounds 3 --changes 4000 --rate 800 --workers 1 --store memory --front-off]
 *
 * Issue 14's table, Mailtray beside nchan (nginx with nchan's long-poll
 * subscriber), each a separate process on this machine:
 * - the steering load, for each size N: N held polls over N mailboxes (each
 *   poll its own mailbox and client token), `--changes` changes at `--rate`
 *   a second, round-robin over the mailboxes;
 * - the fan-out: `--fanout` polls on one mailbox (one client token, as
 *   nchan's one channel with that many subscribers), `--fanout-changes`
 *   changes, each sent once the last one reached every poll, every poll is
 *   held again and the server is quiet.
 * For each: p99 change to delivery, server CPU per change, resident memory
 * growth per held poll, and whether every change was delivered; rounds
 * alternate Mailtray and nchan, the table shows their medians. The load
 * generator (bench/load-client.ts) is its own process on raw sockets.
 * `--store redis` runs Mailtray on a redis-server of its own (its workers
 * then share counts through Redis); nchan stays in memory.
 * `--front-off` also runs Mailtray with `"http": {"pollFront": false}` in each
 * round, a line of its own under each row: what the poll front saves
 * (docs/architecture.md, "HTTP: the poll front and Fastify").
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import { FRONT_OFF, GOAL_NOTE, figure, markdownTable, missesOf, rowLabel, type Row } from './summary.ts';
import { hasNchan, nginxBinary, startMailtray, startNchan, type MailtrayOptions, type Target } from './targets.ts';
import { startRedis } from '../test/helpers/redis.ts';

const usage = `usage: npm run bench -- [options]
  --sizes 1000,10000,15000   held polls of the steering load, one mailbox and client token each ('' for none)
  --changes 4000 --rate 800  changes of the steering load, and how many a second
  --fanout 15000             held polls on one mailbox (0 for none)
  --fanout-changes 10        changes of the fan-out, each once the last reached every poll
  --rounds 3                 rounds, alternating Mailtray and nchan; the table shows medians
  --workers 1                Mailtray's listen.workers and nginx's worker_processes
  --store memory             Mailtray's store: memory, or redis (a redis-server of the bench's own)
  --idle 2                   seconds of idle CPU measured with every poll held
  --no-nchan                 Mailtray alone
  --front-off                also Mailtray with "http": {"pollFront": false} (node:http and Fastify for every
                             connection), a line of its own under each row`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        sizes: { type: 'string', default: '1000,10000,15000' },
        fanout: { type: 'string', default: '15000' },
        'fanout-changes': { type: 'string', default: '10' },
        rounds: { type: 'string', default: '3' },
        changes: { type: 'string', default: '4000' },
        rate: { type: 'string', default: '800' },
        workers: { type: 'string', default: '1' },
        idle: { type: 'string', default: '2' },
        store: { type: 'string', default: 'memory' },
        'no-nchan': { type: 'boolean', default: false },
        'front-off': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
const values = readArgs();
if (values.help) {
  console.log(usage);
  process.exit(0);
}

function count(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}
const sizes = values.sizes === '' ? [] : values.sizes.split(',').map((s) => count('sizes', s.trim(), 1));
const fanout = count('fanout', values.fanout, 0);
const fanoutChanges = count('fanout-changes', values['fanout-changes'], 1);
const rounds = count('rounds', values.rounds, 1);
const changes = count('changes', values.changes, 1);
const rate = count('rate', values.rate, 1);
const workers = count('workers', values.workers, 1);
const idleSeconds = count('idle', values.idle, 0);
if (values.store !== 'memory' && values.store !== 'redis') {
  console.error(`--store is memory or redis, not ${JSON.stringify(values.store)}`);
  process.exit(2);
}
const onRedis = values.store === 'redis';
const withFrontOff = values['front-off'];

const schema = JSON.parse(readFileSync(new URL('../server/config/config.schema.json', import.meta.url), 'utf8')) as {
  properties: { listen: { properties: Record<string, unknown> } };
};
if (workers > 1 && !('workers' in schema.properties.listen.properties)) {
  console.log(`--workers ${workers}: not supported by this server yet (server/config/config.schema.json has no listen.workers); `
    + 'run without --workers for the one-process figures.');
  process.exit(0);
}

const withNchan = !values['no-nchan'] && hasNchan();
const nginxVersion = spawnSync(nginxBinary, ['-v'], { encoding: 'utf8' }).stderr?.trim().replace(/^nginx version: /, '') ?? 'none';
console.log(`npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd());
const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`${new Date().toISOString()}; node ${process.version}, ${withNchan ? `${nginxVersion} with nchan` : 'no nchan'}, ${cpus().length} cores, `
  + `load average ${loadAverage()}`);
console.log(`steering load: sizes ${sizes.join(', ') || 'none'} (one mailbox and client token per poll), ${changes} changes at ${rate}/s round-robin; `
  + `fan-out: ${fanout > 0 ? `${fanout} polls on one mailbox, ${fanoutChanges} changes` : 'none'}; ${rounds} round${rounds > 1 ? 's' : ''} alternating Mailtray and nchan; `
  + `${workers} worker${workers > 1 ? 's' : ''} each (Mailtray listen.workers, nchan worker_processes); Mailtray's store: ${values.store}`
  + `${withFrontOff ? '; Mailtray also with the poll front off (--front-off)' : ''}`);

const redis = onRedis ? await startRedis({ appendfsync: 'everysec' }) : undefined;
const mailtrayOptions: MailtrayOptions = { workers, ...(redis ? { redis: { url: redis.url, instances: 1 } } : {}) };
const alsoMeasure = redis ? [{ name: 'redis-server', pid: redis.pid! }] : [];

const started = performance.now();
const missed: string[] = [];
const ms = (seconds: number) => `${figure(seconds * 1000)} ms`;

function printRound(row: Row, round: number, result: LoadResult): void {
  const perChange = row.kind === 'fanout' ? `${figure(result.cpuSecondsPerChange)} s` : ms(result.cpuSecondsPerChange);
  const generator = result.cpuByProcess.at(-1)!;
  const redisServer = result.cpuByProcess.find((p) => p.name === 'redis-server');
  const perChangeOf = (seconds: number) => (row.kind === 'fanout' ? `${figure(seconds / fanoutChanges)} s` : ms(seconds / changes));
  const servers = result.cpuByProcess.filter((p) => p !== generator && p !== redisServer);
  const byProcess = (workers > 1 ? ` (by process: ${servers.map((p) => perChangeOf(p.seconds)).join(' + ')})` : '')
    + (redisServer ? `, redis-server ${perChangeOf(redisServer.seconds)} more` : '');
  console.log(`  round ${round} ${result.target.padEnd(12)} p50 ${figure(result.latencyMs.p50)} ms, p99 ${figure(result.latencyMs.p99)} ms, `
    + `max ${figure(result.latencyMs.max)} ms; CPU per change ${perChange}${byProcess}; ${figure(result.bytesPerHeldPoll / 1024)} KiB per held poll; `
    + `${result.deliveries} of ${result.expectedDeliveries} delivered${result.extraDeliveries > 0 ? ` (and ${result.extraDeliveries} extra)` : ''}; idle CPU ${figure(result.idleCpuSeconds)} s in ${idleSeconds} s; `
    + `load generator ${perChangeOf(generator.seconds)} per change`);
  const misses = missesOf(result);
  if (misses) {
    const line = `${rowLabel(row)}, round ${round}, ${result.target}: ${misses}`;
    missed.push(line);
    console.log(`  !!! NOT EVERY CHANGE DELIVERED EXACTLY ONCE: ${line}`);
  }
}

async function measure(start: () => Promise<Target>, options: LoadOptions): Promise<LoadResult> {
  const target = await start();
  try {
    return await runLoad(target, options);
  } finally {
    await target.stop();
  }
}

const loads: Array<{ row: Row; mailboxes: number; options: LoadOptions }> = [
  ...sizes.map((polls) => ({
    row: { kind: 'steady' as const, polls, mailtray: [], nchan: [], frontOff: [] },
    mailboxes: polls,
    options: { polls, mailboxes: polls, changes, rate, idleSeconds },
  })),
  ...(fanout > 0 ? [{
    row: { kind: 'fanout' as const, polls: fanout, mailtray: [], nchan: [], frontOff: [] },
    mailboxes: 1,
    options: { polls: fanout, mailboxes: 1, changes: fanoutChanges, rate, idleSeconds, spacing: 'settle' as const },
  }] : []),
];
let isStopped = false;
try {
  for (const { row, mailboxes, options } of loads) {
    console.log(row.kind === 'fanout' ? `${rowLabel(row)}:` : `${rowLabel(row)} held polls, one mailbox each:`);
    for (let round = 1; round <= rounds; round += 1) {
      // Alternate the servers so a noisy minute on the machine hits both alike.
      row.mailtray.push(await measure(() => startMailtray(mailboxes, mailtrayOptions), { ...options, alsoMeasure }));
      printRound(row, round, row.mailtray.at(-1)!);
      if (withFrontOff) {
        row.frontOff!.push(await measure(() => startMailtray(mailboxes, { ...mailtrayOptions, pollFront: false }), { ...options, alsoMeasure }));
        printRound(row, round, row.frontOff!.at(-1)!);
      }
      if (!withNchan) continue;
      row.nchan.push(await measure(() => startNchan({ workers }), options));
      printRound(row, round, row.nchan.at(-1)!);
    }
  }
} catch (error) {
  console.error(`\nthe benchmark stopped: ${(error as Error).message}`);
  isStopped = true;
} finally {
  await redis?.stop();
}
if (isStopped) process.exit(1);

const rows = loads.map((load) => load.row);
console.log(`\nMedians of ${rounds} round${rounds > 1 ? 's' : ''}, ${workers} worker${workers > 1 ? 's' : ''} each; `
  + `took ${((performance.now() - started) / 60_000).toFixed(1)} min, load average now ${loadAverage()}${withNchan ? '' : values['no-nchan'] ? '; nchan left out (--no-nchan)' : '; nchan not installed (Debian: apt-get install nginx-light libnginx-mod-nchan)'}\n`);
console.log(markdownTable(rows));
console.log(`\n${GOAL_NOTE}${redis ? ' Mailtray ran on Redis: its CPU per change leaves out redis-server\'s (in the single rounds).' : ''}`);
const spread = (results: LoadResult[]) => results.map((r) => figure(r.latencyMs.p99)).join(', ');
for (const row of rows) {
  console.log(`p99 of single rounds, ${rowLabel(row)}: Mailtray ${spread(row.mailtray)} ms`
    + `${withFrontOff ? `; Mailtray, ${FRONT_OFF}, ${spread(row.frontOff!)} ms` : ''}${withNchan ? `; nchan ${spread(row.nchan)} ms` : ''}`);
}
if (missed.length > 0) {
  console.log(`\n!!! ${missed.length} run${missed.length > 1 ? 's' : ''} did not deliver every change exactly once:\n${missed.map((m) => `  ${m}`).join('\n')}`);
  process.exitCode = 1;
}
