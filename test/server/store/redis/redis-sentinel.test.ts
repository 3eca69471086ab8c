import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCursor } from '../../../../server/store/cursor.ts';
import { startTestServer, tokens, type CountsBody, type TestServer } from '../../../helpers/count-server.ts';
import { eventually } from '../../../helpers/eventually.ts';
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

interface Answer { at: number; cursor: string; counts: string }
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    let isLoading = true;
    let killedAt = Number.POSITIVE_INFINITY;
    // One writer per mailbox, each count one more than the last: the final count shows whether an answered one was lost.
    const acked = new Map<string, number>();
    const failures: Array<{ at: number; status: number; retryAfter: string | null }> = [];
    const write = async (server: TestServer, id: string) => {
      let count = 0;
      while (isLoading) {
        count += 1;
        const response = await server.put(id, { count }).catch(() => undefined);
        if (response?.status === 200) acked.set(id, count);
        else {
          failures.push({ at: Date.now(), status: response?.status ?? 0, retryAfter: response?.headers.get('retry-after') ?? null });
          await pause(50);
        }
        await response?.body?.cancel();
      }
    };
    // Held polls on both instances, following their cursors as a client does.
    const answers: Answer[][] = [[], []];
    const follow = async (server: TestServer, into: Answer[]) => {
      let cursor = '';
      while (isLoading) {
        const response = await server.poll(tokens.ops, cursor ? `?since=${cursor}&wait=5` : '').catch(() => undefined);
        if (response?.status === 200) {
          const body = await response.json() as CountsBody;
          into.push({ at: Date.now(), cursor: body.cursor, counts: JSON.stringify(body.mailboxes.map((m) => [m.id, m.count])) });
          cursor = body.cursor;
        } else {
          // A cursor from the lost future must never be refused.
          expect(response?.status ?? 503).not.toBe(400);
          await response?.body?.cancel();
          await pause(50);
        }
      }
    };
    const health: Array<{ at: number; status: number; reason?: string }> = [];
    const watchHealth = async () => {
      while (isLoading) {
        const response = await fetch(`${a.url}/healthz`).catch(() => undefined);
        const body = await response?.json().catch(() => undefined) as { reason?: string } | undefined;
        health.push({ at: Date.now(), status: response?.status ?? 0, ...(body?.reason ? { reason: body.reason } : {}) });
        await pause(50);
      }
    };
    const load = Promise.all([write(a, 'ann'), write(b, 'bob'), write(a, 'ann-work'), follow(a, answers[0]!), follow(b, answers[1]!), watchHealth()]);

    await eventually(() => (acked.get('ann') ?? 0) >= 20 && (acked.get('bob') ?? 0) >= 20, 20_000);
    const oldPort = set.primary.port;
    killedAt = Date.now();
    await set.primary.kill();
    await eventually(async () => (await set.primaryPort()) !== oldPort, 30_000);
    // Back to ok after the promotion, and PUTs answered again on both instances.
    await eventually(() => health.some((h) => h.at > killedAt && h.status === 503), 30_000);
    const healedAt = await eventually(() => {
      const last = health.at(-1);
      return last !== undefined && last.status === 200 && last.at > killedAt ? last.at : undefined;
    }, 30_000);
    const ackedThen = { ann: acked.get('ann')!, bob: acked.get('bob')! };
    await eventually(() => acked.get('ann')! >= ackedThen.ann + 20 && acked.get('bob')! >= ackedThen.bob + 20, 30_000);
    isLoading = false;
    await load;

    // No answered PUT lost: the final count is at least the last one answered 200.
    const final = await b.counts(tokens.ops);
    for (const [id, count] of acked) expect(final.mailboxes.find((m) => m.id === id)?.count, id).toBeGreaterThanOrEqual(count);
    // 503 (with Retry-After) only in the gap: none before the kill, none once the instances were well again.
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.at).toBeGreaterThanOrEqual(killedAt);
      expect(failure.status).toBe(503);
      expect(failure.retryAfter).not.toBeNull();
    }
    const lastFailure = Math.max(...failures.map((f) => f.at));
    expect(lastFailure).toBeLessThan(healedAt + 5000);
    // Cursors per poller never go backwards within an epoch, and one cursor never names two states.
    const stateOf = new Map<string, string>();
    for (const list of answers) {
      const lastOf = new Map<string, number>();
      for (const answer of list) {
        const cursor = parseCursor(answer.cursor)!;
        expect(cursor.version).toBeGreaterThanOrEqual(lastOf.get(cursor.epoch) ?? 0);
        lastOf.set(cursor.epoch, cursor.version);
        const key = `${cursor.epoch}.${cursor.version}`;
        expect(stateOf.get(key) ?? answer.counts, key).toBe(answer.counts);
        stateOf.set(key, answer.counts);
      }
    }
    // The promoted replica's data began a new epoch: every client took the whole state once.
    for (const list of answers) expect(new Set(list.map((answer) => answer.cursor.split('.')[0])).size).toBeGreaterThanOrEqual(2);
    // Changes made after the promotion reach held polls on both instances.
    for (const list of answers) expect(new Set(list.filter((answer) => answer.at > healedAt).map((answer) => answer.counts)).size).toBeGreaterThanOrEqual(2);
    // /healthz: ok, degraded during the gap saying why, ok again.
    expect(health.find((h) => h.status === 503)?.reason).toMatch(/^the count store \(Redis\) (is failing over|is not reachable|cannot be read)/);
    expect(health.filter((h) => h.at < killedAt).every((h) => h.status === 200)).toBe(true);
    expect(health.at(-1)?.status).toBe(200);
  }, 120_000);
});
