import { expect } from 'vitest';
import { eventually } from './eventually.ts';
import { parseCursor } from '../../server/store/cursor.ts';
import { pause, tokens, type CountsBody, type TestServer } from './count-server.ts';

export interface Answer { at: number; cursor: string; counts: string }

/**
 * Writers (one per mailbox, each count one more than the last it sent) and
 * followers (held polls on both instances, following their cursors as a
 * client does) and /healthz (of `healthOf`: one is unhealthy, the store is),
 * until `stop`. Then every answer is checked: no answered PUT lost, no cursor
 * refused or backwards within its epoch, no cursor naming two states.
 * Shared by the Redis Cluster's reshard and failover tests.
 */
export function startLoad(a: TestServer, b: TestServer, { healthOf = [a, b] }: { healthOf?: TestServer[] } = {}) {
  let isLoading = true;
  const acked = new Map<string, number>();
  const failures: Array<{ at: number; id: string; status: number; retryAfter: string | null; reason?: string }> = [];
  const refusedCursors: string[] = [];
  const write = async (server: TestServer, id: string) => {
    let count = 0;
    while (isLoading) {
      count += 1;
      const response = await server.put(id, { count }).catch(() => undefined);
      if (response?.status === 200) {
        acked.set(id, count);
        await response.body?.cancel();
      } else {
        // What the server said, so a failing bound names the cause.
        const reason = await response?.text().catch(() => undefined);
        failures.push({ at: Date.now(), id, status: response?.status ?? 0, retryAfter: response?.headers.get('retry-after') ?? null, ...(reason ? { reason } : {}) });
        await pause(50);
      }
    }
  };
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
        if (response?.status === 400) refusedCursors.push(cursor);
        await response?.body?.cancel();
        await pause(50);
      }
    }
  };
  const health: Array<{ at: number; status: number; reason?: string }> = [];
  const watchHealth = async () => {
    while (isLoading) {
      // The store is well again when both instances say so (each has its own view of the cluster).
      const responses = await Promise.all(healthOf.map((server) => fetch(`${server.url}/healthz`).catch(() => undefined)));
      const bodies = await Promise.all(responses.map((response) => response?.json().catch(() => undefined) as Promise<{ reason?: string } | undefined>));
      const status = responses.find((response) => response?.status !== 200)?.status ?? (responses.every(Boolean) ? 200 : 0);
      const reason = bodies.find((body) => body?.reason)?.reason;
      health.push({ at: Date.now(), status, ...(reason ? { reason } : {}) });
      await pause(50);
    }
  };
  const load = Promise.all([write(a, 'ann'), write(b, 'bob'), write(a, 'ann-work'), follow(a, answers[0]!), follow(b, answers[1]!), watchHealth()]);
  const writers = ['ann', 'bob'];
  /** Until each writer had `more` changes answered beyond what it had when called. */
  const answeredMore = (more: number) => {
    const then = writers.map((id) => acked.get(id) ?? 0);
    return eventually(() => writers.every((id, i) => (acked.get(id) ?? 0) >= then[i]! + more), 30_000);
  };
  return {
    acked: (id: string) => acked.get(id) ?? 0,
    health,
    /**
     * After a node was killed at `killedAt`: until /healthz said 503 and then 200 again, and both
     * writers had 20 more changes answered after that. Resolves to when /healthz said 200 again.
     */
    async throughFailover(killedAt: number): Promise<number> {
      await eventually(() => health.some((h) => h.at > killedAt && h.status === 503), 30_000);
      const healedAt = await eventually(() => {
        const last = health.at(-1);
        return last !== undefined && last.status === 200 && last.at > killedAt ? last.at : undefined;
      }, 30_000);
      await answeredMore(20);
      return healedAt;
    },
    async stop() {
      isLoading = false;
      await load;
      const final = await b.counts(tokens.ops);
      return {
        failures,
        answers,
        expectNothingLostOrTwice() {
          // A cursor from before the failover or reshard is never refused.
          expect(refusedCursors).toEqual([]);
          // No answered PUT lost: the final count is at least the last one answered 200.
          for (const [id, count] of acked) expect(final.mailboxes.find((m) => m.id === id)?.count, id).toBeGreaterThanOrEqual(count);
          const stateOf = new Map<string, string>();
          for (const list of answers) {
            const lastOf = new Map<string, number>();
            for (const answer of list) {
              const cursor = parseCursor(answer.cursor)!;
              // Never backwards within an epoch: no change is taken back and given again.
              expect(cursor.version).toBeGreaterThanOrEqual(lastOf.get(cursor.epoch) ?? 0);
              lastOf.set(cursor.epoch, cursor.version);
              // One cursor never names two states, on either instance.
              expect(stateOf.get(answer.cursor) ?? answer.counts, answer.cursor).toBe(answer.counts);
              stateOf.set(answer.cursor, answer.counts);
            }
            // And the last state each poller saw is the one the store holds now, or one poll away from it.
            expect(list.length).toBeGreaterThan(0);
          }
        },
      };
    },
  };
}
