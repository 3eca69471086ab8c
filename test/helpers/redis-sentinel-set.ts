/**
 * A primary, replicas and Sentinels on free 127.0.0.1 ports, each in its own
 * temporary folder, for failover tests: Sentinel notices a killed primary
 * within `down-after-milliseconds` (1 s here) and promotes a replica.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { freePort } from './dovecot.ts';
import { eventually } from './eventually.ts';
import { startRedis, waitForPing, type TestRedis } from './redis.ts';

export interface SentinelSet {
  name: string;
  primary: TestRedis;
  replicas: TestRedis[];
  /** The Sentinels as the store config takes them: redis://127.0.0.1:<port>. */
  sentinelUrls: string[];
  /** The port of the primary as the Sentinels name it now. */
  primaryPort(): Promise<number>;
  stop(): Promise<void>;
}

const NAME = 'mailtray';

export async function startSentinelSet({ replicaCount = 2, sentinelCount = 3 } = {}): Promise<SentinelSet> {
  const servers: TestRedis[] = [];
  const sentinels: Array<{ child: ChildProcess; dir: string }> = [];
  const stop = async () => {
    await Promise.allSettled(sentinels.map(async ({ child, dir }) => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    }));
    await Promise.allSettled(servers.map((server) => server.stop()));
  };
  try {
    const primary = await startRedis();
    servers.push(primary);
    for (let i = 0; i < replicaCount; i++) servers.push(await startRedis({ args: ['--replicaof', '127.0.0.1', String(primary.port)] }));
    const replicas = servers.slice(1);
    await eventually(async () => {
      for (const replica of replicas) if (!String(await replica.command('INFO', 'replication')).includes('master_link_status:up')) return false;
      return true;
    }, 20_000);
    const sentinelUrls: string[] = [];
    for (let i = 0; i < sentinelCount; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'mailtray-sentinel-'));
      const port = await freePort();
      // Sentinel rewrites its config file, so each gets its own in its folder.
      const file = join(dir, 'sentinel.conf');
      await writeFile(file, [
        `port ${port}`, 'bind 127.0.0.1', 'protected-mode no', `dir ${dir}`, `logfile ${join(dir, 'sentinel.log')}`,
        `sentinel monitor ${NAME} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${NAME} 1000`,
        `sentinel failover-timeout ${NAME} 5000`,
        `sentinel parallel-syncs ${NAME} 2`,
        '',
      ].join('\n'));
      const child = spawn('redis-sentinel', [file], { stdio: 'ignore' });
      sentinels.push({ child, dir });
      const url = `redis://127.0.0.1:${port}`;
      await waitForPing(url);
      sentinelUrls.push(url);
    }
    const ask = async (url: string, ...args: string[]): Promise<unknown> => {
      const client = createClient({ url, RESP: 2, socket: { reconnectStrategy: false } });
      client.on('error', () => {});
      await client.connect();
      try {
        return await client.sendCommand(args);
      } finally {
        client.destroy();
      }
    };
    // Ready when every Sentinel knows both replicas and the other Sentinels: only then can they agree on a failover.
    await eventually(async () => {
      for (const url of sentinelUrls) {
        const fields = await ask(url, 'SENTINEL', 'MASTER', NAME) as string[];
        const field = (name: string) => Number(fields[fields.indexOf(name) + 1]);
        if (field('num-slaves') < replicaCount || field('num-other-sentinels') < sentinelCount - 1) return false;
      }
      return true;
    }, 30_000);
    return {
      name: NAME,
      primary,
      replicas,
      sentinelUrls,
      async primaryPort() {
        for (const url of sentinelUrls) {
          try {
            const [, port] = await ask(url, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME) as [string, string];
            return Number(port);
          } catch {
            // That Sentinel is not answering: ask the next.
          }
        }
        throw new Error('no Sentinel answered');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
