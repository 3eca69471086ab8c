import type { FastifyInstance } from 'fastify';
import type { Timers } from '../../../common/timers.ts';
import type { AppContext } from '../app-context.ts';
import { openCountsPoll, tooManyPolls, type CountsHttpRequest } from '../counts-poll.ts';
import { corsHeaders } from '../cors.ts';
import { badRequest } from '../errors.ts';
import { EventStream } from '../event-stream.ts';
import type { EventStreams } from '../event-streams.ts';

/** RFC 6750's name for a bearer token in the address, which EventSource needs: it cannot send headers. */
export const QUERY_TOKEN = 'access_token';

/**
 * GET /v1/events (DESIGN.md, "Events"; docs/protocol.md, "Events"): the first
 * poll is opened here, so a refused request is answered with its status and
 * error as a poll is; then the response is the stream's (event-stream.ts).
 * Fastify serves it whatever the path taken: the poll front hands the
 * connection over, as for every request but polls and PUTs.
 */
export function eventsRoutes(app: FastifyInstance, context: AppContext, streams: EventStreams, timers: Timers): void {
  // HEAD would open a stream with no body to carry it: it is a 405, as on every path that does not take it.
  app.get('/v1/events', { exposeHeadRoute: false }, async (request, reply) => {
    const { [QUERY_TOKEN]: queryToken, wait: _wait, ...query } = request.query as CountsHttpRequest['query'];
    const authorization = authorizationOf(context, request.headers.authorization, queryToken);
    // EventSource sends where it left off when it reconnects, to the same address (whose `since` is older).
    const lastEventId = request.headers['last-event-id'];
    const since = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : query.since;
    const question = { authorization, query };
    const wait = String(context.config.limits.maxWaitSeconds);
    const first = await openCountsPoll(context, { authorization, query: { ...query, since, wait } });
    // The client left while its token was checked: nothing to stream to.
    if (request.raw.socket.destroyed) return reply.hijack();
    const key = first.kind === 'now' ? first.key : first.request.key;
    if (!context.heldPolls.reserve(key)) throw tooManyPolls(context.config.limits.heldPollsPerToken);
    reply.hijack();
    reply.raw.writeHead(200, {
      'cache-control': 'no-store',
      'content-type': 'text/event-stream; charset=utf-8',
      // nginx would otherwise hold events back in its buffer.
      'x-accel-buffering': 'no',
      ...corsHeaders(context.config.http.cors.origins, request.headers.origin),
    });
    // The head goes out now: a stream that resumes at the current cursor may write nothing for a while.
    reply.raw.flushHeaders();
    const stream = new EventStream({
      context, streams, timers, log: request.log, response: reply.raw, question, key, since: typeof since === 'string' ? since : undefined,
    });
    stream.begin(first);
    return reply;
  });
}

/**
 * The request's Authorization, or one made of the `access_token` in the address
 * when the operator allowed that (`http.events.queryToken`), never both.
 */
function authorizationOf(context: AppContext, header: string | undefined, queryToken: CountsHttpRequest['query'][string]): string | undefined {
  if (queryToken === undefined) return header;
  if (!context.config.http.events.queryToken) {
    throw badRequest(`this server takes no token in the address (${QUERY_TOKEN}); send it as "Authorization: Bearer <token>"`);
  }
  if (header !== undefined) throw badRequest(`send the token once: in Authorization or in ${QUERY_TOKEN}, not both`);
  if (typeof queryToken !== 'string') throw badRequest(`give ${QUERY_TOKEN} at most once`);
  return `Bearer ${queryToken}`;
}
