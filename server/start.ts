import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { build } from './app.ts';
import type { ServerConfig } from './config.ts';
import { formatProblem } from './config-check.ts';
import { configWarnings } from './config-warnings.ts';
import { runAllSources, runLeasedSources, type RunningSources } from './source-runner.ts';
import { startLine } from './start-line.ts';
import { serverVersion } from './version.ts';
import { withBoundedErrors } from './sources/error-text.ts';
import { silentLogger, type ConfiguredSource, type Logger, type MarkOutcome, type MarkRequest, type SourceContext } from './sources/source.ts';
import { openStore } from './store-config.ts';
import type { Store } from './store.ts';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  /** Where it listens, e.g. http://127.0.0.1:7300 */
  url: string;
  port: number;
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
  /** A store made by the caller (tests); otherwise the config's `store` is opened. */
  store?: Store;
}

/** Builds the app, listens, then starts the sources. Used by the CLI, the bundled server and tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  // The app's logger exists only once the app is built; the store logs through this forwarder.
  let appLog: FastifyInstance['log'] | undefined;
  const logFor = (type: string): Logger => (options.logger && appLog ? appLog.child({ source: type }) : silentLogger);
  const storeLog: Logger = {
    debug: (o, m) => appLog?.debug(o, m), info: (o, m) => appLog?.info(o, m),
    warn: (o, m) => appLog?.warn(o, m), error: (o, m) => appLog?.error(o, m),
  };
  const store = options.store ?? await openStore(config.store, { maxMailboxes: config.limits.maxMailboxes, log: storeLog });
  // None run until the app listens; /metrics may be asked before.
  let sources: RunningSources = { states: () => [], find: () => undefined, stop: async () => {} };
  let app: FastifyInstance;
  try {
    app = await build({
      config,
      store,
      logger: options.logger ?? false,
      sourceStates: () => sources.states(),
      markRead: (id, request) => markReadAtSource(id, request),
      canMarkRead: (id) => sources.find(id)?.source.markRead !== undefined,
    });
    appLog = app.log;
    for (const warning of configWarnings(config)) app.log.warn({ at: warning.at }, `config: ${formatProblem(warning)}`);
    await app.listen({
      host: config.listen.host,
      port: config.listen.port,
      listenTextResolver: (address) => startLine(serverVersion, address, config),
    });
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;

  const markReadAtSource = async (id: string, request: MarkRequest): Promise<MarkOutcome> => {
    const found = sources.find(id);
    if (!found) {
      const isConfigured = config.sources.some((s) => s.mailboxes.some((m) => m.id === id));
      // With a shared store the source may run on another instance, under its lease.
      const why = !isConfigured ? `no source on this server watches the mailbox "${id}" (its counts are pushed), so its messages cannot be marked read here`
        : config.store.type === 'redis' ? `the source of the mailbox "${id}" runs on another instance; try again in a moment`
          : `the source of the mailbox "${id}" has not started yet; try again in a moment`;
      return { refused: why };
    }
    if (!found.source.markRead) return { refused: `the mailbox "${id}" is fed by a ${found.type} source, which cannot mark messages read` };
    return found.source.markRead(id, request);
  };
  const contextFor = (configured: ConfiguredSource): SourceContext => {
    const context: SourceContext = { store, log: logFor(configured.type), messagesPerMailbox: config.limits.messagesPerMailbox };
    if (options.onRefreshToken) context.onRefreshToken = options.onRefreshToken;
    return withBoundedErrors(context);
  };
  const runOptions = { contextFor, spacingMs: options.sourceSpacingMs ?? 200 };
  const { leases } = store;
  sources = leases && config.store.type === 'redis'
    ? runLeasedSources(config.sources, { ...runOptions, leases, ttlMs: config.store.leaseSeconds * 1000, log: logFor('leases') })
    : runAllSources(config.sources, runOptions);

  return {
    app,
    store,
    port,
    url: `http://${host}:${port}`,
    async stop() {
      await app.close();
      // Sources stop (and give up their leases) while the store is still open.
      await sources.stop();
      if (!options.store) await store.close();
    },
  };
}
