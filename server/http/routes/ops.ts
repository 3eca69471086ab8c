import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { bearerToken, refusedToken } from '../auth.ts';
import { digestOf, type TokenDigest } from '../../tokens/token-table.ts';
import { timingSafeEqual } from 'node:crypto';

/**
 * GET /healthz and GET /metrics. Without `metrics.token` in the config both
 * are open: /metrics tells when mailboxes change and how many polls are held,
 * /healthz each source's state and error. With it, /metrics needs that bearer
 * token and /healthz says only whether the server is up. On a Redis store,
 * /healthz answers 503 "degraded" (with the reason, for whoever may read it)
 * while Redis cannot be reached or its messages do not come back.
 */
export function opsRoutes(app: FastifyInstance, context: AppContext): void {
  const { metrics, isClosing, isStarting, sourceReports, store } = context;
  const mayRead = (request: FastifyRequest) => isMetricsToken(request, context.config.metrics.token);

  app.get('/healthz', async (request, reply) => {
    if (isClosing()) return reply.code(503).header('Retry-After', '1').send({ status: 'stopping' });
    // Until every worker shares the port, the kernel gives all new connections to those that do.
    if (isStarting()) return reply.code(503).header('Retry-After', '1').send({ status: 'starting' });
    // A shared store is healthy only after a message made a real round trip through it.
    const health = await store.health();
    if (health.status !== 'ok') {
      return reply.code(503).header('Retry-After', '5').send(mayRead(request) ? health : { status: health.status });
    }
    if (!mayRead(request)) return { status: 'ok' };
    return { status: 'ok', sources: await sourceReports() };
  });

  app.get('/metrics', async (request, reply) => {
    if (!mayRead(request)) throw refusedToken(request.headers.authorization);
    reply.type(metrics.contentType);
    return metrics.render();
  });
}

function isMetricsToken(request: FastifyRequest, digest: TokenDigest | undefined): boolean {
  if (digest === undefined) return true;
  const token = bearerToken(request.headers.authorization);
  return token !== undefined && timingSafeEqual(digestOf(token), digest);
}
