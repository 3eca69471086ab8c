import { describe, expect, it } from 'vitest';
import { parseCursor, type Cursor } from '../../../server/store/cursor.ts';
import { setOne, StoreFullError, StoreUnavailableError } from '../../../server/store/store.ts';
import { ReplicaStore } from '../../../server/workers/replica-store.ts';
import type { StoreHub } from '../../../server/workers/store-hub.ts';
import { parseConfig } from '../../../server/config/server-config.ts';
import { startServer } from '../../../server/run/start.ts';
import { testConfig, TestServer, tokens, type CountsBody } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { channelPair, replicas } from '../../helpers/replica.ts';

const versionOf = (cursor: string) => parseCursor(cursor)!.version;
const countOf = async (store: { snapshot(view: '*'): Promise<{ mailboxes: Array<{ id: string; count: number }> }> }, id: string) =>
  (await store.snapshot('*')).mailboxes.find((m) => m.id === id)?.count;

describe("a worker's copy of the primary's memory store", () => {
  it('has the primary\'s epoch and versions: every copy makes the same cursors', async () => {
    const { hub, copies: [a, b] } = await replicas(2);
    await hub.store.declare([{ id: 'ann', name: 'Ann' }]);
    await a!.setMany([{ id: 'ann', count: 2 }, { id: 'bob', count: 1 }]);
    await setOne(b!, { id: 'bob', count: 5 });
    // A write is answered once the primary applied it and the writer's copy has it.
    expect(await countOf(b!, 'bob')).toBe(5);
    await new Promise((resolve) => setImmediate(resolve));
    const [onPrimary, onA, onB] = await Promise.all([hub.store.snapshot('*'), a!.snapshot('*'), b!.snapshot('*')]);
    expect(onA).toEqual(onPrimary);
    expect(onB).toEqual(onPrimary);
    expect(onA.cursor).toBe(`${hub.store.epoch}.3`);
    expect(await a!.snapshot(['bob'])).toEqual(await hub.store.snapshot(['bob']));
    // Delta cursors are sealed with the primary's key on every copy, so any worker opens another's.
    const keys = await Promise.all([hub.store, a!, b!].map((store) => store.deltaKeyOf(hub.store.epoch)));
    expect(keys.map((key) => key?.toString('hex'))).toEqual(Array(3).fill(hub.store.deltaKey.toString('hex')));
  });

  it('a poll held on copy B is woken by a write through copy A (no lost wake-up)', async () => {
    const { copies: [a, b] } = await replicas(2);
    const since = await b!.cursor(['ann']);
    const woken = new Promise<Cursor>((resolve) => { b!.watch(['ann'], since, () => { void b!.cursor(['ann']).then(resolve); }); });
    await setOne(a!, { id: 'ann', count: 7 });
    expect((await woken).version).toBe(since.version + 1);
    expect(await countOf(b!, 'ann')).toBe(7);
  });

  it('a copy that starts later gets the whole store, the same cursors, and answers deltas from before it whole', async () => {
    const { hub, copies: [a] } = await replicas(1);
    await a!.setMany([{ id: 'ann', count: 1 }, { id: 'bob', count: 2 }]);
    await hub.store.forget(['bob']);
    const before = await a!.changes('*', 1);
    expect(before.isWhole).toBe(false);

    const { copies: [late] } = await replicasOf(hub);
    expect(await late!.snapshot('*')).toEqual(await a!.snapshot('*'));
    expect(await late!.snapshot(['bob'])).toEqual(await hub.store.snapshot(['bob']));
    // It knows no change from before it started: a delta from then is the whole view.
    expect((await late!.changes('*', 1)).isWhole).toBe(true);
    await setOne(a!, { id: 'ann', count: 4 });
    await new Promise((resolve) => setImmediate(resolve));
    const seq = parseCursor((await late!.changes('*', undefined)).answer.cursor)!.seq!;
    await setOne(a!, { id: 'carl', count: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    const delta = await late!.changes('*', seq);
    expect(delta.isWhole).toBe(false);
    expect(delta.answer.mailboxes.map((m) => m.id)).toEqual(['carl']);
  });

  it("a copy's cursor never goes back, whichever copy the writes go through", async () => {
    const { copies } = await replicas(3);
    const seen = copies.map(() => [] as number[]);
    const watchAll = (i: number) => {
      const copy = copies[i]!;
      void copy.cursor('*').then((cursor) => {
        seen[i]!.push(cursor.version);
        copy.watch('*', cursor, () => watchAll(i));
      });
    };
    copies.forEach((_, i) => watchAll(i));
    await Promise.all(Array.from({ length: 60 }, (_, n) => setOne(copies[n % 3]!, { id: `m${n % 7}`, count: n })));
    // Every copy hears of the last write; then none may have gone back on the way.
    await eventually(() => seen.every((versions) => versions.at(-1) === 60));
    for (const versions of seen) {
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(versions.at(-1)).toBe(60);
    }
  });

  it('a cursor another copy made ahead of this one is waited for, not refused', async () => {
    // B reads its channel 150 ms late, as a busy worker does.
    const { copies: [a, b] } = await replicas(2, { delayMs: [0, 150] });
    await setOne(a!, { id: 'ann', count: 3 });
    const ahead = await a!.cursor(['ann']);
    expect((await b!.cursor(['ann'])).version).toBeLessThan(ahead.version);
    const caught = await b!.caughtUp(['ann'], ahead);
    expect(caught).toEqual(ahead);
    expect(await countOf(b!, 'ann')).toBe(3);
  });

  it('over HTTP: a poll whose cursor another worker made before this one has the change is held, not refused', async () => {
    const { copies: [a, b] } = await replicas(2, { delayMs: [0, 200] });
    const [onA, onB] = await Promise.all([a!, b!].map(async (store) => new TestServer(await startServer({ config: parseConfig(testConfig()), store: { store } }))));
    try {
      await onA!.setCount('ann', 2);
      const { cursor } = await onA!.counts(tokens.ann);
      const held = onB!.poll(tokens.ann, `?since=${cursor}&wait=10`);
      await eventually(async () => (await onB!.heldPolls()) === 1);
      await onA!.setCount('ann', 3);
      const response = await held;
      expect(response.status).toBe(200);
      expect(((await response.json()) as CountsBody).mailboxes.find((m) => m.id === 'ann')?.count).toBe(3);
    } finally {
      await Promise.all([onA!.stop(), onB!.stop()]);
    }
  });

  it('a write past limits.maxMailboxes is refused with the same error as on the primary', async () => {
    const { copies: [a] } = await replicas(1, { maxMailboxes: 2 });
    await a!.setMany([{ id: 'ann', count: 1 }, { id: 'bob', count: 1 }]);
    await expect(setOne(a!, { id: 'carl', count: 1 })).rejects.toThrow(StoreFullError);
    await expect(setOne(a!, { id: 'carl', count: 1 })).rejects.toThrow(/at most 2 mailboxes/);
  });

  it('when the primary is gone, writes fail as the store being unavailable and health says degraded', async () => {
    const { copies: [a], closeChannels } = await replicas(1);
    await setOne(a!, { id: 'ann', count: 1 });
    closeChannels();
    await expect(setOne(a!, { id: 'ann', count: 2 })).rejects.toThrow(StoreUnavailableError);
    expect(await a!.health()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/primary process is gone/) });
    expect(await countOf(a!, 'ann')).toBe(1);
  });

  it('a mailbox forgotten through a copy leaves "*" on every copy, and a list naming it moves forward', async () => {
    const { copies: [a, b] } = await replicas(2);
    await setOne(a!, { id: 'bob', count: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    const list = await b!.snapshot(['bob']);
    await a!.forget(['bob']);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await b!.snapshot('*')).mailboxes.map((m) => m.id)).toEqual([]);
    const after = await b!.snapshot(['bob']);
    expect(after.mailboxes[0]).toMatchObject({ id: 'bob', state: 'pending' });
    expect(versionOf(after.cursor)).toBeGreaterThan(versionOf(list.cursor));
  });
});

/** Another copy following the same primary store. */
async function replicasOf(hub: StoreHub) {
  const pair = channelPair();
  hub.attach(pair.primary);
  return { copies: [await ReplicaStore.follow(pair.worker)] };
}
