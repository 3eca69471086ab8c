import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Logger } from '../log.ts';
import { WORKER_ENV } from '../worker-number.ts';
import type { ToPrimary, ToWorker } from './messages.ts';
import { workerExecArgv } from './reuse-port.ts';
import { workerStdio } from './channel.ts';

export interface WorkerPoolOptions {
  count: number;
  /** The worker's entry module and its arguments (the config file, --host). */
  module: string;
  args: (port: number) => string[];
  /** The configured port; 0 lets the first worker pick one, which the others then share. */
  port: number;
  log: Logger;
  /** Called with each worker process as it is forked (again for each one started in a dead one's place). */
  onFork?: (worker: ChildProcess, n: number) => void;
  /** Called when a worker keeps dying: the server cannot go on (the CLI then stops and exits 1). */
  onGiveUp: (why: string) => void;
  /** Restarts allowed per worker within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

interface Slot {
  n: number;
  child: ChildProcess | undefined;
  /** When it was restarted, newest last, for the restart bound. */
  restarts: number[];
}

/** How long a stop waits for workers to answer their held polls and exit before killing them. */
const STOP_WAIT_MS = 3000;

/**
 * The primary's part: starts N workers of the server, restarts one that dies
 * (a few times a minute at most), passes a reload on and stops them all.
 */
export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #slots: Slot[];
  #port = 0;
  #isStopping = false;

  constructor(options: WorkerPoolOptions) {
    this.#options = options;
    this.#slots = Array.from({ length: options.count }, (_, i) => ({ n: i + 1, child: undefined, restarts: [] }));
  }

  /** Starts every worker; resolves with the port they share, or rejects with the first one's failure. */
  async start(): Promise<number> {
    const [first, ...rest] = this.#slots;
    try {
      if (this.#options.port === 0) {
        // The first worker's port is the one the others join.
        this.#port = await this.#run(first!, 0);
        await Promise.all(rest.map((slot) => this.#run(slot, this.#port)));
      } else {
        // All at once: until the last one listens, those that do get every new connection.
        this.#port = this.#options.port;
        await Promise.all(this.#slots.map((slot) => this.#run(slot, this.#port)));
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.send({ type: 'all-listening' });
    return this.#port;
  }

  get pids(): number[] {
    return this.#slots.flatMap((slot) => (slot.child?.pid === undefined ? [] : [slot.child.pid]));
  }

  send(message: ToWorker): void {
    for (const slot of this.#slots) if (slot.child?.connected) slot.child.send(message);
  }

  /** SIGTERM to every worker (each answers its held polls 503 and exits); SIGKILL to one still there after 3 s. */
  async stop(): Promise<void> {
    this.#isStopping = true;
    await Promise.all(this.#slots.map(async ({ child }) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
      await exited;
      clearTimeout(timer);
    }));
  }

  /** Forks the worker of `slot`; resolves with its port once it listens. */
  #run(slot: Slot, port: number): Promise<number> {
    const child = fork(this.#options.module, this.#options.args(port), {
      env: { ...process.env, [WORKER_ENV]: String(slot.n) },
      execArgv: workerExecArgv(process.execArgv),
      stdio: [...workerStdio],
    });
    slot.child = child;
    this.#options.onFork?.(child, slot.n);
    return new Promise<number>((resolve, reject) => {
      let isListening = false;
      child.on('message', (message: ToPrimary) => {
        if (message.type === 'listening') {
          isListening = true;
          resolve(message.port);
        } else if (message.type === 'failed') {
          reject(Object.assign(new Error(message.message), { code: message.code }));
        }
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (!isListening) {
          reject(new Error(`worker ${slot.n} exited (${signal ?? `code ${code}`}) before it listened`));
          return;
        }
        if (!this.#isStopping) this.#restart(slot, signal ? `was killed (${signal})` : `exited with code ${code}`);
      });
    });
  }

  /** `how` it ended: "exited with code 1", "was killed (SIGKILL)". */
  #restart(slot: Slot, how: string): void {
    const { log, maxRestarts = 5, restartWindowMs = 60_000 } = this.#options;
    const now = Date.now();
    slot.restarts = slot.restarts.filter((at) => now - at < restartWindowMs);
    if (slot.restarts.length >= maxRestarts) {
      const why = `worker ${slot.n} ${how}; it ended ${maxRestarts + 1} times within ${restartWindowMs / 1000} s, so it is not started again`;
      log.error({ worker: slot.n }, why);
      this.#options.onGiveUp(why);
      return;
    }
    slot.restarts.push(now);
    // Each restart within the window waits longer: 0.1, 0.2, 0.4 ... s.
    const delayMs = 100 * 2 ** (slot.restarts.length - 1);
    log.warn({ worker: slot.n, workerPid: slot.child?.pid }, `worker ${slot.n} (pid ${slot.child?.pid}) ${how}; starting it again`);
    setTimeout(() => {
      if (this.#isStopping) return;
      this.#run(slot, this.#port).then(
        () => {
          if (slot.child?.connected) slot.child.send({ type: 'all-listening' } satisfies ToWorker);
          log.info({ worker: slot.n, workerPid: slot.child?.pid }, `worker ${slot.n} started again (pid ${slot.child?.pid})`);
        },
        (error: unknown) => this.#restart(slot, `could not start again (${(error as Error).message})`),
      );
    }, delayMs);
  }
}
