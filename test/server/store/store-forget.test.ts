import { describe, expect, it } from 'vitest';
import { parseCursor } from '../../../server/store/cursor.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { setOne } from '../../../server/store/store.ts';

const versionOf = (cursor: string) => parseCursor(cursor)!.version;

describe('forgetting a mailbox (a reload that removed it)', () => {
  it('moves every cursor that saw it forward, never back, and wakes its watchers', async () => {
    const store = new MemoryStore();
    await store.declare([{ id: 'ann', name: 'Ann' }, { id: 'bob', name: 'Bob' }]);
    await setOne(store, { id: 'bob', count: 3 });
    const all = await store.snapshot('*');
    const bobs = await store.snapshot(['bob']);
    let woken = 0;
    store.watch('*', parseCursor(all.cursor)!, () => { woken += 1; });
    store.watch(['bob'], parseCursor(bobs.cursor)!, () => { woken += 1; });

    await store.forget(['bob']);
    expect(woken).toBe(2);
    const allAfter = await store.snapshot('*');
    expect(allAfter.mailboxes.map((m) => m.id)).toEqual(['ann']);
    expect(versionOf(allAfter.cursor)).toBeGreaterThan(versionOf(all.cursor));
    const bobsAfter = await store.snapshot(['bob']);
    expect(versionOf(bobsAfter.cursor)).toBeGreaterThan(versionOf(bobs.cursor));

    await setOne(store, { id: 'bob', count: 1 });
    expect(versionOf((await store.snapshot(['bob'])).cursor)).toBeGreaterThan(versionOf(bobsAfter.cursor));
  });
});
