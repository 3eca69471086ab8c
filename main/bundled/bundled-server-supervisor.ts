import { retryBounds, retryDelay } from '../../common/retry.ts';
import type { Timers } from '../../common/timers.ts';
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

export type BundledServerStatus =
  | { state: 'stopped' }
  | { state: 'starting' }
  | { state: 'running'; url: string }
  | { state: 'restarting'; reason: string; nextTryAt: number };

export interface BundledServerSupervisorOptions {
  spawn: SpawnServer;
  /** The config to send on each start, read fresh so a restart picks up new accounts. */
  config: () => unknown;
  timers: Timers;
  random?: () => number;
  onStatus(status: BundledServerStatus): void;
  /** The server's source got a rotated OAuth2 refresh token for these mailboxes: the app must seal and keep it. */
  onRefreshToken?(mailboxIds: string[], refreshToken: string): void;
  /** A server that does not report its port in this time is killed and started again. */
  startTimeoutMs?: number;
  /** Running this long counts as healthy: the backoff starts from 1 s again. */
  healthyAfterMs?: number;
}

/** Keeps the bundled server running: starts it, restarts it with backoff when it dies. */
export class BundledServerSupervisor {
  readonly #options: BundledServerSupervisorOptions;
  #process: ServerProcess | undefined;
  #status: BundledServerStatus = { state: 'stopped' };
  #attempt = 0;
  #cancelRespawn: (() => void) | undefined;
  #isStopping = false;

  constructor(options: BundledServerSupervisorOptions) {
    this.#options = options;
  }

  get status(): BundledServerStatus {
    return this.#status;
  }

  start(): void {
    this.#isStopping = false;
    if (this.#process || this.#cancelRespawn !== undefined) return;
    this.#spawn();
  }

  /** Stops the server (asking it to answer held polls first) and does not restart it. */
  async stop(): Promise<void> {
    this.#isStopping = true;
    this.#clearRespawn();
    const running = this.#process;
    this.#process = undefined;
    this.#setStatus({ state: 'stopped' });
    if (!running) return;
    await new Promise<void>((resolve) => {
      running.onExit(() => resolve());
      running.postMessage({ type: 'stop' });
      // A server that does not stop in time is killed.
      const cancelKill = this.#options.timers.after(3000, () => {
        running.kill();
        resolve();
      });
      running.onExit(() => cancelKill());
    });
  }

  /** Starts a fresh server with a fresh config (the accounts changed). */
  async restart(): Promise<void> {
    await this.stop();
    this.#attempt = 0;
    this.start();
  }

  #spawn(): void {
    const { timers } = this.#options;
    this.#cancelRespawn = undefined;
    const child = this.#options.spawn();
    this.#process = child;
    this.#setStatus({ state: 'starting' });
    let cancelHealthy: (() => void) | undefined;
    const cancelStartTimeout = timers.after(this.#options.startTimeoutMs ?? 15_000, () => child.kill());
    let failure: string | undefined;
    child.onMessage((message) => {
      // A rotated refresh token is kept even from a server on its way out: the old one may no longer work.
      if (message.type === 'refresh-token') {
        this.#options.onRefreshToken?.(message.mailboxIds, message.refreshToken);
        return;
      }
      if (child !== this.#process) return;
      if (message.type === 'listening') {
        cancelStartTimeout();
        cancelHealthy = timers.after(this.#options.healthyAfterMs ?? 30_000, () => { this.#attempt = 0; });
        this.#setStatus({ state: 'running', url: `http://127.0.0.1:${message.port}` });
      } else if (message.type === 'failed') {
        failure = message.message;
      }
    });
    child.onExit((code) => {
      cancelStartTimeout();
      cancelHealthy?.();
      if (child !== this.#process || this.#isStopping) return;
      this.#process = undefined;
      const delay = retryDelay(this.#attempt, { ...retryBounds.app, random: this.#options.random ?? Math.random });
      this.#attempt += 1;
      const reason = failure ? `the bundled server could not start: ${failure}` : `the bundled server stopped (exit code ${code}); restarting`;
      this.#setStatus({ state: 'restarting', reason, nextTryAt: timers.now() + delay });
      this.#cancelRespawn = timers.after(delay, () => this.#spawn());
    });
    child.postMessage({ type: 'start', config: this.#options.config() });
  }

  #clearRespawn(): void {
    this.#cancelRespawn?.();
    this.#cancelRespawn = undefined;
  }

  #setStatus(status: BundledServerStatus): void {
    this.#status = status;
    this.#options.onStatus(status);
  }
}
