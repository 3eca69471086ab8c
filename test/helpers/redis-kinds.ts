/**
 * Redis servers the store does not support, for tests that the server says so
 * and stops: a Redis Cluster node that does not hold the store's keys, and a
 * Redis Sentinel. Ports are free ones on 127.0.0.1; folders are temporary.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './dovecot.ts';
import { eventually } from './eventually.ts';
import { startRedis, waitForPing, type TestRedis } from './redis.ts';

export interface ClusterPair {
  /** The node that holds every hash slot. */
  holder: TestRedis;
  /** A node of the same cluster holding no slot: it answers MOVED for every key. */
  other: TestRedis;
  stop(): Promise<void>;
}

/** Two Redis Cluster nodes that know each other; every slot is on `holder`. */
export async function startClusterPair(): Promise<ClusterPair> {
  // The cluster bus port is set explicitly: the default (port + 10000) may not exist for a high port.
  const node = async (busPort: number) => startRedis({ args: ['--cluster-enabled', 'yes', '--cluster-port', String(busPort)] });
  const otherBusPort = await freePort();
  const holder = await node(await freePort());
  let other: TestRedis;
  try {
    other = await node(otherBusPort);
  } catch (error) {
    await holder.stop();
    throw error;
  }
  const stop = async () => { await Promise.all([holder.stop(), other.stop()]); };
  try {
    await holder.command('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    await holder.command('CLUSTER', 'MEET', '127.0.0.1', String(other.port), String(otherBusPort));
    // Ready once the other node has heard, over the bus, that the slots are served.
    await eventually(async () => String(await other.command('CLUSTER', 'INFO')).includes('cluster_state:ok'), 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { holder, other, stop };
}

export interface TestSentinel {
  port: number;
  /** redis://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
  log(): Promise<string>;
}

/** A redis-sentinel (Debian's redis-sentinel package) watching nothing; it answers PING and SUBSCRIBE like a Redis. */
export async function startSentinel(): Promise<TestSentinel> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-sentinel-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  // Sentinel rewrites its config file, so it gets its own copy in its folder.
  const file = join(dir, 'sentinel.conf');
  await writeFile(file, `port ${port}\nbind 127.0.0.1\nprotected-mode no\ndir ${dir}\nlogfile ${join(dir, 'sentinel.log')}\n`);
  const child = spawn('redis-sentinel', [file], { stdio: 'ignore' });
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('error', (error) => reject(new Error(`redis-sentinel did not start (is it installed? .ci/run installs Debian's redis-sentinel): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-sentinel exited (${code}); see ${join(dir, 'sentinel.log')}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await Promise.race([waitForPing(url), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  child.removeAllListeners('exit');
  return { port, url, stop, log: () => readFile(join(dir, 'sentinel.log'), 'utf8').catch(() => '') };
}
