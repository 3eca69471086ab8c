import type { FastifyInstance } from 'fastify';
import { parseCursor } from '../cursor.ts';
import { DEFAULT_WAIT_SECONDS } from '../../common/protocol.ts';
import { badRequest, HttpError, sendError, shuttingDown } from '../errors.ts';
import { authenticate } from '../auth.ts';
import type { AppContext } from '../app-context.ts';
import type { CountsAnswer } from '../../common/protocol.ts';

// Suggested to a client over its held-poll limit: long enough to let its other polls finish.
const RETRY_AFTER_BUSY_SECONDS = 10;

/** GET /v1/counts?since=&wait=: the long-poll (DESIGN.md, "Watching counts"). */
export function countsRoutes(app: FastifyInstance, { config, clientTokens, ingestTokens, store, heldPolls, canMarkRead }: AppContext): void {
  app.get('/v1/counts', async (request, reply) => {
    const client = authenticate(request, clientTokens, ingestTokens, 'is an ingest token: it may set counts, not watch them');
    const query = request.query as Record<string, unknown>;
    const waitSeconds = readWait(query.wait, config.limits.maxWaitSeconds);
    const sinceText = readSince(query.since);
    const isDelta = readDelta(query.delta);
    const since = sinceText === undefined ? undefined : parseCursor(sinceText);
    if (sinceText !== undefined && since === undefined) {
      throw badRequest('since must be a cursor from an earlier answer (like "k3f9a.1042"); leave it out to get the current state');
    }

    let now = await store.cursor(client.view);
    // Another worker of this server may have answered with a change this one has yet to apply.
    if (since && since.epoch === now.epoch && since.version > now.version && store.caughtUp) now = await store.caughtUp(client.view, since);
    if (since && since.epoch === now.epoch && since.version > now.version) {
      throw badRequest('since is a cursor this server has not made yet; leave it out to get the current state');
    }
    const isCurrent = since !== undefined && since.epoch === now.epoch && since.version === now.version;
    // A delta client's cursor is only good for a delta if it is of this epoch.
    const sinceSeq = since && since.epoch === now.epoch ? since.seq : undefined;
    const answerFor = async (): Promise<CountsAnswer> => {
      let answer: CountsAnswer;
      if (isDelta) {
        const changes = await store.changes(client.view, sinceSeq);
        answer = { ...changes.answer, delta: !changes.isWhole };
      } else answer = await store.snapshot(client.view);
      if (!client.seesMessages) return withoutMessages(answer);
      return client.canMarkRead ? withMarkable(answer, canMarkRead) : answer;
    };
    if (!isCurrent || waitSeconds === 0) return answerFor();

    const isHeld = heldPolls.hold({
      key: `client:${client.name}`,
      view: client.view,
      since,
      waitMs: waitSeconds * 1000,
      reply,
      answer: (end) => {
        if (end === 'shutdown') {
          sendError(reply, shuttingDown());
          return;
        }
        // A delta poll that timed out: nothing changed, and its cursor stays as it was.
        if (end === 'timeout' && isDelta && sinceSeq !== undefined) reply.send({ cursor: sinceText, delta: true, mailboxes: [] });
        else answerFor().then((answer) => reply.send(answer), (error: unknown) => reply.send(error));
      },
    });
    if (!isHeld) {
      throw new HttpError('too_many_polls',
        `this token already has ${config.limits.heldPollsPerToken} polls waiting; close some or try again later`,
        { 'Retry-After': String(RETRY_AFTER_BUSY_SECONDS) });
    }
    return reply;
  });
}

/** The answer for a client with `"messages": false`: counts only. */
function withoutMessages(answer: CountsAnswer): CountsAnswer {
  return { ...answer, mailboxes: answer.mailboxes.map(({ messages: _messages, ...mailbox }) => mailbox) };
}

/** For a client that may mark messages read: `"canMarkRead": true` on the mailboxes whose source can, so it offers the button only there. */
function withMarkable(answer: CountsAnswer, canMarkRead: (id: string) => boolean): CountsAnswer {
  return { ...answer, mailboxes: answer.mailboxes.map((mailbox) => (canMarkRead(mailbox.id) ? { ...mailbox, canMarkRead: true } : mailbox)) };
}

export function readWait(value: unknown, maxWaitSeconds: number): number {
  if (value === undefined) return Math.min(DEFAULT_WAIT_SECONDS, maxWaitSeconds);
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(seconds)) throw badRequest(`wait must be a number of seconds from 0 to ${maxWaitSeconds}`);
  // Larger waits are clamped, not refused: a client asking for more still gets a valid long-poll.
  return Math.min(seconds, maxWaitSeconds);
}

/** `delta=1` (or `true`): answer only what changed since the cursor (README, "Delta answers"). */
function readDelta(value: unknown): boolean {
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw badRequest('delta must be 1 (only what changed since the cursor) or 0 (the whole state, the default)');
}

function readSince(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('give since at most once');
  return value;
}
