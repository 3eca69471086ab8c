import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth.ts';
import type { AppContext } from '../app-context.ts';
import { badRequest, HttpError } from '../errors.ts';
import { MAX_MESSAGE_ID_LENGTH, mailboxIdProblem } from '../../../common/protocol.ts';
import type { MarkRequest } from '../../sources/source.ts';

const MAX_IDS_PER_REQUEST = 1000;
/** A source that moves to another instance is running there within about one lease. */
const RETRY_AFTER_SOURCE_SECONDS = 2;

const readSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    messages: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_IDS_PER_REQUEST,
      items: { type: 'string', minLength: 1, maxLength: MAX_MESSAGE_ID_LENGTH },
    },
    all: { type: 'boolean', const: true },
  },
} as const;

/**
 * POST /v1/mailboxes/:id/read (DESIGN.md, "Mark as read"): marks messages
 * seen at the source. The count that drops arrives through the poll, as any
 * other change does.
 */
export function markReadRoutes(app: FastifyInstance, { clientTokens, ingestTokens, markRead }: AppContext): void {
  app.post('/v1/mailboxes/:id/read', { schema: { body: readSchema } }, async (request) => {
    const client = authenticate(request.headers.authorization, clientTokens, ingestTokens, 'is an ingest token: it may set counts, not mark messages read');
    const { id } = request.params as { id: string };
    const problem = mailboxIdProblem(id);
    if (problem) throw badRequest(`the mailbox id in the address is not valid: ${problem}`);
    if (client.view !== '*' && !client.view.includes(id)) {
      throw new HttpError('forbidden', `this token may not see the mailbox "${id}"`);
    }
    if (!client.canMarkRead) {
      throw new HttpError('forbidden',
        `the client "${client.name}" may not mark messages read; the server's config gives it no "canMarkRead": true`);
    }
    const outcome = await markRead(id, readRequest(request.body));
    if ('refused' in outcome) throw new HttpError('forbidden', outcome.refused);
    if ('failed' in outcome) throw new HttpError('source_failing', outcome.failed);
    if ('unavailable' in outcome) throw new HttpError('source_unreachable', outcome.unavailable, { 'Retry-After': String(RETRY_AFTER_SOURCE_SECONDS) });
    return { marked: outcome.marked };
  });
}

function readRequest(body: unknown): MarkRequest {
  const { messages, all } = body as { messages?: string[]; all?: true };
  if ((messages === undefined) === (all === undefined)) {
    throw badRequest('send either {"messages": ["<message id>", ...]} or {"all": true}');
  }
  return messages ? { ids: [...new Set(messages)] } : { all: true };
}
