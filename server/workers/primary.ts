import type { ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import type { ListenOverrides } from '../config/cli-config.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { configSummary } from '../run/start-line.ts';
import { serverVersion } from '../version.ts';
import { startSources, type ServerSources } from '../sources/runners/start-sources.ts';
import { workerChannel } from './channel.ts';
import { StoreHub } from './store-hub.ts';
import { ensurePortFree } from './reuse-port.ts';
import { WorkerPool } from './worker-pool.ts';

/** What the CLI runs: one server process, or the primary of several. */
export interface RunningProcess {
  log: FastifyBaseLogger;
  reload(config: ServerConfig): Promise<string>;
  stop(): Promise<void>;
}

export interface PrimaryOptions {
  file: string;
  overrides: ListenOverrides;
  config: ServerConfig;
  logger: FastifyServerOptions['logger'];
  /** Called when a worker keeps dying and the server cannot go on. */
  onGiveUp: (why: string) => void;
}

// The worker module beside this one, .ts in a checkout and .js once compiled.
const workerModule = fileURLToPath(new URL(`./worker-main${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * The primary of a server on several cores (listen.workers > 1): it starts
 * the workers, each a whole server listening on the shared port, and
 * restarts, reloads and stops them. On a Redis store the workers are
 * instances like any other, sharing counts and sources through Redis. On
 * the memory store this process holds the store and runs the sources, and
 * each worker follows a copy of the store (store-hub.ts, replica-store.ts).
 */
export async function startPrimary(options: PrimaryOptions): Promise<RunningProcess> {
  const { config, file, overrides } = options;
  // The workers log the same way; this is the same logger without an HTTP server.
  const log = Fastify({ logger: options.logger ?? false }).log;
  const host = config.listen.host;
  // On the memory store this process holds the counts and runs the sources; each worker follows a copy.
  const hub = config.store.type === 'memory' ? new StoreHub({ maxMailboxes: config.limits.maxMailboxes }) : undefined;
  const pool = new WorkerPool({
    count: config.listen.workers,
    module: workerModule,
    args: (port) => ['--config', file, '--port', String(port), ...(overrides.host === undefined ? [] : ['--host', overrides.host])],
    port: config.listen.port,
    log,
    onGiveUp: options.onGiveUp,
    ...(hub ? { onFork: (child: ChildProcess) => hub.attach(workerChannel(child)) } : {}),
  });
  let sources: ServerSources | undefined;
  if (hub) {
    for (const source of config.sources) await hub.store.declare(source.mailboxes);
    await hub.store.declare(config.mailboxes);
  }
  await ensurePortFree(host, config.listen.port);
  const port = await pool.start();
  if (hub) {
    const logFor = (type: string) => log.child({ source: type });
    sources = startSources({ config, store: hub.store, logFor, spacingMs: 200 });
    hub.sources = sources;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info({ pids: pool.pids }, `mailtray-server ${serverVersion}: ${config.listen.workers} workers share ${url} (pids ${pool.pids.join(', ')})`);
  return {
    log,
    async reload(next) {
      let here = '';
      if (sources) {
        // In place, as a single server's reload does: a source started later reads the limits then in force.
        Object.assign(config, { ...next, listen: config.listen, limits: { ...next.limits, maxMailboxes: config.limits.maxMailboxes } });
        const { kept, stopped, started } = await sources.reload(next.sources);
        here = `; sources: ${kept} kept, ${stopped} stopped, ${started} started`;
      }
      pool.send({ type: 'reload' });
      return `config passed to the ${config.listen.workers} workers: ${configSummary(next)}${here}`;
    },
    async stop() {
      await pool.stop();
      await sources?.stop();
      await hub?.store.close();
    },
  };
}
