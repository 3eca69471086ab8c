import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { cpuSeconds as cpuOf, percentile, residentBytes as residentOf } from './proc-stats.ts';
import type { PollState, Target } from './targets.ts';

export interface LoadOptions {
  polls: number;
  mailboxes: number;
  /** Changes per second while changing. */
  rate: number;
  changes: number;
  idleSeconds: number;
  /** Polls go to the first this many mailboxes (default: all); changes still go to every mailbox. */
  polledMailboxes?: number;
  /** Changes visit mailbox 0, stride, 2 x stride, ... (mod mailboxes): coprime with mailboxes, each once per round. Default 1. */
  stride?: number;
  /** Processes besides the target's whose CPU is reported (redis-server). */
  alsoMeasure?: MeasuredProcess[];
}

export interface MeasuredProcess { name: string; pid: number }

export interface LoadResult {
  target: string;
  heldPolls: number;
  deliveries: number;
  /** Deliveries the changes should make (a poll answered for each change of its mailbox). */
  expectedDeliveries: number;
  latencyMs: { p50: number; p99: number; max: number };
  bytesPerHeldPoll: number;
  idleCpuSeconds: number;
  cpuSecondsPer1000Changes: number;
  /** Wall-clock seconds from the first change until the last delivery (or the 30 s wait ran out). */
  changeSeconds: number;
  /** CPU seconds of each process (the target's, then `alsoMeasure`) over those seconds. */
  cpuByProcess: Array<MeasuredProcess & { seconds: number }>;
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Holds `polls` long-polls over `mailboxes` against a target, then changes one
 * mailbox at a time, round-robin (so no mailbox changes twice while its
 * previous change is in flight), and times each change to each delivery.
 */
export async function runLoad(target: Target, options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string, port = target.port) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => { text += c; }).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  const publishedAt = new Map<number, number>();
  const latencies: number[] = [];
  let held = 0;
  let isRunning = true;

  const pollLoop = async (mailbox: number) => {
    let state: PollState = {};
    const port = target.portFor?.(mailbox) ?? target.port;
    // Mailtray answers the first poll (no cursor) at once; nchan holds it from the start.
    if (target.name.startsWith('mailtray')) {
      const first = await send('GET', target.subscribe(mailbox, state).path, target.subscribe(mailbox, state).headers, undefined, port).catch(() => undefined);
      if (first) state = target.nextState(first.status, first.headers, first.body, state);
    }
    while (isRunning) {
      const { path, headers } = target.subscribe(mailbox, state);
      held += 1;
      const answer = await send('GET', path, headers, undefined, port).catch(() => undefined);
      held -= 1;
      if (!answer || !isRunning) return;
      const sentAt = publishedAt.get(mailbox);
      if (answer.status === 200 && sentAt !== undefined) latencies.push(performance.now() - sentAt);
      state = target.nextState(answer.status, answer.headers, answer.body, state);
    }
  };

  // Several instances: their memory and CPU together.
  const pids = target.pids ?? [target.pid];
  const residentBytes = () => pids.reduce((sum, pid) => sum + residentOf(pid), 0);
  const cpuSeconds = () => pids.reduce((sum, pid) => sum + cpuOf(pid), 0);
  const measured = [...pids.map((pid, i) => ({ name: pids.length > 1 ? `${target.name} #${i + 1}` : target.name, pid })), ...(options.alsoMeasure ?? [])];
  const polled = options.polledMailboxes ?? options.mailboxes;
  const pollsPerMailbox = options.polls / polled;
  const stride = options.stride ?? 1;
  const baseline = residentBytes();
  const loops: Promise<void>[] = [];
  for (let i = 0; i < options.polls; i += 1) {
    loops.push(pollLoop(i % polled));
    if (i % 500 === 499) await sleep(50); // let the accept queue drain
  }
  while (held < options.polls) await sleep(100);
  await sleep(1000);
  const withPolls = residentBytes();

  const idleStart = cpuSeconds();
  await sleep(options.idleSeconds * 1000);
  const idleCpuSeconds = cpuSeconds() - idleStart;

  const changeStart = cpuSeconds();
  const cpuAtStart = measured.map((p) => cpuOf(p.pid));
  let expected = 0;
  const interval = 1000 / options.rate;
  const startedAt = performance.now();
  for (let n = 0; n < options.changes; n += 1) {
    const mailbox = (n * stride) % options.mailboxes;
    if (mailbox < polled && n < options.mailboxes) expected += pollsPerMailbox; // a second change may be coalesced with the first
    const due = startedAt + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const { method, path, headers, body } = target.publish(mailbox, n + 1);
    publishedAt.set(mailbox, performance.now());
    // On a loaded machine a connect can be reset; that change then shows as undelivered, it does not end the run.
    send(method, path, headers, body, target.publishPortFor?.(n)).catch(() => {});
  }
  const deadline = performance.now() + 30_000;
  while (latencies.length < expected && performance.now() < deadline) await sleep(50);
  const changeCpu = cpuSeconds() - changeStart;
  const changeSeconds = (performance.now() - startedAt) / 1000;
  const cpuByProcess = measured.map((p, i) => ({ ...p, seconds: cpuOf(p.pid) - cpuAtStart[i]! }));

  isRunning = false;
  agent.destroy();
  await Promise.allSettled(loops);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    target: target.name,
    heldPolls: options.polls,
    deliveries: latencies.length,
    expectedDeliveries: expected,
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN },
    bytesPerHeldPoll: (withPolls - baseline) / options.polls,
    idleCpuSeconds,
    cpuSecondsPer1000Changes: (changeCpu / options.changes) * 1000,
    changeSeconds,
    cpuByProcess,
  };
}
