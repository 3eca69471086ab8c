import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hardFileLimit } from './file-limit.ts';
import type { LoadTarget } from './load.ts';
import { processTree } from './proc-stats.ts';
import { INGEST_TOKEN as INGEST, tokenOf } from './wire.ts';

/** A server the benchmark started: what the load generator needs, and how to stop it. */
export interface Target extends LoadTarget {
  /** The first instance's port (where a store is fed before the load). */
  port: number;
  /** The first process (a primary, nginx's master). */
  pid: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// On a shared machine with a load average of 30, a primary and its workers took over 10 s to listen.
const START_WAIT_MS = 60_000;

/** Until the server answers `path` on `port`; an error as soon as its process has ended (its own message is on stderr, above). */
async function waitForPort(port: number, path: string, child: ChildProcess): Promise<void> {
  for (const deadline = Date.now() + START_WAIT_MS; Date.now() < deadline;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server (${child.spawnargs.join(' ')}) ended (${child.signalCode ?? `exit code ${child.exitCode}`}) before it listened; its message is above`);
    }
    try {
      const answer = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(500) });
      // A worker says "starting" until all of listen.workers share the port (until then it would get every poll).
      if (!(answer.status === 503 && (await answer.text()).includes('"starting"'))) return;
      await new Promise((r) => setTimeout(r, 50));
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`nothing answered on port ${port} within ${START_WAIT_MS / 1000} s`);
}

/** Asks a server to stop; kills it if it has not within 15 s. */
async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => {
    process.stderr.write(`pid ${child.pid} did not stop within 15 s of ${signal}: killed\n`);
    child.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

/** Until a primary has started its workers: `processes` at least, counting itself. */
async function waitForProcesses(pid: number, processes: number): Promise<void> {
  for (let i = 0; i < 300 && processTree(pid).length < processes; i += 1) await new Promise((r) => setTimeout(r, 100));
  if (processTree(pid).length < processes) throw new Error(`the server (pid ${pid}) did not start ${processes} processes within 30 s`);
}

/** As in package.json's "server" script and bin/mailtray-server.js. */
const SERVER_NODE_FLAGS = '--max-semi-space-size=2';

const ingestHeaders = { Authorization: `Bearer ${INGEST}`, 'Content-Type': 'application/json' };

/** Sets mailboxes m0 ... m(total - 1) through POST /v1/counts, 1,000 a request: a host's store before its day starts. */
export async function feedAll(port: number, total: number): Promise<void> {
  for (let first = 0; first < total; first += 1000) {
    const mailboxes = Array.from({ length: Math.min(1000, total - first) }, (_, i) => ({ id: `m${first + i}`, count: 0 }));
    const answer = await fetch(`http://127.0.0.1:${port}/v1/counts`, { method: 'POST', headers: ingestHeaders, body: JSON.stringify({ mailboxes }) });
    if (!answer.ok) throw new Error(`POST /v1/counts answered ${answer.status}: ${await answer.text()}`);
  }
}

export interface MailtrayOptions {
  /**
   * Instances that share one Redis (its URL, or a Redis Cluster's node URLs, and how many instances);
   * otherwise one process on the memory store.
   */
  redis?: { url: string; instances: number } | { cluster: string[]; instances: number };
  /** `post`: changes go to POST /v1/counts (as the Dovecot script sends them), spread over the instances as a load balancer would; default PUT to the first. */
  feed?: 'put' | 'post';
  /** Processes on one port (`listen.workers`: a primary and its workers); servers without that field take 1 only. */
  workers?: number;
  /** `false`: `"http": {"pollFront": false}`, every connection to node:http and Fastify (npm run bench -- --front-off). */
  pollFront?: boolean;
}

/** `mailboxes` clients, one per mailbox m0, m1, ... */
export async function startMailtray(mailboxes: number, { redis, feed = 'put', workers = 1, pollFront = true }: MailtrayOptions = {}): Promise<Target> {
  const folder = mkdtempSync(join(tmpdir(), 'mailtray-bench-'));
  const ports: number[] = [];
  for (let i = 0; i < (redis?.instances ?? 1); i++) ports.push(await freePort());
  const config = {
    clients: Array.from({ length: mailboxes }, (_, i) => ({ name: `c${i}`, token: tokenOf(i), mailboxes: [`m${i}`] })),
    ingest: [{ name: 'bench', token: INGEST }],
    limits: { heldPollsPerToken: 100_000, maxMailboxes: 1_000_000 },
    ...(redis ? { store: { type: 'redis', ...('cluster' in redis ? { cluster: { nodes: redis.cluster } } : { url: redis.url }), prefix: `bench-${Date.now()}:` } } : {}),
    ...(pollFront ? {} : { http: { pollFront: false } }),
  };
  const cli = new URL('../server/cli/cli.ts', import.meta.url).pathname;
  // The server runs with the flags `npm run server` gives it; MAILTRAY_NODE_FLAGS lets a run compare others.
  const flags = (process.env.MAILTRAY_NODE_FLAGS ?? SERVER_NODE_FLAGS).split(' ').filter(Boolean);
  const children: ChildProcess[] = [];
  for (const [i, port] of ports.entries()) {
    const listen = { host: '127.0.0.1', port, ...(workers > 1 ? { workers } : {}) };
    writeFileSync(join(folder, `server-${i}.json`), JSON.stringify({ ...config, listen }));
    children.push(spawn(process.execPath, [...flags, cli, '--config', join(folder, `server-${i}.json`)], {
      stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' },
    }));
    try {
      await waitForPort(port, '/healthz', children.at(-1)!);
      await waitForProcesses(children.at(-1)!.pid!, workers > 1 ? workers + 1 : 1);
    } catch (error) {
      for (const child of children) child.kill('SIGKILL');
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  }
  const name = `${redis ? `mailtray x${ports.length} on redis${'cluster' in redis ? ' cluster' : ''}` : 'mailtray'}${workers > 1 ? `, ${workers} workers` : ''}${pollFront ? '' : ', front off'}`;
  return {
    name,
    port: ports[0]!,
    pid: children[0]!.pid!,
    pids: children.map((c) => c.pid!),
    wire: { kind: 'mailtray', ingestToken: INGEST, feed },
    pollPorts: ports,
    publishPorts: feed === 'post' ? ports : [ports[0]!],
    async stop() {
      await Promise.all(children.map((c) => stopProcess(c, 'SIGTERM')));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

// NCHAN_ROOT: a folder where the nginx and libnginx-mod-nchan .debs were unpacked (`apt-get download`,
// `dpkg -x`), for a machine where they are not installed; otherwise the installed ones.
const nchanRoot = process.env.NCHAN_ROOT ?? '';
const nchanModule = `${nchanRoot}/usr/lib/nginx/modules/ngx_nchan_module.so`;
export const nginxBinary = nchanRoot ? `${nchanRoot}/usr/sbin/nginx` : 'nginx';

export function hasNchan(): boolean {
  return existsSync(nchanModule) && spawnSync(nginxBinary, ['-v']).status === 0;
}

export interface NchanOptions {
  /** nchan's Redis mode on that server. */
  redisUrl?: string;
  /** nchan's Redis mode on a Redis Cluster: its nodes' URLs (nchan learns the slots from them). */
  redisCluster?: string[];
  /** nginx's worker_processes (listening with reuseport when over 1, as Mailtray's workers share their port). */
  workers?: number;
}

/** nginx with nchan's long-poll subscriber: the reference the targets compare with. */
export async function startNchan({ redisUrl, redisCluster, workers = 1 }: NchanOptions = {}): Promise<Target> {
  const redisServers = redisCluster ?? (redisUrl ? [redisUrl] : []);
  const folder = mkdtempSync(join(tmpdir(), 'nchan-bench-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(folder, sub));
  const port = await freePort();
  // Node raises its soft open-file limit to the hard one by itself; nginx's workers need telling.
  const files = Math.min(hardFileLimit(), 65_536);
  // nchan 1.3's spelling of nchan_redis_url + nchan_use_redis on (which it warns are discouraged).
  const useRedis = redisServers.length > 0 ? ' nchan_redis_pass bench_redis;' : '';
  writeFileSync(join(folder, 'nginx.conf'), `
load_module ${nchanModule};
worker_processes ${workers};
worker_rlimit_nofile ${files};
error_log ${folder}/error.log warn;
pid ${folder}/nginx.pid;
events { worker_connections ${files - 1000}; }
http {
  access_log off;
  # nginx closes a connection after 1,000 requests by default, dropping whatever was pipelined behind the last.
  keepalive_requests 10000000;
  client_body_temp_path ${folder}/body; proxy_temp_path ${folder}/proxy; fastcgi_temp_path ${folder}/fastcgi;
  uwsgi_temp_path ${folder}/uwsgi; scgi_temp_path ${folder}/scgi;
  nchan_max_reserved_memory 256M;
  ${redisServers.length > 0 ? `upstream bench_redis { ${redisServers.map((url) => `nchan_redis_server ${url};`).join(' ')} }` : ''}
  server {
    listen 127.0.0.1:${port}${workers > 1 ? ' reuseport' : ''};
    location = /healthz { return 200 "ok"; }
    location ~ ^/sub/(.+)$ {
      nchan_subscriber longpoll; nchan_channel_id $1;${useRedis}
      nchan_subscriber_first_message newest; nchan_subscriber_timeout 120s;
    }
    location ~ ^/pub/(.+)$ { nchan_publisher; nchan_channel_id $1; nchan_message_buffer_length 1;${useRedis} }
  }
}`);
  const master = spawn(nginxBinary, ['-p', folder, '-e', join(folder, 'error.log'), '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port, '/healthz', master);
  return {
    name: `${redisCluster ? 'nchan on redis cluster' : redisUrl ? 'nchan on redis' : 'nchan'}${workers > 1 ? `, ${workers} workers` : ''}`,
    port,
    pid: master.pid!,
    pids: [master.pid!],
    wire: { kind: 'nchan' },
    pollPorts: [port],
    publishPorts: [port],
    async stop() {
      await stopProcess(master, 'SIGQUIT');
      if (existsSync(join(folder, 'error.log'))) {
        const errors = readFileSync(join(folder, 'error.log'), 'utf8').split('\n').filter((l) => /\[(error|crit|alert|emerg)\]/.test(l));
        if (errors.length) process.stderr.write(`nchan errors:\n${errors.slice(0, 5).join('\n')}\n`);
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
