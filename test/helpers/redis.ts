/**
 * A throw-away redis-server for tests and benchmarks: a free 127.0.0.1 port,
 * its own folder, an append-only file written on every change (so kill() and
 * restart() keep the data, as a crash of a persisted Redis would), no RDB
 * snapshots. Nothing system-wide is read or written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { freePort } from './dovecot.ts';

export interface TestRedis {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  /** The running redis-server's process id (benchmarks read its CPU). */
  readonly pid: number | undefined;
  /** Sends one command on a short-lived connection (FLUSHALL, CLIENT KILL, KEYS, ...). */
  command(...args: string[]): Promise<unknown>;
  /** Kills the server at once (SIGKILL), as a crash would; the data stays in its folder. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Kills it and starts it again on the same port with an empty data folder, as a new server would be. */
  restartEmpty(): Promise<void>;
  /** Stops it and deletes its folder; safe to call twice. */
  stop(): Promise<void>;
  log(): Promise<string>;
}

/**
 * `appendfsync`: `always` (the default) for tests that kill it; benchmarks use
 * `everysec`, as production usually does. `args`: more redis-server options
 * (`--cluster-enabled yes`, ...).
 */
export async function startRedis(
  { appendfsync = 'always', args = [] }: { appendfsync?: 'always' | 'everysec'; args?: string[] } = {},
): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;

  const start = async () => {
    const child = spawn('redis-server', [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--logfile', join(dir, 'redis.log'),
      '--save', '', '--appendonly', 'yes', '--appendfsync', appendfsync, '--protected-mode', 'no', ...args,
    ], { stdio: 'ignore' });
    server = child;
    const exited = new Promise<never>((_resolve, reject) => {
      child.once('error', (error) => reject(new Error(`redis-server did not start (is it installed? .ci/run installs Debian's redis-server): ${error.message}`)));
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}); see ${join(dir, 'redis.log')}`)));
    });
    await Promise.race([waitForPing(url), exited]);
    child.removeAllListeners('exit');
  };
  const halt = async (signal: NodeJS.Signals) => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  await start();

  return {
    port,
    url,
    get pid() { return server?.pid; },
    async command(...args) {
      const client = createClient({ url, socket: { reconnectStrategy: false } });
      client.on('error', () => {});
      await client.connect();
      try {
        return await client.sendCommand(args);
      } finally {
        client.destroy();
      }
    },
    kill: () => halt('SIGKILL'),
    restart: start,
    async restartEmpty() {
      await halt('SIGKILL');
      await rm(join(dir, 'appendonlydir'), { recursive: true, force: true });
      await start();
    },
    async stop() {
      await halt('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    log: () => readFile(join(dir, 'redis.log'), 'utf8').catch(() => ''),
  };
}

/** Resolves once the server at `url` answers PING (a redis-server, or a redis-sentinel). */
export async function waitForPing(url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
    client.on('error', () => {});
    try {
      await client.connect();
      // LOADING while the append-only file is read back: not ready yet.
      if ((await client.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within ${timeoutMs} ms: ${(error as Error).message}`);
    } finally {
      client.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
