import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../helpers/count-server.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { startLoad } from '../../../helpers/store-load.ts';
import { startSentinelSet, type SentinelSet } from '../../../helpers/redis-sentinel-set.ts';

let set: SentinelSet;
const running: TestServer[] = [];
beforeAll(async () => { set = await startSentinelSet(); }, 90_000);
afterAll(async () => {
  await Promise.allSettled(running.map((server) => server.stop()));
  await set?.stop();
});

async function instance(): Promise<TestServer> {
  const server = await startTestServer({
    store: { type: 'redis', sentinel: { name: set.name, nodes: set.sentinelUrls }, prefix: 'sentinel:', leaseSeconds: 1 },
  });
  running.push(server);
  return server;
}


describe('Redis Sentinel: one primary, two replicas, three Sentinels', () => {
  it('a PUT is answered 200 once a replica has the change; with no replica answering, 503 with Retry-After', async () => {
    const a = await instance();
    const waitsOf = async () => Number(/cmdstat_wait:calls=(\d+)/.exec(String(await set.primary.command('INFO', 'commandstats')))?.[1] ?? 0);
    const before = await waitsOf();
    await a.setCount('bob', 1);
    expect(await waitsOf()).toBeGreaterThan(before);
    // Stopped, the replicas keep their connections (the primary still counts them) but confirm nothing.
    for (const replica of set.replicas) process.kill(replica.pid!, 'SIGSTOP');
    try {
      const response = await a.put('bob', { count: 2 });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).not.toBeNull();
      expect(await response.text()).toContain('no Redis replica confirmed the change');
    } finally {
      for (const replica of set.replicas) process.kill(replica.pid!, 'SIGCONT');
    }
    await eventually(async () => (await a.put('bob', { count: 3 })).status === 200, 20_000);
  }, 60_000);

  it('the primary killed mid-load: no answered PUT lost, no cursor backwards, 503 only in the gap, /healthz degraded then ok', async () => {
    const [a, b] = [await instance(), await instance()];
    // Writers, followers on both instances and /healthz of the first: test/helpers/store-load.ts.
    const run = startLoad(a, b, { healthOf: [a] });
    await eventually(() => run.acked('ann') >= 20 && run.acked('bob') >= 20, 20_000);
    const oldPort = set.primary.port;
    const killedAt = Date.now();
    await set.primary.kill();
    await eventually(async () => (await set.primaryPort()) !== oldPort, 30_000);
    // Back to ok after the promotion, and PUTs answered again on both instances.
    const healedAt = await run.throughFailover(killedAt);
    const outcome = await run.stop();
    // No answered PUT lost, no cursor refused or backwards within its epoch, one cursor one state.
    outcome.expectNothingLostOrTwice();
    // 503 (with Retry-After) only in the gap: none before the kill, none once the instances were well again.
    expect(outcome.failures.length).toBeGreaterThan(0);
    for (const failure of outcome.failures) {
      expect(failure.at).toBeGreaterThanOrEqual(killedAt);
      expect([failure.status, failure.retryAfter !== null]).toEqual([503, true]);
    }
    expect(Math.max(...outcome.failures.map((f) => f.at))).toBeLessThan(healedAt + 5000);
    // The promoted replica's data began a new epoch: every client took the whole state once.
    for (const list of outcome.answers) expect(new Set(list.map((answer) => answer.cursor.split('.')[0])).size).toBeGreaterThanOrEqual(2);
    // Changes made after the promotion reach held polls on both instances.
    for (const list of outcome.answers) expect(new Set(list.filter((answer) => answer.at > healedAt).map((answer) => answer.counts)).size).toBeGreaterThanOrEqual(2);
    // /healthz: ok, degraded during the gap saying why, ok again.
    expect(run.health.find((h) => h.status === 503)?.reason).toMatch(/^the count store \(Redis\) (is failing over|is not reachable|cannot be read)/);
    expect(run.health.filter((h) => h.at < killedAt).every((h) => h.status === 200)).toBe(true);
    expect(run.health.at(-1)?.status).toBe(200);
  }, 120_000);
});
