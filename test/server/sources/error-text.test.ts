import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { excerpt, MAX_ERROR_LENGTH, withBoundedErrors } from '../../../server/sources/error-text.ts';
import { setOne } from '../../../server/store/store.ts';

describe('error texts of sources', () => {
  it('cuts any error a source sets, and any line it logs, to about 300 characters', async () => {
    const store = new MemoryStore();
    const logged: string[] = [];
    const log = { debug() {}, info() {}, error() {}, warn: (_obj: object | string, msg?: string) => { logged.push(msg ?? ''); } };
    const context = withBoundedErrors({ store, log });
    const longMessage = `the SQL query failed: ${'syntax error near "x" '.repeat(500)}`;
    await context.store.setMany([{ id: 'alice', state: 'error', error: longMessage }]);
    await setOne(context.store, { id: 'bob', state: 'error', error: longMessage });
    context.log.warn({ database: 'PostgreSQL at db:5432/mail' }, longMessage);
    const { mailboxes } = await store.snapshot('*');
    for (const mailbox of mailboxes) {
      expect(mailbox.error!.length).toBe(MAX_ERROR_LENGTH);
      expect(mailbox.error!.startsWith('the SQL query failed: syntax error near')).toBe(true);
    }
    expect(logged[0]!.length).toBe(MAX_ERROR_LENGTH);
  });

  it('keeps a few error facts, each cut to 200 characters', async () => {
    const store = new MemoryStore();
    const context = withBoundedErrors({ store, log: { debug() {}, info() {}, error() {}, warn() {} } });
    const errorFacts = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`fact${i}`, 'x'.repeat(1000)]));
    await setOne(context.store, { id: 'alice', state: 'error', error: 'failed', errorKind: 'internal', errorFacts });
    const [alice] = (await store.snapshot('*')).mailboxes;
    expect(Object.keys(alice!.errorFacts!)).toHaveLength(8);
    expect(Object.values(alice!.errorFacts!).every((fact) => fact.length === 200)).toBe(true);
  });

  it('quotes short values whole and long ones as an excerpt with their length', () => {
    expect(excerpt('alice 3 4')).toBe('"alice 3 4"');
    expect(excerpt(-1)).toBe('-1');
    expect(excerpt('y'.repeat(5000))).toBe(`"${'y'.repeat(40)}"... (5000 characters)`);
  });
});
