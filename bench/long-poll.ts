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

function print(result: LoadResult): void {
  console.log(`${result.target.padEnd(9)} held ${result.heldPolls} polls, ${result.deliveries} deliveries`);
  console.log(`  change -> delivery latency  p50 ${fmt(result.latencyMs.p50)} ms  p99 ${fmt(result.latencyMs.p99)} ms  max ${fmt(result.latencyMs.max)} ms`);
  console.log(`  memory per held poll        ${fmt(result.bytesPerHeldPoll / 1024, 2)} KiB`);
  console.log(`  CPU over ${options.idleSeconds} idle seconds    ${fmt(result.idleCpuSeconds, 2)} s`);
  console.log(`  CPU per 1,000 changes       ${fmt(result.cpuSecondsPer1000Changes, 3)} s`);
}

console.log(`load: ${options.polls} held polls over ${options.mailboxes} mailboxes, ${options.changes} changes at ${options.rate}/s (node ${process.version})`);
const mailtray = await measure(() => startMailtray(options.mailboxes));
print(mailtray);
if (!values['no-nchan'] && hasNchan()) {
  const nchan = await measure(startNchan);
  print(nchan);
  console.log('mailtray / nchan');
  console.log(`  memory per held poll  ${fmt(mailtray.bytesPerHeldPoll / nchan.bytesPerHeldPoll, 2)}x   (target: <= 1)`);
  console.log(`  p99 latency           ${fmt(mailtray.latencyMs.p99 / nchan.latencyMs.p99, 2)}x   (target: <= 1.5)`);
  console.log(`  idle CPU              ${fmt(mailtray.idleCpuSeconds, 2)} s vs ${fmt(nchan.idleCpuSeconds, 2)} s   (target: 0)`);
} else {
  console.log('nchan: not installed (Debian: apt-get install nginx-light libnginx-mod-nchan), no comparison');
}
