import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot, partOf, partPrefixes } from '../../../../server/store/redis/redis-slots.ts';
import { startTestServer, type TestServer } from '../../../helpers/count-server.ts';
import { startLoad } from '../../../helpers/store-load.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { startCluster, type TestCluster } from '../../../helpers/redis-cluster.ts';

// One cluster for the file: three masters, a replica each; the test kills one.
let cluster: TestCluster;
const running: Array<{ stop(): Promise<unknown> }> = [];
beforeAll(async () => { cluster = await startCluster({ replicasEach: 1 }); }, 90_000);
afterAll(async () => {
  await Promise.allSettled(running.map((server) => server.stop()));
  await cluster?.stop();
});

let prefixNumber = 0;
const freshPrefix = () => `c${++prefixNumber}:`;

async function instance(prefix: string): Promise<TestServer> {
  // One node named is enough: the client learns the others from it.
  const server = await startTestServer({ store: { type: 'redis', cluster: { nodes: [cluster.urls[0]] }, prefix, leaseSeconds: 1 } });
  running.push(server);
  return server;
}

/** The slot of the part that holds `id`'s mailbox under `prefix`. */
const slotOfMailbox = (prefix: string, id: string) => keySlot(partPrefixes(prefix)[partOf(id)]!);

describe('Redis Cluster: a master killed', () => {
  it('mid-load: held polls stay held, no answered PUT lost, nothing answered twice, 503 only in the gap, /healthz degraded then ok', async () => {
    const prefix = freshPrefix();
    const [a, b] = [await instance(prefix), await instance(prefix)];
    const run = startLoad(a, b);
    await eventually(() => run.acked('ann') >= 20 && run.acked('bob') >= 20, 30_000);
    const killedAt = Date.now();
    await cluster.killMasterOf(slotOfMailbox(prefix, 'ann'));
    const healedAt = await run.throughFailover(killedAt);
    const outcome = await run.stop();
    outcome.expectNothingLostOrTwice();
    expect(outcome.failures.length).toBeGreaterThan(0);
    for (const failure of outcome.failures) {
      expect(failure.at).toBeGreaterThanOrEqual(killedAt);
      expect([failure.status, failure.retryAfter !== null]).toEqual([503, true]);
    }
    // Each instance's client learns the new master by itself (a topology refresh every 0.5 s while a node is
    // away). 503s that came 10-25 s after both /healthz said ok, with the other core busy, were WAIT sent to
    // every master (the promoted one has no replica; redis-connections.ts): a late one names its reason.
    const late = outcome.failures.filter((f) => f.at >= healedAt + 10_000);
    expect(late.map((f) => ({ ...f, afterHealed: f.at - healedAt }))).toEqual([]);
    // Changes made after the promotion reach held polls on both instances.
    for (const list of outcome.answers) expect(new Set(list.filter((answer) => answer.at > healedAt).map((answer) => answer.counts)).size).toBeGreaterThanOrEqual(2);
    expect(run.health.find((h) => h.status === 503)?.reason).toMatch(/^the count store \(Redis Cluster\) (is not reachable|cannot be read)/);
    expect(run.health.filter((h) => h.at < killedAt).every((h) => h.status === 200)).toBe(true);
    expect(run.health.at(-1)?.status).toBe(200);
  }, 150_000);
});
