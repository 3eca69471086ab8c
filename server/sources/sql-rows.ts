import { countRule, isCount, mailboxIdProblem, type MailboxUpdate } from '../../common/protocol.ts';

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
export function readRows(rows: readonly Record<string, unknown>[], columns: Columns): RowCounts {
  const updates = new Map<string, MailboxUpdate>();
  const skipped: string[] = [];
  for (const row of rows) {
    const rawId = row[columns.id];
    const id = typeof rawId === 'number' || typeof rawId === 'bigint' ? String(rawId) : rawId;
    const idProblem = mailboxIdProblem(id);
    if (idProblem) {
      skipped.push(`${show(rawId)}: ${idProblem}`);
      continue;
    }
    const mailbox = id as string;
    if (updates.has(mailbox)) {
      updates.set(mailbox, { id: mailbox, state: 'error', error: 'the SQL query returns more than one row for this mailbox' });
      continue;
    }
    const rawCount = row[columns.count];
    const count = rawCount === null ? 0
      : (typeof rawCount === 'string' && /^\d{1,10}$/.test(rawCount)) || typeof rawCount === 'bigint' ? Number(rawCount) : rawCount;
    updates.set(mailbox, isCount(count)
      ? { id: mailbox, count, state: 'ok' }
      : { id: mailbox, state: 'error', error: `the SQL query returns ${show(rawCount)} as this mailbox's count (${countRule})` });
  }
  return { updates, skipped };
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
