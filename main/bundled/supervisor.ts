import { nextRetryDelay } from '../backoff.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { FromServerHost, ToServerHost } from './server-host.ts';

/** One run of the bundled server process, as the supervisor drives it. */
export interface ServerProcess {
  postMessage(message: ToServerHost): void;
  onMessage(listener: (message: FromServerHost) => void): void;
  onExit(listener: (code: number) => void): void;
  kill(): void;
}

/** Starts a server process. It takes no arguments: everything goes over the channel. */
export type SpawnServer = () => ServerProcess;

export type SupervisorStatus =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'running'; url: string }
  | { state: 'restarting'; reason: string; nextTryAt: number };

export interface SupervisorOptions {
  spawn: SpawnServer;
  /** The config to send on each start, read fresh so a restart picks up new accounts. */
  config: () => unknown;
  clock: Clock;
  random?: () => number;
  onStatus(status: SupervisorStatus): void;
  /** A server that does not report its port in this time is killed and started again. */
  startTimeoutMs?: number;
  /** Running this long counts as healthy: the backoff starts from 1 s again. */
  healthyAfterMs?: number;
}

/** Keeps the bundled server running: starts it, restarts it with backoff when it dies. */
export class Supervisor {
  readonly #options: SupervisorOptions;
  #process: ServerProcess | undefined;
  #status: SupervisorStatus = { state: 'stopped' };
  #attempt = 0;
  #timer: TimerHandle | undefined;
  #isStopping = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
  }

  get status(): SupervisorStatus {
    return this.#status;
  }

  start(): void {
    this.#isStopping = false;
    if (this.#process || this.#timer !== undefined) return;
    this.#spawn();
  }

  /** Stops the server (asking it to answer held polls first) and does not restart it. */
  async stop(): Promise<void> {
    this.#isStopping = true;
    this.#clearTimer();
    const running = this.#process;
    this.#process = undefined;
    this.#setStatus({ state: 'stopped' });
    if (!running) return;
    await new Promise<void>((resolve) => {
      running.onExit(() => resolve());
      running.postMessage({ type: 'stop' });
      // A server that does not stop in time is killed.
      const timer = this.#options.clock.setTimeout(() => {
        running.kill();
        resolve();
      }, 3000);
      running.onExit(() => this.#options.clock.clearTimeout(timer));
    });
  }

  /** Starts a fresh server with a fresh config (the accounts changed). */
  async restart(): Promise<void> {
    await this.stop();
    this.#attempt = 0;
    this.start();
  }

  #spawn(): void {
    const { clock } = this.#options;
    this.#timer = undefined;
    const child = this.#options.spawn();
    this.#process = child;
    this.#setStatus({ state: 'starting' });
    let healthyTimer: TimerHandle | undefined;
    const startTimer = clock.setTimeout(() => child.kill(), this.#options.startTimeoutMs ?? 15_000);
    let failure: string | undefined;
    child.onMessage((message) => {
      if (child !== this.#process) return;
      if (message.type === 'listening') {
        clock.clearTimeout(startTimer);
        healthyTimer = clock.setTimeout(() => { this.#attempt = 0; }, this.#options.healthyAfterMs ?? 30_000);
        this.#setStatus({ state: 'running', url: `http://127.0.0.1:${message.port}` });
      } else if (message.type === 'failed') {
        failure = message.message;
      }
    });
    child.onExit((code) => {
      clock.clearTimeout(startTimer);
      if (healthyTimer !== undefined) clock.clearTimeout(healthyTimer);
      if (child !== this.#process || this.#isStopping) return;
      this.#process = undefined;
      const delay = nextRetryDelay(this.#attempt, this.#options.random ?? Math.random);
      this.#attempt += 1;
      const reason = failure ? `the bundled server could not start: ${failure}` : `the bundled server stopped (exit code ${code}); restarting`;
      this.#setStatus({ state: 'restarting', reason, nextTryAt: clock.now() + delay });
      this.#timer = clock.setTimeout(() => this.#spawn(), delay);
    });
    child.postMessage({ type: 'start', config: this.#options.config() });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #setStatus(status: SupervisorStatus): void {
    this.#status = status;
    this.#options.onStatus(status);
  }
}
