import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';

/** GET /healthz and GET /metrics: no token, and nothing in them names a mailbox, user or host. */
export function opsRoutes(app: FastifyInstance, { metrics, isClosing }: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    if (isClosing()) return reply.code(503).header('Retry-After', '1').send({ status: 'stopping' });
    return { status: 'ok' };
  });

  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.contentType);
    return metrics.render();
  });
}
