import { DEFAULT_WAIT_SECONDS } from '../../common/protocol.ts';
import type { AppContext } from './app-context.ts';
import { answerText, COUNTS_ONLY, WHOLE, type AnswerForm } from '../polls/answer-text.ts';
import { authenticate } from './auth.ts';
import { formatCursor, isAheadOf, isSameState, parseCursor, type ChangeNumber, type Cursor } from '../store/cursor.ts';
import { openSeq, sealSeq } from '../store/delta-cursor.ts';
import { badRequest, HttpError } from './errors.ts';
import type { ServedStore, View } from '../store/store.ts';
import type { PollRequest } from '../polls/held-polls.ts';

/** A GET /v1/counts as either transport reads it: the poll front on the socket, or Fastify's route. */
export interface CountsHttpRequest {
  authorization: string | undefined;
  query: Record<string, string | string[] | undefined>;
}

/**
 * A /v1/counts poll request, as plain data: what it watches and how its answer is made.
 * No closures, so the 15,000 a server holds stay small (held-polls.ts holds them).
 */
export interface CountsPollRequest extends PollRequest {
  form: AnswerForm;
  isDelta: boolean;
  /** The change number of a delta client's cursor, when it is of this epoch. */
  sinceSeq: ChangeNumber | undefined;
  sinceText: string;
}

/** What to do with a poll request: answer now with `body`, or hold it (held-polls.ts) and answer it with `answerOf` when it ends. */
export type CountsPollOutcome = { kind: 'now'; body: string; key: string } | { kind: 'hold'; request: CountsPollRequest };

// Suggested to a client over its held-poll limit: long enough to let its other polls finish.
const RETRY_AFTER_BUSY_SECONDS = 10;

/**
 * GET /v1/counts?since=&wait=&delta= (DESIGN.md, "Watching counts"): who asks,
 * whether the poll is answered now or held, and the JSON of its answer. Throws
 * the HttpError of a refused request.
 */
export async function openCountsPoll(
  { config, clientTokens, ingestTokens, store, canMarkRead }: AppContext, request: CountsHttpRequest,
): Promise<CountsPollOutcome> {
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
  if (since && isAheadOf(since, now)) now = await store.caughtUp(client.view, since);
  if (since && isAheadOf(since, now)) {
    throw badRequest('since is a cursor this server has not made yet; leave it out to get the current state');
  }
  const isCurrent = since !== undefined && isSameState(since, now);
  // A delta client's cursor is only good for a delta if it is of this epoch (and, from
  // before change numbers were sealed, a bare number is not: that client gets the whole state).
  const sinceSeq = since?.sealed !== undefined && since.epoch === now.epoch ? await openSince(store, client.identity, since) : undefined;
  const form: AnswerForm = client.canMarkRead ? { seesMessages: client.seesMessages, canMarkRead } : client.seesMessages ? WHOLE : COUNTS_ONLY;
  if (!isCurrent || waitSeconds === 0) return { kind: 'now', body: await wholeOrDelta(store, client.view, form, isDelta, sinceSeq, client.identity), key: client.identity };
  return {
    kind: 'hold',
    request: { key: client.identity, view: client.view, since, waitMs: waitSeconds * 1000, form, isDelta, sinceSeq, sinceText: sinceText! },
  };
}

/** The JSON answer of a held poll that ended by a change of its view or by its wait running out. */
export async function answerOf(store: ServedStore, request: CountsPollRequest, end: 'change' | 'timeout'): Promise<string> {
  // A client poll's key is its token's identity (PollRequest.key), which its delta cursors are sealed for.
  return answerNow(store, request, end) ?? wholeOrDelta(store, request.view, request.form, request.isDelta, request.sinceSeq, request.key);
}

/** The same answer, when it can be made at once: a delta poll that timed out, or a whole answer from a store in this process. */
export function answerNow(store: ServedStore, request: CountsPollRequest, end: 'change' | 'timeout'): string | undefined {
  // A delta poll that timed out: nothing changed, and its cursor stays as it was.
  if (end === 'timeout' && request.isDelta && request.sinceSeq !== undefined) return `{"cursor":${JSON.stringify(request.sinceText)},"mailboxes":[],"delta":true}`;
  const snapshot = request.isDelta ? undefined : store.snapshotNow(request.view);
  return snapshot && answerText(snapshot, request.form);
}

async function wholeOrDelta(
  store: ServedStore, view: View, form: AnswerForm, isDelta: boolean, sinceSeq: ChangeNumber | undefined, identity: string,
): Promise<string> {
  if (!isDelta) return answerText(await store.snapshot(view), form);
  const changes = await store.changes(view, sinceSeq);
  const answer = { ...changes.answer, cursor: await sealedCursor(store, changes.answer.cursor, identity) };
  return answerText(answer, form, !changes.isWhole);
}

/** The change number of a client's delta cursor; a 400 when it was not sealed for this client in this epoch. */
async function openSince(store: ServedStore, identity: string, since: Cursor): Promise<ChangeNumber | undefined> {
  const key = await store.deltaKeyOf(since.epoch);
  // The epoch ended meanwhile (Redis lost its data): the client gets the whole state.
  if (!key) return undefined;
  const seq = openSeq(key, identity, since.sealed!);
  if (seq === undefined) throw badRequest('since is not a cursor this server gave this token; leave it out to get the current state');
  return seq;
}

/** A store's delta cursor (its change number in the clear) as the client `identity` gets it: sealed for that client. */
async function sealedCursor(store: ServedStore, text: string, identity: string): Promise<string> {
  const { seq, ...state } = parseCursor(text)!;
  const key = seq === undefined ? undefined : await store.deltaKeyOf(state.epoch);
  // No key: the epoch ended as the answer was made; a cursor without a change number gets the whole state next.
  return formatCursor(key ? { ...state, sealed: sealSeq(key, identity, seq!) } : state);
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

/** `delta=1` (or `true`): answer only what changed since the cursor (docs/protocol.md, "Delta answers"). */
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
