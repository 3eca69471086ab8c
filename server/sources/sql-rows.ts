import { countRule, isCount, mailboxIdProblem, type MailboxUpdate } from '../../common/protocol.ts';
import { readMessageList } from '../messages/message-list.ts';

/**
 * Columns that, when the query returns them, carry one of the mailbox's newest
 * unseen messages per row: then a mailbox may have several rows (newest
 * first, the same count on each), and a row whose message_id is NULL carries none.
 */
export const messageColumns = { id: 'message_id', from: 'from', subject: 'subject', date: 'date' } as const;

export interface Columns {
  id: string;
  count: string;
}

/** What the query's rows say: a count or a problem per mailbox, and rows that name no mailbox. */
export interface RowCounts {
  updates: Map<string, MailboxUpdate>;
  /** Rows whose id is not a mailbox id: they cannot be shown anywhere, so they are logged. */
  skipped: string[];
}

/** Why the columns cannot be read, or undefined when both are there. */
export function columnProblem(fields: readonly string[], columns: Columns): string | undefined {
  if (fields.includes(messageColumns.from) !== fields.includes(messageColumns.id)) {
    return 'the SQL query returns only one of "message_id" and "from"; return both for messages, or neither';
  }
  const missing = [columns.id, columns.count].filter((c) => !fields.includes(c));
  if (missing.length === 0) return undefined;
  const returned = fields.length === 0 ? 'no columns' : `the columns ${fields.join(', ')}`;
  const names = missing.map((c) => JSON.stringify(c)).join(' and ');
  return `the SQL query returns ${returned}, not ${names}; name them with AS, or set idColumn and countColumn`;
}

/**
 * Turns rows into updates. Drivers hand over COUNT(*) as text (it is a
 * bigint) and SUM over no rows as NULL, which is 0 unread.
 */
export function readRows(rows: readonly Record<string, unknown>[], columns: Columns, messagesPerMailbox = 0): RowCounts {
  const updates = new Map<string, MailboxUpdate>();
  const skipped: string[] = [];
  const messageRows = new Map<string, Record<string, unknown>[]>();
  const hasMessages = rows.length > 0 && messageColumns.id in rows[0]!;
  for (const row of rows) {
    const rawId = row[columns.id];
    const id = typeof rawId === 'number' || typeof rawId === 'bigint' ? String(rawId) : rawId;
    const idProblem = mailboxIdProblem(id);
    if (idProblem) {
      skipped.push(`${show(rawId)}: ${idProblem}`);
      continue;
    }
    const mailbox = id as string;
    const rawCount = row[columns.count];
    const count = rawCount === null ? 0
      : (typeof rawCount === 'string' && /^\d{1,10}$/.test(rawCount)) || typeof rawCount === 'bigint' ? Number(rawCount) : rawCount;
    const earlier = updates.get(mailbox);
    if (earlier) {
      if (!hasMessages) {
        updates.set(mailbox, { id: mailbox, state: 'error', errorKind: 'setup', error: 'the SQL query returns more than one row for this mailbox' });
      } else if (earlier.state === 'ok' && earlier.count !== count) {
        updates.set(mailbox, { id: mailbox, state: 'error', errorKind: 'setup', error: 'the SQL query returns different counts on the rows of this mailbox\'s messages' });
      }
    } else {
      updates.set(mailbox, isCount(count)
        ? { id: mailbox, count, state: 'ok' }
        : { id: mailbox, state: 'error', errorKind: 'setup', error: `the SQL query returns ${show(rawCount)} as this mailbox's count (${countRule})` });
    }
    if (hasMessages && row[messageColumns.id] !== null && row[messageColumns.id] !== undefined) {
      messageRows.set(mailbox, [...messageRows.get(mailbox) ?? [], row]);
    }
  }
  if (hasMessages) {
    for (const update of updates.values()) {
      if (update.state !== 'ok') continue;
      const read = readMessageList((messageRows.get(update.id) ?? []).slice(0, messagesPerMailbox).map(messageOf), messagesPerMailbox, 'messages');
      if ('problem' in read) updates.set(update.id, { id: update.id, state: 'error', errorKind: 'setup', error: `the SQL query's ${read.problem}` });
      else update.messages = read.messages;
    }
  }
  return { updates, skipped };
}

/** A row's message columns as a pushed message; drivers hand over ids as numbers and dates as Date. */
function messageOf(row: Record<string, unknown>): Record<string, unknown> {
  const date = row[messageColumns.date];
  const message: Record<string, unknown> = {
    id: String(row[messageColumns.id]),
    from: row[messageColumns.from] ?? '',
    subject: row[messageColumns.subject] ?? '',
  };
  if (date !== null && date !== undefined) message.date = date instanceof Date ? date.toISOString() : String(date);
  return message;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
