import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../auth.ts';
import type { AppContext } from '../app-context.ts';
import type { IngestConfig } from '../../config/server-config.ts';
import { badRequest, HttpError } from '../errors.ts';
import { MAILBOX_ID_PATTERN, mailboxIdProblem, MAX_COUNT, MAX_NAME_LENGTH, type Mailbox, type MailboxUpdate } from '../../../common/protocol.ts';
import { setAndShow, StoreFullError, type Store } from '../../store/store.ts';
import { viewSet } from '../../store/watcher-index.ts';
import { messagesSchema, readPushedMessages } from './pushed-messages.ts';

const count = { type: 'integer', minimum: 0, maximum: MAX_COUNT } as const;
const name = { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH } as const;

export const putSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['count'],
  properties: { count, name, messages: messagesSchema },
} as const;

const postSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mailboxes'],
  properties: {
    mailboxes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'count'],
        properties: { id: { type: 'string', pattern: MAILBOX_ID_PATTERN }, count, name, messages: messagesSchema },
      },
    },
  },
} as const;

/** PUT /v1/mailboxes/:id and POST /v1/counts: counts pushed by an ingest token. */
export function ingestRoutes(app: FastifyInstance, { config, clientTokens, ingestTokens, store }: AppContext): void {
  const limit = config.limits.messagesPerMailbox;
  const ingestToken = (request: FastifyRequest) =>
    authenticate(request.headers.authorization, ingestTokens, clientTokens, 'is a client token: it may watch counts, not set them');

  app.put('/v1/mailboxes/:id', { schema: { body: putSchema } }, async (request) => {
    const holder = ingestToken(request);
    const { id } = request.params as { id: string };
    const problem = mailboxIdProblem(id);
    if (problem) throw badRequest(`the mailbox id in the address is not valid: ${problem}`);
    return putCount(store, limit, holder, id, request.body as PushedCount);
  });

  app.post('/v1/counts', { schema: { body: postSchema } }, async (request) => {
    const holder = ingestToken(request);
    const pushed = (request.body as { mailboxes: Array<PushedCount & { id: string }> }).mailboxes;
    const ids = pushed.map((u) => u.id);
    // A Set, not indexOf: a batch of 1,000 mailboxes costs 1,000 lookups, not half a million comparisons.
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const problem = mailboxIdProblem(id);
      if (problem) throw badRequest(`mailboxes[${i}].id: ${problem}`);
      if (seen.has(id)) throw badRequest(`mailboxes[${i}].id: "${id}" is given twice; give each mailbox once`);
      seen.add(id);
    });
    const updates = pushed.map((entry, i) => toUpdate(entry, limit, `mailboxes[${i}].messages`));
    checkMaySet(holder, ids);
    return { changed: await setOrRefuse(() => store.setMany(updates)) };
  });
}

/**
 * PUT /v1/mailboxes/<id> once its token, id and body are known good (here, or
 * on the poll front, poll-front/front.ts): sets the count, answers the mailbox.
 */
export async function putCount(store: Store, limit: number, holder: IngestConfig, id: string, body: PushedCount): Promise<PutAnswer> {
  checkMaySet(holder, [id]);
  const update = toUpdate({ ...body, id }, limit, 'messages');
  const { changed, mailbox } = await setOrRefuse(() => setAndShow(store, update));
  return { mailbox, changed };
}

export interface PutAnswer {
  mailbox: Mailbox;
  changed: boolean;
}

export interface PushedCount {
  count: number;
  name?: string;
  messages?: unknown[];
}

function toUpdate({ id, count, name, messages }: PushedCount & { id: string }, limit: number, at: string): MailboxUpdate {
  const update: MailboxUpdate = { id, count };
  if (name !== undefined) update.name = name;
  if (messages !== undefined) update.messages = readPushedMessages(messages, limit, at);
  return update;
}

function checkMaySet(holder: IngestConfig, ids: readonly string[]): void {
  if (holder.view === '*') return;
  const mayBeSet = viewSet(holder.view);
  const refused = ids.find((id) => !mayBeSet.has(id));
  if (refused !== undefined) throw new HttpError('forbidden', `this ingest token may not set the mailbox "${refused}"`);
}

async function setOrRefuse<T>(set: () => Promise<T>): Promise<T> {
  try {
    return await set();
  } catch (error) {
    if (error instanceof StoreFullError) throw new HttpError('forbidden', `${error.message}; no new mailbox was added`);
    throw error;
  }
}
