/**
 * A worker: one process of a server that runs on several cores. The primary
 * (server/cli/cli.ts with listen.workers > 1) forks it with the CLI's arguments;
 * it listens on the shared port with SO_REUSEPORT and answers requests like
 * a single server. It stops on SIGTERM, reloads when the primary says so,
 * and stops when the primary is gone (its IPC channel closes).
 */
import { parseArgs } from 'node:util';
import { hostname } from 'node:os';
import { readConfig } from '../config/cli-config.ts';
import { loggerOptions } from '../log.ts';
import { startServer, type RunningServer } from '../run/start.ts';
import type { SourcesView } from '../sources/runners/start-sources.ts';
import { primaryChannel } from './channel.ts';
import { workerNumber } from '../worker-number.ts';
import type { ToPrimary, ToWorker } from './messages.ts';
import { ReplicaStore } from './replica-store.ts';

const tell = (message: ToPrimary) => process.send?.(message);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } } });
  const file = values.config!;
  const overrides = { host: values.host, port: values.port };
  const n = workerNumber();
  const logger = { ...loggerOptions(process.env, process.stdout.isTTY === true) as object, base: { pid: process.pid, hostname: hostname(), worker: n } };

  // The primary stops workers with SIGTERM; Ctrl-C and SIGHUP reach the whole
  // process group from a terminal, and are the primary's to act on.
  process.on('SIGINT', () => {});
  process.on('SIGHUP', () => {});
  let server: RunningServer | undefined;
  let isStarting = true;
  let isStopping = false;
  const stop = async (why: string) => {
    if (isStopping) return;
    isStopping = true;
    // Still starting: nothing is held yet.
    if (!server) process.exit(1);
    server.app.log.info(`stopping (${why}): answering held polls with 503`);
    try {
      await server.stop();
      process.exit(0);
    } catch (error) {
      server.app.log.error({ err: error }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => { void stop('SIGTERM'); });
  process.on('disconnect', () => { void stop('the primary process is gone'); });

  try {
    const config = await readConfig(file, overrides);
    // On the memory store the primary holds the counts and runs the sources; this worker follows a copy.
    const replica = config.store.type === 'memory' ? await ReplicaStore.follow(primaryChannel()) : undefined;
    server = await startServer({ config, logger, reusePort: true, isStarting: () => isStarting, ...(replica ? { store: { store: replica }, sourcesElsewhere: sourcesIn(replica) } : {}) });
    if (replica) {
      const { stop: stopServer } = server;
      server.stop = async () => { await stopServer(); await replica.close(); };
    }
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    tell({ type: 'failed', message: err.message, ...(err.code ? { code: err.code } : {}) });
    process.exit(1);
  }

  let reloading = Promise.resolve();
  process.on('message', (message: ToWorker) => {
    if (message.type === 'all-listening') isStarting = false;
    if (message.type !== 'reload') return;
    reloading = reloading.then(async () => {
      try {
        server!.app.log.info(await server!.reload(await readConfig(file, overrides)));
      } catch (error) {
        server!.app.log.error({ err: error }, 'the config could not be reloaded; the old one keeps running');
      }
    });
  });
  tell({ type: 'listening', port: server.port });
}

/** The sources as a worker sees them: they run in the primary, asked over the channel. */
function sourcesIn(replica: ReplicaStore): SourcesView {
  return {
    states: async () => (await replica.sourceReports()).map((report) => report.state),
    reports: () => replica.sourceReports(),
    markRead: (id, request) => replica.markRead(id, request),
    canMarkRead: (id) => replica.isMarkable(id),
  };
}

await main();
