import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { build } from './app.ts';
import type { ServerConfig } from './config.ts';
import { formatProblem } from './config-check.ts';
import { configWarnings } from './config-warnings.ts';
import { MemoryStore } from './memory-store.ts';
import { startLine } from './start-line.ts';
import { serverVersion } from './version.ts';
import { withBoundedErrors } from './sources/error-text.ts';
import { silentLogger, type Logger, type MarkOutcome, type MarkRequest, type Source, type SourceContext } from './sources/source.ts';
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
}

/** Builds the app, listens, then starts the sources. Used by the CLI, the bundled server and tests. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const store = new MemoryStore({ maxMailboxes: config.limits.maxMailboxes });
  const sources: Source[] = [];
  const app = await build({
    config,
    store,
    logger: options.logger ?? false,
    sourceStates: () => sources.map((s) => s.state()),
    markRead: (id, request) => markReadAtSource(id, request),
    canMarkRead: (id) => sourceOf.get(id)?.source.markRead !== undefined,
  });
  for (const warning of configWarnings(config)) app.log.warn({ at: warning.at }, `config: ${formatProblem(warning)}`);
  await app.listen({
    host: config.listen.host,
    port: config.listen.port,
    listenTextResolver: (address) => startLine(serverVersion, address, config),
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;

  const logFor = (type: string): Logger => (options.logger ? app.log.child({ source: type }) : silentLogger);
  const sourceOf = new Map<string, { type: string; source: Source }>();
  const markReadAtSource = async (id: string, request: MarkRequest): Promise<MarkOutcome> => {
    const found = sourceOf.get(id);
    if (!found) {
      const isStarting = config.sources.some((s) => s.mailboxes.some((m) => m.id === id));
      return { refused: isStarting
        ? `the source of the mailbox "${id}" has not started yet; try again in a moment`
        : `no source on this server watches the mailbox "${id}" (its counts are pushed), so its messages cannot be marked read here` };
    }
    if (!found.source.markRead) return { refused: `the mailbox "${id}" is fed by a ${found.type} source, which cannot mark messages read` };
    return found.source.markRead(id, request);
  };
  let isStopping = false;
  const starting = (async () => {
    for (const [i, configured] of config.sources.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, options.sourceSpacingMs ?? 200));
      if (isStopping) return;
      const context: SourceContext = { store, log: logFor(configured.type), messagesPerMailbox: config.limits.messagesPerMailbox };
      if (options.onRefreshToken) context.onRefreshToken = options.onRefreshToken;
      const source = configured.create(withBoundedErrors(context));
      sources.push(source);
      for (const { id } of configured.mailboxes) sourceOf.set(id, { type: configured.type, source });
      await source.start();
    }
  })();

  return {
    app,
    store,
    port,
    url: `http://${host}:${port}`,
    async stop() {
      isStopping = true;
      await app.close();
      await starting.catch(() => {});
      await Promise.allSettled(sources.map((s) => s.stop()));
    },
  };
}
