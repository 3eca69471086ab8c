import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';

/** GET /healthz and GET /metrics: no token, and nothing in them names a mailbox, user or host. */
export function opsRoutes(app: FastifyInstance, { metrics, isClosing, store }: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    if (isClosing()) return reply.code(503).header('Retry-After', '1').send({ status: 'stopping' });
    // A shared store answers only after a message made a real round trip through it.
    const health = await store.health();
    if (health.status !== 'ok') return reply.code(503).header('Retry-After', '5').send(health);
    return health;
  });

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.contentType);
    return metrics.render();
  });
}
