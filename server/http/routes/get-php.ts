import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { badRequest } from '../errors.ts';
import { mailboxIdProblem } from '../../../common/protocol.ts';
import { holdOnReply } from './hold-on-reply.ts';

const HOLD_MS = 60_000;

/**
 * GET /get.php?userID=&mailCount=: the protocol of the long-polling note the
 * project grew from. It has no token, so it is off unless the config turns it
 * on, and then only for trusted networks.
 */
export function getPhpRoutes(app: FastifyInstance, { store, heldPolls }: AppContext): void {
  app.get('/get.php', async (request, reply) => {
    // Its page was called from other origins' scripts; it carries nothing a token guards.
    reply.header('Access-Control-Allow-Origin', '*');
    const { userID, mailCount } = request.query as Record<string, unknown>;
    if (typeof userID !== 'string' || mailboxIdProblem(userID)) throw badRequest(`userID must be a mailbox id: ${mailboxIdProblem(userID)}`);
    if (typeof mailCount !== 'string' || !/^\d{1,10}$/.test(mailCount)) throw badRequest('mailCount must be the count the page has, a whole number');

    const view = [userID];
    const countNow = async () => String((await store.snapshot(view)).mailboxes[0]!.count);
    const since = await store.cursor(view);
    const count = await countNow();
    reply.type('text/plain; charset=utf-8');
    if (count !== String(Number(mailCount))) return count;

    const isHeld = holdOnReply(heldPolls, reply, { key: `get.php:${request.ip}`, view, since, waitMs: HOLD_MS }, (end) => {
      if (end === 'shutdown' || end === 'access-changed') reply.code(503).header('Retry-After', '1').send('');
      else countNow().then((text) => reply.send(text), (error: unknown) => reply.send(error));
    });
    // Over the limit, answer at once: that client's protocol has no Retry-After.
    return isHeld ? reply : count;
  });
}
