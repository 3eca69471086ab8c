/**
 * node bench/client-idle.ts [--seconds 90]
 *
 * What the app's poll loop costs while nothing changes: a count server (its
 * own process) and, side by side, the poll loop (bench/idle-client.ts) run
 * three ways: as Node starts it, with `--no-memory-reducer` on the command
 * line, and with the flag set at run time by v8.setFlagsFromString (all a
 * running main process could do itself). Each way runs twice:
 * under `strace -f` (the event loop's epoll waits that slept and were woken)
 * and without (voluntary context switches per thread, from /proc, with no
 * tracer adding its own). Prints requests and wake-ups per minute.
 * Needs strace (apt-get install strace).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliProcesses } from '../test/helpers/cli-process.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '90' } } });
const seconds = Number(values.seconds);
if (spawnSync('strace', ['-V']).error) throw new Error('strace is not installed (apt-get install strace)');

const dir = mkdtempSync(join(tmpdir(), 'mailtray-client-idle-'));
const token = 'idle-client-token-0123456789abcdef';
const configFile = join(dir, 'server.json');
writeFileSync(configFile, JSON.stringify({
  listen: { host: '127.0.0.1', port: 0 },
  clients: [{ name: 'idle-app', token, mailboxes: '*' }],
  mailboxes: [{ id: 'work', name: 'Work' }, { id: 'home', name: 'Home' }],
}));
const servers = new CliProcesses();
const client = join(import.meta.dirname, 'idle-client.ts');

interface ClientReport {
  seconds: number;
  requests: number;
  state: string;
  threads: Record<string, number>;
  heapUsed: number;
  heapTotal: number;
  rss: number;
}

interface Way {
  name: string;
  nodeFlags: string[];
  clientFlags: string[];
}

const ways: Way[] = [
  { name: 'as Node starts', nodeFlags: [], clientFlags: [] },
  { name: 'node --no-memory-reducer', nodeFlags: ['--no-memory-reducer'], clientFlags: [] },
  { name: 'v8.setFlagsFromString at start', nodeFlags: [], clientFlags: ['--set-flag'] },
];

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}`))));
  });
}

function parseReport(out: string): ClientReport {
  const line = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ClientReport;
}

/**
 * Epoll waits that slept (took over 1 ms) and ended inside the measured
 * window, from `strace -ttt -T` output; each is one wake-up of the event loop.
 */
function epollWakeUps(traceFile: string, windowEnd: number, windowSeconds: number): number {
  const windowStart = windowEnd - windowSeconds;
  let wakeUps = 0;
  for (const line of readFileSync(traceFile, 'utf8').split('\n')) {
    const match = /^\d+\s+(\d+\.\d+) .*epoll_p?wait.*<(\d+\.\d+)>$/.exec(line);
    if (!match) continue;
    // A wait strace showed in two pieces (another thread traced meanwhile) is stamped when it resumed.
    const endedAt = Number(match[1]) + (line.includes('resumed>') ? 0 : Number(match[2]));
    if (Number(match[2]) > 0.001 && endedAt >= windowStart && endedAt <= windowEnd) wakeUps += 1;
  }
  return wakeUps;
}

try {
  const { url } = await servers.start(configFile);
  console.log(`count server at ${url}; each way idles ${seconds} s after a 10 s warm-up, all side by side\n`);
  const runs = ways.flatMap((way) => {
    const args = [...way.nodeFlags, client, url, token, String(seconds), ...way.clientFlags];
    const traceFile = join(dir, `${ways.indexOf(way)}.strace`);
    const traced = run('strace', ['-f', '-qq', '-ttt', '-T', '-e', 'trace=epoll_wait,epoll_pwait,epoll_pwait2', '-o', traceFile, process.execPath, ...args])
      .then((out) => ({ report: parseReport(out), endedAt: Date.now() / 1000 }));
    const plain = run(process.execPath, args).then(parseReport);
    return [Promise.all([traced, plain]).then(([t, p]) => ({ way, traced: t, plain: p, traceFile }))];
  });
  const results = await Promise.all(runs);
  const perMinute = (n: number, s: number) => (n * 60 / s).toFixed(1);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log('| way | requests / min | epoll wake-ups / min (strace) | main thread wake-ups / min | all threads / min | heap used / total, RSS at the end (MB) |');
  console.log('|---|---|---|---|---|---|');
  for (const { way, traced, plain, traceFile } of results) {
    // The client exits right after its report; its window ended at most a moment before.
    const wakeUps = epollWakeUps(traceFile, traced.endedAt, traced.report.seconds + 1);
    const main = Object.entries(plain.threads).find(([name]) => name === 'node' || name === 'MainThread')?.[1] ?? 0;
    const all = Object.values(plain.threads).reduce((sum, n) => sum + n, 0);
    console.log(`| ${way.name} | ${perMinute(plain.requests, plain.seconds)} | ${perMinute(wakeUps, traced.report.seconds)} | ${perMinute(main, plain.seconds)} | ${perMinute(all, plain.seconds)} | ${mb(plain.heapUsed)} / ${mb(plain.heapTotal)}, ${mb(plain.rss)} |`);
  }
  console.log('\nper thread, voluntary context switches in the window (no tracer):');
  for (const { way, plain } of results) console.log(`  ${way.name} (ended ${plain.state}): ${JSON.stringify(plain.threads)}`);
} finally {
  servers.stopAll();
  rmSync(dir, { recursive: true, force: true });
}
