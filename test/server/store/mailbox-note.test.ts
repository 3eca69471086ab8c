import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { RedisStore } from '../../../server/store/redis/redis-store.ts';
import { setOne, type Store } from '../../../server/store/store.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';

const late = 'this server reports new mail late; checking for it every 60 s';

/** A mailbox's note (DESIGN.md's additive rules; docs/protocol.md, "Mailbox fields"): beside the count, no error, in the answer on either store. */
describe.each(['memory', 'redis'] as const)('a mailbox note on the %s store', (kind) => {
  let redis: TestRedis | undefined;
  let n = 0;
  beforeAll(async () => { if (kind === 'redis') redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });
  const open = async (): Promise<Store> => (kind === 'memory' ? new MemoryStore()
    : RedisStore.connect({ url: redis!.url, prefix: `note-${n += 1}:`, maxMailboxes: 100 }));

  it('is shown with the ok count, moves the cursor once, and goes when set to ""', async () => {
    const store = await open();
    try {
      await store.setMany([{ id: 'ann', count: 3, state: 'ok', note: '' }]);
      const plain = await store.snapshot(['ann']);
      expect(plain.mailboxes[0]).not.toHaveProperty('note');

      await store.setMany([{ id: 'ann', count: 3, state: 'ok', note: late }]);
      const noted = await store.snapshot(['ann']);
      expect(noted.mailboxes[0]).toMatchObject({ id: 'ann', count: 3, state: 'ok', note: late });
      expect(noted.mailboxes[0]).not.toHaveProperty('error');
      expect(noted.cursor).not.toBe(plain.cursor);

      // The same note again, as every recount sends it, is no change: no poll wakes for it.
      await store.setMany([{ id: 'ann', count: 3, state: 'ok', note: late }]);
      expect((await store.snapshot(['ann'])).cursor).toBe(noted.cursor);
      // Left out, it stays.
      await setOne(store, { id: 'ann', count: 4 });
      expect((await store.snapshot(['ann'])).mailboxes[0]).toMatchObject({ count: 4, note: late });

      await store.setMany([{ id: 'ann', count: 4, state: 'ok', note: '' }]);
      expect((await store.snapshot(['ann'])).mailboxes[0]).not.toHaveProperty('note');
    } finally {
      await store.close();
    }
  });
});
