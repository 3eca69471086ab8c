import { badRequest } from '../errors.ts';
import { MAX_MESSAGE_ID_LENGTH, MAX_MESSAGES_PER_MAILBOX, type MessageSummary } from '../mailbox.ts';
import { decodeSender, decodeSubject } from '../message-text.ts';

/** The JSON schema of a pushed `messages` list; the text is decoded and bounded after (see `readPushedMessages`). */
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

export interface PushedMessage {
  id: string;
  from: string;
  subject?: string;
  date?: string;
}

/**
 * A pushed list as the store keeps it: newest first as given, the first
 * `limit` kept, `from` and `subject` decoded (RFC 2047) and bounded, dates
 * made ISO. `at` names the list in error messages.
 */
export function readPushedMessages(list: readonly PushedMessage[], limit: number, at: string): MessageSummary[] {
  const seen = new Set<string>();
  return list.map((message, i) => {
    if (seen.has(message.id)) throw badRequest(`${at}[${i}].id: "${message.id}" is given twice; give each message once`);
    seen.add(message.id);
    const summary: MessageSummary = { id: message.id, from: decodeSender(message.from), subject: decodeSubject(message.subject ?? '') };
    if (message.date !== undefined) {
      const time = Date.parse(message.date);
      if (Number.isNaN(time)) throw badRequest(`${at}[${i}].date is not a time; write it like "2026-11-21T08:55:00Z"`);
      summary.date = new Date(time).toISOString();
    }
    return summary;
  }).slice(0, limit);
}
