import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childPids } from './proc-stats.ts';

/** One long-poll server under load: how to subscribe, publish, and which process to measure. */
export interface Target {
  name: string;
  port: number;
  /** The process whose memory and CPU are measured. */
  pid: number;
  /** Several instances: every process measured (their memory and CPU are summed). */
  pids?: number[];
  /** Several instances: where a mailbox's polls go (a load balancer with no stickiness); publishes go to `port`. */
  portFor?(mailbox: number): number;
  /** Several instances: where the n-th change is sent (default `port`). */
  publishPortFor?(n: number): number;
  /** Path and headers of the next poll for a mailbox, given the last answer's state. */
  subscribe(mailbox: number, state: PollState): { path: string; headers: Record<string, string> };
  /** Reads the state the next poll sends from an answer. */
  nextState(status: number, headers: Record<string, string | string[] | undefined>, body: string, previous: PollState): PollState;
  publish(mailbox: number, count: number): { method: string; path: string; headers: Record<string, string>; body: string };
  stop(): Promise<void>;
}

export type PollState = Record<string, string>;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, path: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    try {
      await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing answered on port ${port}`);
}

/** As in package.json's "server" script and bin/mailtray-server.js. */
const SERVER_NODE_FLAGS = '--max-semi-space-size=2';

const tokenOf = (mailbox: number) => `bench-client-token-${mailbox}-xxxxxxxx`;
const INGEST = 'bench-ingest-token-xxxxxxxxxxxx';
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
  /** Instances that share one Redis (its URL and how many); otherwise one process on the memory store. */
  redis?: { url: string; instances: number };
  /** `post`: changes go to POST /v1/counts (as the Dovecot script sends them), spread over the instances as a load balancer would; default PUT to the first. */
  feed?: 'put' | 'post';
}

/** `mailboxes` clients, one per mailbox m0, m1, ... */
export async function startMailtray(mailboxes: number, { redis, feed = 'put' }: MailtrayOptions = {}): Promise<Target> {
  const folder = mkdtempSync(join(tmpdir(), 'mailtray-bench-'));
  const ports: number[] = [];
  for (let i = 0; i < (redis?.instances ?? 1); i++) ports.push(await freePort());
  const config = {
    clients: Array.from({ length: mailboxes }, (_, i) => ({ name: `c${i}`, token: tokenOf(i), mailboxes: [`m${i}`] })),
    ingest: [{ name: 'bench', token: INGEST }],
    limits: { heldPollsPerToken: 100_000, maxMailboxes: 1_000_000 },
    ...(redis ? { store: { type: 'redis', url: redis.url, prefix: `bench-${Date.now()}:` } } : {}),
  };
  const cli = new URL('../server/cli.ts', import.meta.url).pathname;
  // The server runs with the flags `npm run server` gives it; MAILTRAY_NODE_FLAGS lets a run compare others.
  const flags = (process.env.MAILTRAY_NODE_FLAGS ?? SERVER_NODE_FLAGS).split(' ').filter(Boolean);
  const children: ChildProcess[] = [];
  for (const [i, port] of ports.entries()) {
    writeFileSync(join(folder, `server-${i}.json`), JSON.stringify({ ...config, listen: { host: '127.0.0.1', port } }));
    children.push(spawn(process.execPath, [...flags, cli, '--config', join(folder, `server-${i}.json`)], {
      stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' },
    }));
    await waitForPort(port, '/healthz');
  }
  const port = ports[0]!;
  const child = children[0]!;
  return {
    name: redis ? `mailtray x${ports.length} on redis` : 'mailtray',
    port,
    pid: child.pid!,
    pids: children.map((c) => c.pid!),
    portFor: (mailbox) => ports[mailbox % ports.length]!,
    publishPortFor: (n) => (feed === 'post' ? ports[n % ports.length]! : port),
    subscribe: (mailbox, state) => ({
      path: `/v1/counts?wait=120${state.cursor ? `&since=${state.cursor}` : ''}`,
      headers: { Authorization: `Bearer ${tokenOf(mailbox)}` },
    }),
    nextState: (_status, _headers, body, previous) => {
      try {
        return { cursor: (JSON.parse(body) as { cursor: string }).cursor };
      } catch {
        return previous;
      }
    },
    publish: (mailbox, count) => (feed === 'post'
      ? { method: 'POST', path: '/v1/counts', headers: ingestHeaders, body: JSON.stringify({ mailboxes: [{ id: `m${mailbox}`, count }] }) }
      : { method: 'PUT', path: `/v1/mailboxes/m${mailbox}`, headers: ingestHeaders, body: JSON.stringify({ count }) }),
    async stop() {
      await Promise.all(children.map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); })));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

const nchanModule = '/usr/lib/nginx/modules/ngx_nchan_module.so';

export function hasNchan(): boolean {
  return existsSync(nchanModule) && spawnSync('nginx', ['-v']).status === 0;
}

/** nginx with one worker and nchan's long-poll subscriber: the reference the targets compare with. `redisUrl`: nchan's Redis mode on that server. */
export async function startNchan(redisUrl?: string): Promise<Target> {
  const folder = mkdtempSync(join(tmpdir(), 'nchan-bench-'));
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(folder, sub));
  const port = await freePort();
  // nchan 1.3's spelling of nchan_redis_url + nchan_use_redis on (which it warns are discouraged).
  const useRedis = redisUrl ? ' nchan_redis_pass bench_redis;' : '';
  writeFileSync(join(folder, 'nginx.conf'), `
load_module ${nchanModule};
worker_processes 1;
worker_rlimit_nofile 20000;
error_log ${folder}/error.log warn;
pid ${folder}/nginx.pid;
events { worker_connections 19000; }
http {
  access_log off;
  client_body_temp_path ${folder}/body; proxy_temp_path ${folder}/proxy; fastcgi_temp_path ${folder}/fastcgi;
  uwsgi_temp_path ${folder}/uwsgi; scgi_temp_path ${folder}/scgi;
  nchan_max_reserved_memory 256M;
  ${redisUrl ? `upstream bench_redis { nchan_redis_server ${redisUrl}; }` : ''}
  server {
    listen 127.0.0.1:${port};
    location = /healthz { return 200 "ok"; }
    location ~ ^/sub/(.+)$ {
      nchan_subscriber longpoll; nchan_channel_id $1;${useRedis}
      nchan_subscriber_first_message newest; nchan_subscriber_timeout 120s;
    }
    location ~ ^/pub/(.+)$ { nchan_publisher; nchan_channel_id $1; nchan_message_buffer_length 1;${useRedis} }
  }
}`);
  const master = spawn('nginx', ['-p', folder, '-c', join(folder, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  await waitForPort(port, '/healthz');
  const worker = childPids(master.pid!)[0] ?? master.pid!;
  return {
    name: redisUrl ? 'nchan on redis' : 'nchan',
    port,
    pid: worker,
    subscribe: (mailbox, state) => ({
      path: `/sub/m${mailbox}`,
      headers: state.lastModified ? { 'If-Modified-Since': state.lastModified, 'If-None-Match': state.etag ?? '0' } : {},
    }),
    nextState: (status, headers, _body, previous) => {
      const lastModified = headers['last-modified'];
      const etag = headers.etag;
      return status === 200 && typeof lastModified === 'string' ? { lastModified, etag: typeof etag === 'string' ? etag : '0' } : previous;
    },
    publish: (mailbox, count) => ({ method: 'POST', path: `/pub/m${mailbox}`, headers: { 'Content-Type': 'text/plain' }, body: String(count) }),
    async stop() {
      master.kill('SIGQUIT');
      await new Promise((r) => master.once('exit', r));
      if (existsSync(join(folder, 'error.log'))) {
        const errors = readFileSync(join(folder, 'error.log'), 'utf8').split('\n').filter((l) => /\[(error|crit|alert|emerg)\]/.test(l));
        if (errors.length) process.stderr.write(`nchan errors:\n${errors.slice(0, 5).join('\n')}\n`);
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
