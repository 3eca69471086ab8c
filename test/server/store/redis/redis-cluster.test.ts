import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCursor } from '../../../../server/store/cursor.ts';
import { ClusterStore } from '../../../../server/store/redis/cluster-store.ts';
import { keySlot, partOf, partPrefixes } from '../../../../server/store/redis/redis-slots.ts';
import { pause, startTestServer, tokens, type CountsBody, type TestServer } from '../../../helpers/count-server.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { startLoad } from '../../../helpers/store-load.ts';
import { startCluster, type TestCluster } from '../../../helpers/redis-cluster.ts';

// One cluster for the file: three masters, a replica each.
let cluster: TestCluster;
const running: Array<{ stop(): Promise<unknown> }> = [];
beforeAll(async () => { cluster = await startCluster({ replicasEach: 1 }); }, 90_000);
afterAll(async () => {
  await Promise.allSettled(running.map((server) => server.stop()));
  await cluster?.stop();
});

let prefixNumber = 0;
const freshPrefix = () => `c${++prefixNumber}:`;
const nodesOf = () => cluster.urls.map((url) => ({ host: '127.0.0.1', port: Number(new URL(url).port) }));

async function instance(prefix: string): Promise<TestServer> {
  // One node named is enough: the client learns the others from it.
  const server = await startTestServer({ store: { type: 'redis', cluster: { nodes: [cluster.urls[0]] }, prefix, leaseSeconds: 1 } });
  running.push(server);
  return server;
}

async function store(prefix: string, maxMailboxes = 200_000): Promise<ClusterStore> {
  const opened = await ClusterStore.connect({ cluster: { nodes: nodesOf() }, prefix, maxMailboxes });
  running.push({ stop: async () => { await opened.close(); } });
  return opened;
}

/** The slot of the part that holds `id`'s mailbox under `prefix`. */
const slotOfMailbox = (prefix: string, id: string) => keySlot(partPrefixes(prefix)[partOf(id)]!);

describe('Redis Cluster: the key layout', () => {
  it('computes slots as the cluster does', async () => {
    for (const key of ['ann', '{mailtray:}meta', '{mailtray:#3}boxes', 'user42@example.org', '{}x', 'a{b}c', '한국어']) {
      expect(keySlot(key), key).toBe(Number(await cluster.nodes[0]!.command('CLUSTER', 'KEYSLOT', key)));
    }
  });

  it('a mail host\'s 100,000 mailboxes on three masters use all three, each holding a fair share', async () => {
    const prefix = freshPrefix();
    const masters = await cluster.masters();
    expect(masters).toHaveLength(3);
    const share = new Map<number, number>();
    const parts = partPrefixes(prefix);
    for (let i = 0; i < 100_000; i++) {
      const port = (await masterPortOfSlot(keySlot(parts[partOf(`user${i}@example.org`)]!)));
      share.set(port, (share.get(port) ?? 0) + 1);
    }
    expect([...share.keys()].sort()).toEqual(masters.map((m) => m.port).sort());
    for (const count of share.values()) expect(count).toBeGreaterThan(25_000);

    // And really so: 6,000 of them written through the store land on every master.
    const opened = await store(prefix);
    for (let i = 0; i < 6000; i += 1000) {
      await opened.setMany(Array.from({ length: 1000 }, (_, j) => ({ id: `user${i + j}@example.org`, count: 1 })));
    }
    const held = await Promise.all(masters.map(async (master) => {
      const keys = await master.command('KEYS', `{${prefix}#*}boxes`) as string[];
      let sum = 0;
      for (const key of keys) sum += Number(await master.command('HLEN', key));
      return sum;
    }));
    expect(held.reduce((a, b) => a + b, 0)).toBe(6000);
    for (const count of held) expect(count).toBeGreaterThan(1000);
    const answer = await opened.snapshot('*');
    expect(answer.mailboxes).toHaveLength(6000);
    expect(parseCursor(answer.cursor)!.version).toBe(6000);
  }, 120_000);

  it('a change on one instance answers a poll held on another; the cursor is valid on both and across a restart', async () => {
    const prefix = freshPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const first = await a.counts(tokens.ann);
    const held = b.poll(tokens.ann, `?since=${first.cursor}&wait=20`);
    await eventually(async () => (await b.heldPolls()) === 1);
    await a.setCount('ann-work', 4);
    const body = await (await held).json() as CountsBody;
    expect(body.mailboxes.map((m) => [m.id, m.count])).toEqual([['ann', 0], ['ann-work', 4]]);
    await b.stop();
    const c = await instance(prefix);
    const again = await (await c.poll(tokens.ann, `?since=${body.cursor}&wait=0`)).json() as CountsBody;
    expect(again.cursor).toBe(body.cursor);
  }, 60_000);
});

describe('Redis Cluster: a slot migrated', () => {
  it('while polls are held: they stay held, are answered once the change lands, and nothing is lost or answered twice', async () => {
    const prefix = freshPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const run = startLoad(a, b, { healthOf: [a] });
    await eventually(() => run.acked('ann') >= 10 && run.acked('bob') >= 10, 30_000);
    const slot = slotOfMailbox(prefix, 'ann');
    const from = await cluster.masterOf(slot);
    const to = (await cluster.masters()).find((master) => master !== from)!;
    const before = run.acked('ann');
    // Key by key, with writes going on between: the part is half here, half there for a while.
    await cluster.migrateSlot(slot, to, { betweenKeys: async () => { await pause(100); } });
    expect(await cluster.masterOf(slot)).toBe(to);
    await eventually(() => run.acked('ann') >= before + 20, 30_000);
    const outcome = await run.stop();
    outcome.expectNothingLostOrTwice();
    // Every failure, if any, was a 503 with Retry-After (never a 500), and ingest works after the reshard.
    for (const failure of outcome.failures) expect([failure.status, failure.retryAfter !== null]).toEqual([503, true]);
    expect((await a.put('ann', { count: 1000 })).status).toBe(200);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('a lease survives its slot\'s migration: its holder keeps it, no other instance takes it', async () => {
    const prefix = freshPrefix();
    const [one, two] = [await store(prefix), await store(prefix)];
    expect(await one.leases.claim('source:imap-ann', 10_000)).toBe(true);
    expect(await two.leases.claim('source:imap-ann', 10_000)).toBe(false);
    const slot = keySlot(partPrefixes(prefix)[0]!);
    const from = await cluster.masterOf(slot);
    await cluster.migrateSlot(slot, (await cluster.masters()).find((master) => master !== from)!);
    expect(await two.leases.claim('source:imap-ann', 10_000)).toBe(false);
    expect(await one.leases.claim('source:imap-ann', 10_000)).toBe(true);
  }, 60_000);
});

async function masterPortOfSlot(slot: number): Promise<number> {
  slotsCache ??= await cluster.nodes[0]!.command('CLUSTER', 'SLOTS') as Array<[number, number, [string, number]]>;
  const range = slotsCache.find(([from, to]) => slot >= from && slot <= to)!;
  return Number(range[2][1]);
}
let slotsCache: Array<[number, number, [string, number]]> | undefined;

