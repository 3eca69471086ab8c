import type { FastifyInstance, FastifyListenOptions, FastifyServerOptions } from 'fastify';
import { buildWithContext } from '../http/app.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { formatProblem } from '../config-check.ts';
import { applyConfig } from './config-reload.ts';
import { configWarnings } from '../config/config-warnings.ts';
import { configSummary, startLine } from './start-line.ts';
import { serverBuild, serverVersion } from '../version.ts';
import { startSources, type ServerSources, type SourcesOptions, type SourcesView } from '../sources/runners/start-sources.ts';
import { type SourceContext } from '../sources/source.ts';
import { type Logger, silentLogger } from '../log.ts';
import { openStore } from '../store/store-config.ts';
import type { OpenedStore, ServedStore } from '../store/store.ts';
import type { Timers } from '../../common/timers.ts';

export interface RunningServer {
  app: FastifyInstance;
  store: ServedStore;
  /** Where it listens, e.g. http://127.0.0.1:7300 */
  url: string;
  port: number;
  /**
   * Applies a reloaded config without dropping anyone: clients, mailboxes and
   * sources added or removed take effect; unchanged clients' held polls stay
   * held. Resolves to a line for the log.
   */
  reload(config: ServerConfig): Promise<string>;
  /** Answers held polls with 503, stops the sources, closes the listener. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config: ServerConfig;
  logger?: FastifyServerOptions['logger'];
  /** Pause between starting one source and the next, so many IMAP logins do not land at once. */
  sourceSpacingMs?: number;
  /** Where rotated OAuth2 refresh tokens go (the bundled server's message channel); see SourceContext. */
  onRefreshToken?: SourceContext['onRefreshToken'];
  /** A store made by the caller (tests, a worker's copy); otherwise the config's `store` is opened. */
  store?: OpenedStore;
  /** Sources that run elsewhere (a worker's, in its primary); otherwise the config's sources run here. */
  sourcesElsewhere?: SourcesView;
  /** While true, /healthz answers 503 "starting" (a worker, until all its fellow workers listen). */
  isStarting?: () => boolean;
  /** Listen with SO_REUSEPORT, so that the other workers of one server share the port (server/workers/). */
  reusePort?: boolean;
  /** The clock of the event streams' heartbeat (tests step a fake one); Node's own otherwise. */
  timers?: Timers;
}

/** How long a stop waits for requests in flight; the whole stop takes at most about 1.5 times this. */
const STOP_GRACE_MS = 1000;

/** Builds the app, listens, then starts the sources. Used by the CLI, the bundled server and tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  // The app's logger exists only once the app is built; the store logs through this forwarder.
  const logTo: { app?: Logger } = {};
  const storeLog: Logger = {
    debug: (o, m) => logTo.app?.debug(o, m), info: (o, m) => logTo.app?.info(o, m),
    warn: (o, m) => logTo.app?.warn(o, m), error: (o, m) => logTo.app?.error(o, m),
  };
  // What a shared store has beyond the core (leases, a deny list) is handed to the parts that use it below.
  const { store, leases, denyList } = options.store ?? await openStore(config.store, { maxMailboxes: config.limits.maxMailboxes, log: storeLog });
  // The sources need the app's logger, the app their states: they start once it listens.
  let sources: ServerSources | undefined;
  const elsewhere = options.sourcesElsewhere;
  // Building declares the config's mailboxes in the store, which can fail (Redis
  // refuses a write); the store it opened is closed then, as when listening fails.
  const { app, context, front } = await buildWithContext({
    config,
    store,
    ...(denyList ? { denyList } : {}),
    logger: options.logger ?? false,
    sourceStates: () => (elsewhere ?? sources)?.states() ?? [],
    sourceReports: async () => (await (elsewhere ?? sources)?.reports()) ?? [],
    markRead: (id, request) => (elsewhere ?? sources)?.markRead(id, request)
      ?? Promise.resolve({ refused: `the source of the mailbox "${id}" has not started yet; try again in a moment` }),
    canMarkRead: (id) => (elsewhere ?? sources)?.canMarkRead(id) ?? false,
    ...(options.isStarting ? { isStarting: options.isStarting } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  }).catch(async (error: unknown) => {
    if (!options.store) await store.close();
    throw error;
  });
  const logWarnings = (checked: ServerConfig) => {
    for (const warning of configWarnings(checked)) app.log.warn({ at: warning.at }, `config: ${formatProblem(warning)}`);
  };
  logTo.app = app.log;
  logWarnings(config);
  try {
    // Fastify hands these options to net.Server#listen as they are; its types do not name reusePort yet.
    const listenOptions: FastifyListenOptions & { reusePort?: boolean } = {
      host: config.listen.host,
      port: config.listen.port,
      listenTextResolver: (address) => startLine(`${serverVersion} (${serverBuild})`, address, config),
    };
    if (options.reusePort) listenOptions.reusePort = true;
    await app.listen(listenOptions);
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;

  const logFor = (type: string): Logger => (options.logger ? app.log.child({ source: type }) : silentLogger);
  if (!elsewhere) {
    const sourcesOptions: SourcesOptions = { config, store, logFor, spacingMs: options.sourceSpacingMs ?? 200 };
    if (leases) sourcesOptions.leases = leases;
    if (options.onRefreshToken) sourcesOptions.onRefreshToken = options.onRefreshToken;
    sources = startSources(sourcesOptions);
  }

  return {
    app,
    store,
    port,
    url: `http://${host}:${port}`,
    async reload(next) {
      logWarnings(next);
      const needsRestart = await applyConfig(context, next);
      const restart = needsRestart.length === 0 ? '' : `; ${needsRestart.join(', ')} changed and take effect after a restart`;
      if (!sources) return `config reloaded: ${configSummary(next)}; sources run in the primary process${restart}`;
      const { kept, stopped, started } = await sources.reload(next.sources);
      return `config reloaded: ${configSummary(next)}; sources: ${kept} kept, ${stopped} stopped, ${started} started${restart}`;
    },
    async stop() {
      // Held polls are answered first (preClose); a client still sending a
      // request after a grace second is cut off, so a stop never waits on one.
      const cutOff = setTimeout(() => {
        app.server.closeAllConnections();
        front?.destroyAll();
      }, STOP_GRACE_MS);
      await app.close();
      clearTimeout(cutOff);
      if (sources) await withDeadline(STOP_GRACE_MS / 2, sources.stop());
      if (!options.store) await store.close();
    },
  };
}

/** Waits for `work`, but no longer than `ms`: a source that hangs on logout does not hold up the exit. */
async function withDeadline(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}
