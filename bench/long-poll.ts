/**
 * npm run bench [-- --polls 10000 --mailboxes 1000 --rate 100 --changes 1000]
 *
 * Holds many long-polls against the count server (a separate process), sets
 * counts at a steady rate, and prints change-to-delivery latency, memory per
 * held poll and CPU. Where nginx with nchan is installed, runs the same load
 * against nchan's long-poll subscriber and prints the ratios.
 */
import { parseArgs } from 'node:util';
import { runLoad, type LoadOptions, type LoadResult } from './load.ts';
import { hasNchan, startMailtray, startNchan, type Target } from './targets.ts';

const { values } = parseArgs({
  options: {
    polls: { type: 'string', default: '10000' },
    mailboxes: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '100' },
    changes: { type: 'string', default: '1000' },
    idle: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    'no-nchan': { type: 'boolean', default: false },
  },
});
const options: LoadOptions = {
  polls: Number(values.polls),
  mailboxes: Number(values.mailboxes),
  rate: Number(values.rate),
  changes: Number(values.changes),
  idleSeconds: Number(values.idle),
};

async function measure(start: () => Promise<Target>): Promise<LoadResult> {
  const target = await start();
  try {
    return await runLoad(target, options);
  } finally {
    await target.stop();
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The median of each figure over the rounds: one noisy round on a shared machine does not decide. */
function medianOf(results: LoadResult[]): LoadResult {
  return {
    ...results[0]!,
    deliveries: median(results.map((r) => r.deliveries)),
    latencyMs: {
      p50: median(results.map((r) => r.latencyMs.p50)),
      p99: median(results.map((r) => r.latencyMs.p99)),
      max: median(results.map((r) => r.latencyMs.max)),
    },
    bytesPerHeldPoll: median(results.map((r) => r.bytesPerHeldPoll)),
    idleCpuSeconds: median(results.map((r) => r.idleCpuSeconds)),
    cpuSecondsPer1000Changes: median(results.map((r) => r.cpuSecondsPer1000Changes)),
  };
}

function print(result: LoadResult): void {
  console.log(`${result.target.padEnd(9)} held ${result.heldPolls} polls, ${result.deliveries} deliveries`);
  console.log(`  change -> delivery latency  p50 ${fmt(result.latencyMs.p50)} ms  p99 ${fmt(result.latencyMs.p99)} ms  max ${fmt(result.latencyMs.max)} ms`);
  console.log(`  memory per held poll        ${fmt(result.bytesPerHeldPoll / 1024, 2)} KiB`);
  console.log(`  CPU over ${options.idleSeconds} idle seconds    ${fmt(result.idleCpuSeconds, 2)} s`);
  console.log(`  CPU per 1,000 changes       ${fmt(result.cpuSecondsPer1000Changes, 3)} s`);
}

const rounds = Number(values.rounds);
const withNchan = !values['no-nchan'] && hasNchan();
console.log(`load: ${options.polls} held polls over ${options.mailboxes} mailboxes, ${options.changes} changes at ${options.rate}/s, `
  + `${rounds} rounds (node ${process.version})`);
const mailtrayRounds: LoadResult[] = [];
const nchanRounds: LoadResult[] = [];
for (let round = 1; round <= rounds; round += 1) {
  // Alternate the targets so a noisy minute on the machine hits both alike.
  mailtrayRounds.push(await measure(() => startMailtray(options.mailboxes)));
  if (withNchan) nchanRounds.push(await measure(startNchan));
  const last = (results: LoadResult[]) => results.at(-1)!;
  console.log(`round ${round}: mailtray p99 ${fmt(last(mailtrayRounds).latencyMs.p99)} ms`
    + (withNchan ? `, nchan p99 ${fmt(last(nchanRounds).latencyMs.p99)} ms` : ''));
}
console.log(`median of ${rounds} rounds:`);
const mailtray = medianOf(mailtrayRounds);
print(mailtray);
if (withNchan) {
  const nchan = medianOf(nchanRounds);
  print(nchan);
  console.log('mailtray / nchan');
  console.log(`  memory per held poll  ${fmt(mailtray.bytesPerHeldPoll / nchan.bytesPerHeldPoll, 2)}x   (target: <= 1)`);
  console.log(`  p99 latency           ${fmt(mailtray.latencyMs.p99 / nchan.latencyMs.p99, 2)}x   (target: <= 1.5)`);
  console.log(`  idle CPU              ${fmt(mailtray.idleCpuSeconds, 2)} s vs ${fmt(nchan.idleCpuSeconds, 2)} s   (target: 0)`);
} else {
  console.log('nchan: not installed (Debian: apt-get install nginx-light libnginx-mod-nchan), no comparison');
}
