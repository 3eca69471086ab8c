import { badRequest } from '../errors.ts';
import { MAX_MESSAGE_ID_LENGTH, MAX_MESSAGES_PER_MAILBOX, type MessageSummary } from '../../../common/protocol.ts';
import { readMessageList } from '../../messages/message-list.ts';

/** The JSON schema of a pushed `messages` list, for Fastify's first check; `readPushedMessages` then decodes it. */
export const messagesSchema = {
  type: 'array',
  maxItems: MAX_MESSAGES_PER_MAILBOX,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'from'],
    properties: {
      id: { type: 'string', pattern: `^[\\x21-\\x7e]{1,${MAX_MESSAGE_ID_LENGTH}}$` },
      // Generous: a mail host may push the raw, still-encoded header; it is decoded and cut to 200 characters.
      from: { type: 'string', maxLength: 4096 },
      subject: { type: 'string', maxLength: 16_384 },
      date: { type: 'string', maxLength: 64 },
    },
  },
} as const;

/**
 * A pushed list as the store keeps it (see `readMessageList`); a problem is a
 * 400 naming its place.
 */
export function readPushedMessages(list: unknown, limit: number, at: string): MessageSummary[] {
  const read = readMessageList(list, limit, at);
  if ('problem' in read) throw badRequest(read.problem);
  return read.messages;
}
