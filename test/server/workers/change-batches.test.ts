import { describe, expect, it } from 'vitest';
import { parseCursor } from '../../../server/store/cursor.ts';
import { setOne } from '../../../server/store/store.ts';
import type { ToWorker } from '../../../server/workers/messages.ts';
import { replicas } from '../../helpers/replica.ts';

type Batch = Extract<ToWorker, { type: 'patches' }>;
const batchesIn = (sent: readonly ToWorker[]) => sent.filter((m): m is Batch => m.type === 'patches');
/** Each change a copy was sent, as "mailbox@version", in the order sent. */
const changesIn = (sent: readonly ToWorker[]) =>
  batchesIn(sent).flatMap((batch) => batch.patches.flatMap((patch) => patch.entries.map((e) => `${e.mailbox.id}@${e.version}`)));

// What crosses between the primary and its workers, counted message by message (test/helpers/replica.ts records them).
describe("the primary's changes on their way to the workers", () => {
  it('writes that arrive together reach every worker once each, in one message, the same for all', async () => {
    const { hub, copies, sent } = await replicas(3);
    // 40 writes through the three copies at once, as 40 PUTs landing on three workers together.
    await Promise.all(Array.from({ length: 40 }, (_, n) => setOne(copies[n % 3]!, { id: `m${n}`, count: n + 1 })));
    const expected = Array.from({ length: 40 }, (_, n) => `m${n}@1`).sort();
    for (const messages of sent) {
      expect(batchesIn(messages)).toHaveLength(1);
      expect(changesIn(messages).sort()).toEqual(expected);
    }
    expect(hub.sent).toEqual({ batches: 1, patches: 40 });
    // Encoded once: every worker got the very same batch.
    expect(batchesIn(sent[1]!)).toEqual(batchesIn(sent[0]!));
    expect(batchesIn(sent[2]!)).toEqual(batchesIn(sent[0]!));
  });

  it("a writer's answer comes after the batch holding its change, and the writer's copy has it then", async () => {
    const { copies: [a, b], sent } = await replicas(2);
    await Promise.all([setOne(a!, { id: 'ann', count: 1 }), setOne(b!, { id: 'bob', count: 2 })]);
    for (const messages of sent) {
      const kinds = messages.map((m) => m.type);
      // The dump, then the batch, then this copy's reply: never a reply before the change it answers.
      expect(kinds).toEqual(['patch', 'patches', 'reply']);
    }
    expect((await a!.snapshot(['bob'])).mailboxes[0]?.count).toBe(2);
    expect((await b!.snapshot(['ann'])).mailboxes[0]?.count).toBe(1);
  });

  it('writes spread over turns of the event loop still reach each worker exactly once, in order', async () => {
    const { copies: [a, b], sent } = await replicas(2);
    for (let n = 0; n < 12; n++) await setOne(n % 2 === 0 ? a! : b!, { id: 'ann', count: n + 1 });
    for (const messages of sent) expect(changesIn(messages)).toEqual(Array.from({ length: 12 }, (_, n) => `ann@${n + 1}`));
  });

  it('a poll held on a worker is woken by a batch with every change in it, not by the first one alone', async () => {
    const { copies: [a, b] } = await replicas(2);
    const since = await b!.cursor('*');
    const woken = new Promise<number>((resolve) => {
      b!.watch('*', since, () => { void b!.cursor('*').then((cursor) => resolve(cursor.version)); });
    });
    await Promise.all(Array.from({ length: 10 }, (_, n) => setOne(a!, { id: `m${n}`, count: 1 })));
    // Woken with all ten in place, not after the first of them.
    expect(await woken).toBe(since.version + 10);
    expect(parseCursor((await b!.snapshot('*')).cursor)!.version).toBe(10);
    expect(b!.received).toEqual({ batches: 1, patches: 10 });
  });
});
