import { MAX_MESSAGE_ID_LENGTH, MAX_MESSAGES_PER_MAILBOX, type MessageSummary } from '../../common/protocol.ts';
import { decodeSender, decodeSubject } from './message-text.ts';

const messageIdRe = new RegExp(`^[\\x21-\\x7e]{1,${MAX_MESSAGE_ID_LENGTH}}$`);
const fields = new Set(['id', 'from', 'subject', 'date']);

/**
 * A list of messages handed to the server (an HTTP push, a counts file) as
 * the store keeps it: newest first as given, the first `limit` kept, `from`
 * and `subject` decoded (a mail host may pass the raw, RFC 2047-encoded
 * header) and bounded, dates made ISO. Or the first problem, naming its place
 * after `at` ("mailboxes[0].messages").
 */
export function readMessageList(value: unknown, limit: number, at: string): { messages: MessageSummary[] } | { problem: string } {
  if (!Array.isArray(value) || value.length > MAX_MESSAGES_PER_MAILBOX) {
    return { problem: `${at} must be a list of at most ${MAX_MESSAGES_PER_MAILBOX} messages like [{"id": "m1", "from": "Alice <a@example.com>", "subject": "Lunch?"}]` };
  }
  const seen = new Set<string>();
  const messages: MessageSummary[] = [];
  for (const [i, item] of value.entries()) {
    const place = `${at}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { problem: `${place} must be an object with "id" and "from"` };
    const { id, from, subject, date } = item as Record<string, unknown>;
    const unknown = Object.keys(item).find((key) => !fields.has(key));
    if (unknown !== undefined) return { problem: `${place} has an unknown field "${unknown}"; a message has id, from, subject and date` };
    if (typeof id !== 'string' || !messageIdRe.test(id)) {
      return { problem: `${place}.id is not valid: a message id is 1 to ${MAX_MESSAGE_ID_LENGTH} printable ASCII characters without spaces` };
    }
    if (seen.has(id)) return { problem: `${place}.id: "${id}" is given twice; give each message once` };
    seen.add(id);
    if (typeof from !== 'string') return { problem: `${place}.from must be text (the sender, "Alice Smith <alice@example.com>")` };
    if (subject !== undefined && typeof subject !== 'string') return { problem: `${place}.subject must be text` };
    const summary: MessageSummary = { id, from: decodeSender(from), subject: decodeSubject(subject ?? '') };
    if (date !== undefined) {
      const time = typeof date === 'string' ? Date.parse(date) : NaN;
      if (Number.isNaN(time)) return { problem: `${place}.date is not a time; write it like "2026-11-21T08:55:00Z"` };
      summary.date = new Date(time).toISOString();
    }
    messages.push(summary);
  }
  return { messages: messages.slice(0, limit) };
}
