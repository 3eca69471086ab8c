import { DEFAULT_WAIT_SECONDS } from '../common/protocol.ts';
import type { AppContext } from './app-context.ts';
import { answerText, type AnswerForm } from './answer-text.ts';
import { authenticate } from './auth.ts';
import { parseCursor, type Cursor } from './cursor.ts';
import { badRequest, HttpError } from './errors.ts';
import type { View } from './store.ts';

/** A GET /v1/counts as either transport reads it: the poll front on the socket, or Fastify's route. */
export interface CountsRequest {
  authorization: string | undefined;
  query: Record<string, string | string[] | undefined>;
}

/** What to do with a poll: answer now with `body`, or hold it (held-polls.ts) and answer with `answer` when it ends. */
export type CountsOutcome =
  | { kind: 'now'; body: string }
  | { kind: 'hold'; key: string; view: View; since: Cursor; waitMs: number; answer: (end: 'change' | 'timeout') => Promise<string> };

// Suggested to a client over its held-poll limit: long enough to let its other polls finish.
const RETRY_AFTER_BUSY_SECONDS = 10;

/**
 * GET /v1/counts?since=&wait=&delta= (DESIGN.md, "Watching counts"): who asks,
 * whether the poll is answered now or held, and the JSON of its answer. Throws
 * the HttpError of a refused request.
 */
export async function openCountsPoll(
  { config, clientTokens, ingestTokens, store, canMarkRead }: AppContext, request: CountsRequest,
): Promise<CountsOutcome> {
  const client = authenticate(request.authorization, clientTokens, ingestTokens, 'is an ingest token: it may set counts, not watch them');
  const { query } = request;
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
  const form: AnswerForm = client.canMarkRead ? { seesMessages: client.seesMessages, canMarkRead } : { seesMessages: client.seesMessages };
  const answer = async (): Promise<string> => {
    if (!isDelta) return answerText(await store.snapshot(client.view), form);
    const changes = await store.changes(client.view, sinceSeq);
    return answerText(changes.answer, form, !changes.isWhole);
  };
  if (!isCurrent || waitSeconds === 0) return { kind: 'now', body: await answer() };
  return {
    kind: 'hold',
    key: `client:${client.name}`,
    view: client.view,
    since,
    waitMs: waitSeconds * 1000,
    // A delta poll that timed out: nothing changed, and its cursor stays as it was.
    answer: async (end) => (end === 'timeout' && isDelta && sinceSeq !== undefined
      ? `{"cursor":${JSON.stringify(sinceText)},"mailboxes":[],"delta":true}`
      : answer()),
  };
}

/** The 429 for a client whose token already holds as many polls as allowed. */
export function tooManyPolls(limit: number): HttpError {
  return new HttpError('too_many_polls', `this token already has ${limit} polls waiting; close some or try again later`,
    { 'Retry-After': String(RETRY_AFTER_BUSY_SECONDS) });
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
