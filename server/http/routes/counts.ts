import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { answerOf, openCountsPoll, tooManyPolls, type CountsHttpRequest } from '../counts-poll.ts';
import { sendError } from '../error-answer.ts';
import { heldPollError } from '../errors.ts';
import { holdOnReply } from './hold-on-reply.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * GET /v1/counts through Fastify: for connections the poll front handed over
 * (poll-front/front.ts) after another request on them, and for `app.inject`.
 * Polls on a fresh connection never get here.
 */
export function countsRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/v1/counts', async (request, reply) => {
    const outcome = await openCountsPoll(context, {
      authorization: request.headers.authorization,
      query: request.query as CountsHttpRequest['query'],
    });
    reply.type(JSON_TYPE);
    if (outcome.kind === 'now') return outcome.body;
    const isHeld = holdOnReply(context.heldPolls, reply, outcome.request, (end, pollRequest) => {
      if (end === 'shutdown' || end === 'access-changed') sendError(reply, heldPollError(end));
      else answerOf(context.store, pollRequest, end).then((body) => reply.send(body), (error: unknown) => reply.send(error));
    });
    if (!isHeld) throw tooManyPolls(context.config.limits.heldPollsPerToken);
    return reply;
  });
}
