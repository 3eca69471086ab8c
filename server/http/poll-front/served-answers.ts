import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import secureJson from 'secure-json-parse';
import { answerNow, answerOf, openCountsPoll, tooManyPolls, type CountsPollRequest } from '../counts-poll.ts';
import { heldPollError, shuttingDown } from '../errors.ts';
import type { HeldPollEnd } from '../../polls/held-polls.ts';
import { putCount } from '../routes/ingest.ts';
import type { PollFrontOptions } from './front-options.ts';
import { isPutBody, type RequestHead, type ServedRequest } from './served-requests.ts';

/** What answering a served request needs of its connection (connection.ts). */
export interface AnsweringConnection {
  readonly socket: Socket;
  readonly options: PollFrontOptions;
  readonly isClosing: boolean;
  answer(body: string, isHead: boolean): void;
  answerError(error: unknown, isHead: boolean, where: string): void;
  /** Holds the poll until it ends (`answerHeld`); false over its token's limit. */
  hold(request: CountsPollRequest, isHead: boolean): boolean;
  /** Hands over a request read whole, and whatever the client sent after it. */
  handOverAnswered(message: Buffer): void;
}

/** GET or HEAD /v1/counts: answered now, or held (counts-poll.ts says which). */
export async function servePoll(
  connection: AnsweringConnection, { url, authorization, isHead }: Extract<ServedRequest, { kind: 'poll' }>, head: RequestHead,
): Promise<void> {
  const { context, onServe } = connection.options;
  if (onServe) onServe(connection.socket, { ...head }, Buffer.alloc(0));
  try {
    if (connection.isClosing) throw shuttingDown();
    const question = url.indexOf('?');
    const query = question < 0 ? {} : parseQuery(url.slice(question + 1));
    const outcome = await openCountsPoll(context, { authorization, query });
    if (connection.socket.destroyed) return;
    if (outcome.kind === 'now') {
      connection.answer(outcome.body, isHead);
      return;
    }
    if (!connection.hold(outcome.request, isHead)) throw tooManyPolls(context.config.limits.heldPollsPerToken);
  } catch (error) {
    connection.answerError(error, isHead, 'GET /v1/counts');
  }
}

/** A held poll ended (held-polls.ts): its answer, or the 503 of a stop. */
export function answerHeldPoll(connection: AnsweringConnection, end: Exclude<HeldPollEnd, 'gone'>, request: CountsPollRequest, isHead: boolean): void {
  if (end === 'shutdown' || end === 'access-changed') {
    connection.answerError(heldPollError(end), isHead, 'GET /v1/counts');
    return;
  }
  const { store } = connection.options.context;
  // At once where the store can (a memory store): a change that wakes 15,000 polls
  // then makes no promise for each. This runs inside the store's wake, so nothing
  // may escape it to cut the wake of the other polls short.
  let body: string | undefined;
  try {
    body = answerNow(store, request, end);
  } catch (error) {
    connection.answerError(error, isHead, 'GET /v1/counts');
    return;
  }
  if (body !== undefined) {
    connection.answer(body, isHead);
    return;
  }
  answerOf(store, request, end)
    .then((text) => connection.answer(text, isHead), (error: unknown) => connection.answerError(error, isHead, 'GET /v1/counts'));
}

/** PUT /v1/mailboxes/<id>. A body that is not what Fastify's route would take goes to Fastify, which refuses it in its words. */
export async function servePut(
  connection: AnsweringConnection, { id, holder }: Extract<ServedRequest, { kind: 'put' }>, message: Buffer, bytes: Buffer, head: RequestHead,
): Promise<void> {
  let parsed: unknown;
  try {
    parsed = secureJson.parse(bytes.toString('utf8'), undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    parsed = undefined;
  }
  if (connection.isClosing || !isPutBody(parsed)) {
    connection.handOverAnswered(message);
    return;
  }
  const { context: { store, config }, onServe } = connection.options;
  if (onServe) onServe(connection.socket, { ...head }, bytes);
  try {
    connection.answer(JSON.stringify(await putCount(store, config.limits.messagesPerMailbox, holder, id, parsed)), false);
  } catch (error) {
    connection.answerError(error, false, `PUT /v1/mailboxes/${id}`);
  }
}
