import { describe, expect, it } from 'vitest';
import { readRows } from '../../../server/sources/sql-rows.ts';
import { readDatabaseUrl, withoutPassword } from '../../../server/sources/sql-url.ts';

const columns = { id: 'id', count: 'count' };

describe('reading the SQL query\'s rows', () => {
  it('reads COUNT(*) as text, numbers as ids, and NULL as 0', () => {
    const { updates, skipped } = readRows([{ id: 'alice', count: '3' }, { id: 42, count: 1 }, { id: 'bob', count: null }], columns);
    expect([...updates.values()]).toEqual([
      { id: 'alice', count: 3, state: 'ok' }, { id: '42', count: 1, state: 'ok' }, { id: 'bob', count: 0, state: 'ok' },
    ]);
    expect(skipped).toEqual([]);
  });

  it('puts a bad count or a second row on that mailbox, and skips rows that name no mailbox', () => {
    const { updates, skipped } = readRows([
      { id: 'alice', count: -1 }, { id: 'bob', count: 1 }, { id: 'bob', count: 2 }, { id: 'a b', count: 1 }, { id: null, count: 1 },
    ], columns);
    expect(updates.get('alice')).toEqual({ id: 'alice', state: 'error', errorKind: 'setup', error: "the SQL query returns -1 as this mailbox's count (a count is a whole number from 0 to 2147483647)" });
    expect(updates.get('bob')).toEqual({ id: 'bob', state: 'error', errorKind: 'setup', error: 'the SQL query returns more than one row for this mailbox' });
    expect(skipped).toHaveLength(2);
  });
});

describe('reading messages from the SQL query\'s rows', () => {
  const row = (id: string, count: number, messageId: number | null, from = '', subject = '', date: Date | null = null) =>
    ({ id, count, message_id: messageId, from, subject, date });

  it('takes one row per newest message, newest first as the query orders them, up to the limit', () => {
    const { updates } = readRows([
      row('alice', 3, 12, 'Bob <bob@example.com>', 'newest', new Date('2026-11-21T09:00:00Z')),
      row('alice', 3, 11, '=?UTF-8?B?Q2zDqW1lbnQ=?= <c@example.com>', '=?UTF-8?Q?caf=C3=A9?='),
      row('alice', 3, 10, 'd@example.com', 'oldest'),
      row('bob', 0, null),
    ], columns, 2);
    expect(updates.get('alice')).toEqual({ id: 'alice', count: 3, state: 'ok', messages: [
      { id: '12', from: 'Bob <bob@example.com>', subject: 'newest', date: '2026-11-21T09:00:00.000Z' },
      { id: '11', from: 'Clément <c@example.com>', subject: 'café' },
    ] });
    expect(updates.get('bob')).toEqual({ id: 'bob', count: 0, state: 'ok', messages: [] });
  });

  it('puts rows of one mailbox with different counts on that mailbox as an error', () => {
    const { updates } = readRows([row('alice', 3, 2, 'a@example.com'), row('alice', 4, 1, 'b@example.com')], columns, 5);
    expect(updates.get('alice')?.state).toBe('error');
    expect(updates.get('alice')?.error).toMatch(/different counts/);
  });
});

describe('the database URL', () => {
  it('names the database by host, port and name, and blanks the password out of messages', () => {
    const url = readDatabaseUrl('postgres://mail:p%40ss@db.example.com/mail')!;
    expect(url.where).toBe('PostgreSQL at db.example.com:5432/mail');
    expect(withoutPassword('FATAL: bad p@ss and p%40ss', url)).toBe('FATAL: bad *** and ***');
  });

  it('refuses what is not a PostgreSQL URL', () => {
    expect(readDatabaseUrl('mysql://u:p@h/db')).toBeUndefined();
    expect(readDatabaseUrl('db.example.com')).toBeUndefined();
  });
});
