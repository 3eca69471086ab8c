import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { BODY_LIMIT_BYTES } from '../common/protocol.ts';
import type { AppContext, MarkRead } from './app-context.ts';
import type { ServerConfig } from './config.ts';
import { TokenTable } from './tokens.ts';
import { HttpError, sendError, shuttingDown, type ErrorCode } from './errors.ts';
import { HeldPolls } from './held-polls.ts';
import { MemoryStore } from './memory-store.ts';
import { createMetrics } from './metrics.ts';
import { countsRoutes } from './routes/counts.ts';
import { getPhpRoutes } from './routes/get-php.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { opsRoutes } from './routes/ops.ts';
import { describeSchemaError } from './schema-errors.ts';
import { markReadRoutes } from './routes/mark-read.ts';
import type { SourceState } from './sources/source.ts';
import type { Store } from './store.ts';

export interface BuildOptions {
  config: ServerConfig;
  store?: Store;
  logger?: FastifyServerOptions['logger'];
  /** The states of the running sources, for /metrics. */
  sourceStates?: () => SourceState[];
  /** Marks messages read at the source of a mailbox; without it nothing can be marked. */
  markRead?: MarkRead;
  /** Whether `markRead` can mark this mailbox's messages; none can without it. */
  canMarkRead?: (mailboxId: string) => boolean;
}

/** Where each path is served, for 405s that name the methods that do work. */
const routeMethods: Array<[RegExp, string]> = [
  [/^\/v1\/counts$/, 'GET, HEAD, POST'],
  [/^\/v1\/mailboxes\/[^/]+$/, 'PUT'],
  [/^\/v1\/mailboxes\/[^/]+\/read$/, 'POST'],
  [/^\/(healthz|metrics|get\.php)$/, 'GET, HEAD'],
];

/** The count server's HTTP app, not yet listening (STYLE.md, "Build the server, then listen"). */
export async function build(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const store = options.store ?? new MemoryStore({ maxMailboxes: config.limits.maxMailboxes });
  for (const source of config.sources) await store.declare(source.mailboxes);
  // Declared last so a name given in "mailboxes" wins over the id a source falls back to.
  await store.declare(config.mailboxes);

  const heldPolls = new HeldPolls(store, config.limits.heldPollsPerToken);
  const metrics = createMetrics(store, heldPolls, options.sourceStates ?? (() => []));
  let isClosing = false;
  const context: AppContext = {
    config,
    clientTokens: new TokenTable(config.clients),
    ingestTokens: new TokenTable(config.ingest),
    store,
    heldPolls,
    metrics,
    markRead: options.markRead ?? (async (id) => ({ refused: `no source on this server watches the mailbox "${id}" (its counts are pushed), so its messages cannot be marked read here` })),
    canMarkRead: options.canMarkRead ?? (() => false),
    isClosing: () => isClosing,
  };

  const app = Fastify({
    logger: options.logger ?? false,
    // Two log lines per poll would be most of the log (and of the CPU) on a busy server; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: false,
    routerOptions: { maxParamLength: 1000 },
    // Bodies are checked as sent: no "3" read as 3, no unknown field quietly dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    schemaErrorFormatter: (errors) => new Error(describeSchemaError(errors)),
  });

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (isClosing) {
      reply.header('Connection', 'close');
      throw shuttingDown();
    }
  });
  // Held polls are answered before the listener closes, so clients hear 503 at once, not a reset.
  app.addHook('preClose', async () => {
    isClosing = true;
    heldPolls.endAll();
  });
  app.addHook('onClose', async () => {
    await store.close();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const httpError = toHttpError(error);
    if (!httpError) {
      request.log.error({ err: error }, 'unexpected error answering a request');
      return reply.code(500).send({ error: { code: 'internal', message: 'the server failed to answer; the problem is logged' } });
    }
    return sendError(reply, httpError);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routeMethods.find(([pattern]) => pattern.test(path))?.[1];
    const isGetPhpOff = path === '/get.php' && !config.compat.getPhp;
    if (allowed && !isGetPhpOff) {
      return sendError(reply, new HttpError('method_not_allowed', `${request.method} is not served at ${path}; use ${allowed}`, { Allow: allowed }));
    }
    return sendError(reply, new HttpError('not_found', `nothing is served at ${request.method} ${path}; the API is under /v1/ (see the README)`));
  });

  countsRoutes(app, context);
  ingestRoutes(app, context);
  markReadRoutes(app, context);
  opsRoutes(app, context);
  if (config.compat.getPhp) getPhpRoutes(app, context);
  return app;
}

const fastifyErrorCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', `the body is over ${BODY_LIMIT_BYTES / 1024} KiB; send fewer mailboxes per request`],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['bad_request', 'send the body as JSON, with "Content-Type: application/json"'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', 'the body is empty; send JSON like {"count": 5}'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'the Content-Length does not match the body'],
};

function toHttpError(error: FastifyError): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error.validation) return new HttpError('bad_request', error.message);
  const known = error.code === undefined ? undefined : fastifyErrorCodes[error.code];
  if (known) return new HttpError(known[0], known[1]);
  if (error.statusCode === 413) return new HttpError('payload_too_large', fastifyErrorCodes.FST_ERR_CTP_BODY_TOO_LARGE![1]);
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new HttpError('bad_request', `the body is not valid JSON (${error.message})`);
  }
  // Any other 4xx Fastify raises (a poisoned __proto__ key, a bad header) is still the client's to fix.
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new HttpError('bad_request', error.message);
  }
  return undefined;
}
