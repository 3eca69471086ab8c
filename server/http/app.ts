import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { BODY_LIMIT_BYTES } from '../../common/protocol.ts';
import type { AppContext, MarkRead } from './app-context.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { bearerToken, refusedToken } from './auth.ts';
import { TokenTable } from '../tokens/token-table.ts';
import { ClientTokens } from '../tokens/client-tokens.ts';
import type { SigningKey } from '../tokens/signed-tokens.ts';
import { endingConnection, sendError } from './error-answer.ts';
import { HttpError, internalError, shuttingDown, storeUnavailable, type ErrorCode } from './errors.ts';
import { answerAtTheEdge, deadlinesFor, edgeOptions, lacksHost, missingHost } from './http-edge.ts';
import { RefusalLog } from '../tokens/refused-tokens.ts';
import { PollFront } from './poll-front/front.ts';
import { HeldPolls } from '../polls/held-polls.ts';
import { MemoryStore } from '../store/memory-store.ts';
import { createMetrics } from './metrics.ts';
import { countsRoutes } from './routes/counts.ts';
import { getPhpRoutes } from './routes/get-php.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { opsRoutes } from './routes/ops.ts';
import { describeSchemaError } from './schema-errors.ts';
import { markReadRoutes } from './routes/mark-read.ts';
import { eventsRoutes } from './routes/events.ts';
import { EventStreams } from './event-streams.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { realTimers, type Timers } from '../../common/timers.ts';
import type { SourceReport, SourceState } from '../sources/source.ts';
import { StoreUnavailableError, type DenyList, type ServedStore } from '../store/store.ts';

export interface BuildOptions {
  config: ServerConfig;
  store?: ServedStore;
  /** A shared store's deny list (OpenedStore): signed tokens revoked on any instance. */
  denyList?: Pick<DenyList, 'has'>;
  logger?: FastifyServerOptions['logger'];
  /** The states of the running sources, for /metrics. */
  sourceStates?: () => SourceState[] | Promise<SourceState[]>;
  /** Each source's type, place, state and problem, for /healthz. */
  sourceReports?: () => Promise<SourceReport[]>;
  /** Marks messages read at the source of a mailbox; without it nothing can be marked. */
  markRead?: MarkRead;
  /** Whether `markRead` can mark this mailbox's messages; none can without it. */
  canMarkRead?: (mailboxId: string) => boolean;
  /** While true, /healthz answers 503 "starting": a worker whose fellow workers do not all listen yet (server/workers/). */
  isStarting?: () => boolean;
  /** The clock of the event streams' heartbeat; tests step a fake one. */
  timers?: Timers;
}

/** Where each path is served, for 405s that name the methods that do work. */
const routeMethods: Array<[RegExp, string]> = [
  [/^\/v1\/counts$/, 'GET, HEAD, POST'],
  [/^\/v1\/events$/, 'GET'],
  [/^\/v1\/mailboxes\/[^/]+$/, 'PUT'],
  [/^\/v1\/mailboxes\/[^/]+\/read$/, 'POST'],
  [/^\/(healthz|metrics|get\.php)$/, 'GET, HEAD'],
];

/** The count server's HTTP app, not yet listening (STYLE.md, "Build the server, then listen"). */
export async function build(options: BuildOptions): Promise<FastifyInstance> {
  return (await buildWithContext(options)).app;
}

export interface BuiltApp {
  app: FastifyInstance;
  context: AppContext;
  /** Where every connection arrives first; held polls live there (poll-front/front.ts). None with `http.pollFront: false`. */
  front: PollFront | undefined;
}

