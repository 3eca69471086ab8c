import { fork } from 'node:child_process';
import { checkFileLimit } from './file-limit.ts';
import type { LoadReply } from './load-client.ts';
import type { Wire } from './wire.ts';

/** A server under load, as the load generator needs it: where to poll and publish, how it speaks, which processes to measure. */
export interface LoadTarget {
  name: string;
  wire: Wire;
  /** Mailbox i's polls go to pollPorts[i % length] (several instances behind a load balancer with no stickiness). */
  pollPorts: number[];
  /** The n-th change goes to publishPorts[n % length]. */
  publishPorts: number[];
  /** The server's processes; each one's descendants (workers) are measured with it. */
  pids: number[];
}

export interface LoadOptions {
  polls: number;
  mailboxes: number;
  /** Changes per second while changing (spacing 'rate'). */
  rate: number;
  changes: number;
  idleSeconds: number;
  /**
   * 'rate': changes at `rate` a second, whatever the server does (the steering load).
   * 'settle': each change waits until the last one is delivered, every poll is held
   * again and the server is quiet (the fan-out: every change reaches every poll).
   */
  spacing?: 'rate' | 'settle';
  /** Polls go to the first this many mailboxes (default: all); changes still go to every mailbox. */
  polledMailboxes?: number;
  /** Changes visit mailbox 0, stride, 2 x stride, ... (mod mailboxes): coprime with mailboxes, each once per round. Default 1. */
  stride?: number;
  /** How long to wait for deliveries after the last change (default 30 s: a change later than that is missed). */
  deliverySeconds?: number;
  /** Processes besides the target's whose CPU is reported (redis-server). */
  alsoMeasure?: MeasuredProcess[];
}

export interface MeasuredProcess { name: string; pid: number }

export interface LoadResult {
  target: string;
  heldPolls: number;
  /** Answers that carried a count the poll had not seen. */
  deliveries: number;
  /** Deliveries the changes should make: each change, to each poll of its mailbox. */
  expectedDeliveries: number;
  /**
   * Answers with a count the poll had not seen that deliver no new change of
   * its mailbox (bench/answer-check.ts): another mailbox's, one it had already,
   * or an older cursor. Not in `deliveries`.
   */
  extraDeliveries: number;
  /** The first few of them, each with why and the answer itself. */
  extraAnswers: string[];
  /** Polls whose last answer does not show their mailbox's last change: a change lost, not two changes in one answer. */
  stalePolls: number;
  /** Answers that were not 200 (nor nchan's 304), connections the server closed or reset, publishes not accepted. */
  errors: string[];
  latencyMs: { p50: number; p99: number; max: number };
  bytesPerHeldPoll: number;
  idleCpuSeconds: number;
  cpuSecondsPerChange: number;
  /** Wall-clock seconds from the first change until every delivery was in and the server quiet again. */
  changeSeconds: number;
  /** CPU seconds of each process over those seconds: the target's, `alsoMeasure`, then the load generator's own. */
  cpuByProcess: Array<MeasuredProcess & { seconds: number }>;
}

export interface LoadJob { target: LoadTarget; options: LoadOptions }

const clientScript = new URL('./load-client.ts', import.meta.url).pathname;

/**
 * Runs the load in its own process (bench/load-client.ts), so that what the
 * caller does meanwhile does not slow the clients: holds `polls` long-polls
 * over raw sockets, then changes mailboxes and times each change to each
 * delivery; the client reads the server's CPU and memory from /proc itself.
 */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  checkFileLimit(options.polls + 100, `${options.polls} polls`); // the server holds as many sockets as the clients
  const child = fork(clientScript, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<LoadResult>((resolve, reject) => {
    let reply: LoadReply | undefined;
    child.once('message', (message) => { reply = message as LoadReply; });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (reply && 'result' in reply) resolve(reply.result);
      else reject(new Error(reply?.error ?? `the load generator ended (${signal ?? `exit code ${code}`}) without a result`));
    });
    child.send({ target, options } satisfies LoadJob);
  });
}
