/**
 * node [--no-memory-reducer] bench/idle-client.ts URL TOKEN SECONDS [--set-flag]
 *
 * The app's poll loop alone (main/connection/poller.ts over axios, real timers), idle
 * against a count server where nothing changes: what bench/client-idle.ts
 * runs under strace. After a 10 s warm-up it counts, for SECONDS, the
 * requests it makes and each thread's voluntary context switches (one per
 * time a thread slept and was woken), and prints them as one JSON line.
 * `--set-flag`: turns the memory reducer off with v8.setFlagsFromString
 * before anything else loads, the one way a running process has (it comes
 * too late: V8 reads the flag when it sets up the heap).
 */
import { readdirSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';

const [url, token, secondsText] = process.argv.slice(2);
if (process.argv.includes('--set-flag')) v8.setFlagsFromString('--no-memory-reducer');
const { default: axios } = await import('axios');
const { realTimers } = await import('../common/timers.ts');
const { countsClient } = await import('../main/connection/counts-client.ts');
const { Poller } = await import('../main/connection/poller.ts');

const WARM_UP_MS = 10_000;
const windowMs = Number(secondsText) * 1000;
let requests = 0;
let isCounting = false;
const request = countsClient(axios.create());
const poller = new Poller({
  requestCounts: (endpoint, options) => {
    if (isCounting) requests += 1;
    return request(endpoint, options);
  },
  timers: realTimers,
  waitSeconds: 30,
  onStatus: () => {},
  onAnswer: () => {},
});

/** Voluntary context switches of each thread, by thread name. */
function switchesByThread(): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const status = readFileSync(`/proc/self/task/${tid}/status`, 'utf8');
    const name = /^Name:\s*(.*)$/m.exec(status)?.[1] ?? tid;
    const switches = Number(/^voluntary_ctxt_switches:\s*(\d+)$/m.exec(status)?.[1] ?? 0);
    byName.set(name, (byName.get(name) ?? 0) + switches);
  }
  return byName;
}

poller.connect({ url: url!, token: token! });
await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
const before = switchesByThread();
const startedAt = process.hrtime.bigint();
isCounting = true;
await new Promise((resolve) => setTimeout(resolve, windowMs));
isCounting = false;
const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
const after = switchesByThread();
const { state } = poller.status;
poller.stop();
const threads = Object.fromEntries([...after].map(([name, n]) => [name, n - (before.get(name) ?? 0)]));
const { heapUsed, heapTotal, rss } = process.memoryUsage();
console.log(JSON.stringify({ seconds, requests, state, threads, heapUsed, heapTotal, rss }));
// The poll that stop() aborted may keep a socket; nothing more is measured.
process.exit(0);