/** The app, the context its routes share (a reload changes it, config-reload.ts), and the poll front. */
export async function buildWithContext(options: BuildOptions): Promise<BuiltApp> {
  const { config } = options;
  const store: ServedStore = options.store ?? new MemoryStore({ maxMailboxes: config.limits.maxMailboxes });
  for (const source of config.sources) await store.declare(source.mailboxes);
  // Declared last so a name given in "mailboxes" wins over the id a source falls back to.
  await store.declare(config.mailboxes);

  const denyList = options.denyList ?? { has: () => false };
  const heldPolls = new HeldPolls(store, config.limits.heldPollsPerToken);
  const timers = options.timers ?? realTimers;
  // Read at each beat from the config a reload changes in place.
  const eventStreams = new EventStreams(timers, () => config.http.events.heartbeatSeconds * 1000);
  const metrics = createMetrics(store, heldPolls, eventStreams, options.sourceStates ?? (() => []));
  let isClosing = false;
  const context: AppContext = {
    config,
    clientTokens: new ClientTokens(new TokenTable(config.clients), {
      keys: () => keysOf(config.signedTokens.keys),
      isDenied: (id) => config.signedTokens.denied.has(id) || denyList.has(id),
    }),
    ingestTokens: new TokenTable(config.ingest),
    store,
    heldPolls,
    metrics,
    markRead: options.markRead ?? (async (id) => ({ refused: `no source on this server watches the mailbox "${id}" (its counts are pushed), so its messages cannot be marked read here` })),
    canMarkRead: options.canMarkRead ?? (() => false),
    isClosing: () => isClosing,
    isStarting: options.isStarting ?? (() => false),
    sourceReports: options.sourceReports ?? (async () => []),
  };

  const deadlines = deadlinesFor(config.limits);
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
    ...edgeOptions(deadlines),
  });
  answerAtTheEdge(app.server);
  const refusals = new RefusalLog(app.log);
  // The seam: without the front, node:http and Fastify take every connection, and
  // answer what the front would have answered with the same words (counts-poll.ts, routes/).
  const front = config.http.pollFront
    ? PollFront.install(app.server, { context, deadlines, keepAliveMs: app.server.keepAliveTimeout, refusals, log: app.log })
    : undefined;

  app.addHook('onRequest', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // Before any check: a preflight carries no token, and a refusal needs CORS headers for the page to read it.
    const { origins } = config.http.cors;
    if (origins.length > 0) {
      const preflight = preflightHeaders(origins, request.method, request.headers);
      if (preflight) return reply.code(204).headers(preflight).send();
      reply.headers(corsHeaders(origins, request.headers.origin));
    }
    if (lacksHost(request.raw)) throw endingConnection(missingHost);
    if (isClosing) throw endingConnection(shuttingDown());
    if (request.method === 'GET' || request.method === 'HEAD') return;
    // A body is read only from a client that shows a known token: thousands of
    // connections trickling bodies without one are answered and closed at once.
    // The route then checks what that token may do. The body is left unread, so
    // the connection cannot carry another request.
    if (request.is404) throw endingConnection(notServed(request.method, request.url));
    const token = bearerToken(request.headers.authorization);
    if (token === undefined || (!context.clientTokens.find(token) && !context.ingestTokens.find(token))) {
      throw endingConnection(refusedToken(request.headers.authorization));
    }
  });
  // Held polls are answered before the listener closes, so clients hear 503 at once, not a reset.
  app.addHook('preClose', async () => {
    isClosing = true;
    heldPolls.endAll();
    eventStreams.endAll();
    front?.close();
  });
  // Whoever made the store closes it: a caller's store may outlive this app (sources still releasing leases).
  if (!options.store) app.addHook('onClose', async () => { await store.close(); });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const httpError = toHttpError(error);
    if (!httpError) {
      request.log.error({ err: error }, 'unexpected error answering a request');
      return sendError(reply, internalError());
    }
    if (httpError.code === 'unauthorized') refusals.note(request.ip, httpError.message, `${request.method} ${pathOf(request.url)}`);
    return sendError(reply, httpError);
  });

  const notServed = (method: string, url: string): HttpError => {
    const path = pathOf(url);
    const allowed = routeMethods.find(([pattern]) => pattern.test(path))?.[1];
    const isGetPhpOff = path === '/get.php' && !config.compat.getPhp;
    if (allowed && !isGetPhpOff) return new HttpError('method_not_allowed', `${method} is not served at ${path}; use ${allowed}`, { Allow: allowed });
    return new HttpError('not_found', `nothing is served at ${method} ${path}; the API is under /v1/ (see docs/protocol.md)`);
  };
  app.setNotFoundHandler((request, reply) => sendError(reply, notServed(request.method, request.url)));

  countsRoutes(app, context);
  ingestRoutes(app, context);
  markReadRoutes(app, context);
  opsRoutes(app, context);
  eventsRoutes(app, context, eventStreams, timers);
  if (config.compat.getPhp) getPhpRoutes(app, context);
  return { app, context, front };
}

const fastifyErrorCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', `the body is over ${BODY_LIMIT_BYTES / 1024} KiB; send fewer mailboxes per request`],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['bad_request', 'send the body as JSON, with "Content-Type: application/json"'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['bad_request', 'the body is empty; send JSON like {"count": 5}'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'the Content-Length does not match the body'],
};

/** The path of a request's URL, cut short: it is quoted in answers and logs. */
function pathOf(url: string): string {
  const path = url.split('?')[0]!;
  return path.length > 200 ? `${path.slice(0, 200)}...` : path;
}

function toHttpError(error: FastifyError): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreUnavailableError) return storeUnavailable(error.message);
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

const keyMaps = new WeakMap<readonly SigningKey[], ReadonlyMap<string, Buffer>>();

/** The signing keys by id, made once per config (a reload brings a new list). */
function keysOf(keys: readonly SigningKey[]): ReadonlyMap<string, Buffer> {
  let map = keyMaps.get(keys);
  if (!map) keyMaps.set(keys, (map = new Map(keys.map((key) => [key.id, key.secret]))));
  return map;
}
