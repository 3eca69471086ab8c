import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad, type LoadTarget } from '../../bench/load.ts';
import { missesOf } from '../../bench/summary.ts';
import { freePort, startMailtray, type Target } from '../../bench/targets.ts';
import { startCluster } from '../helpers/redis-cluster.ts';

// The benchmark's load generator, small: what npm run bench decides from a run must be right.
describe('the benchmark\'s load generator', () => {
  let target: Target | undefined;
  let lossy: ChildProcess | undefined;
  afterEach(async () => {
    await target?.stop();
    target = undefined;
    lossy?.kill();
    lossy = undefined;
  });

  it('times every change to every poll of its mailbox on a real Mailtray, and finds none missing', async () => {
    target = await startMailtray(20);
    // Each mailbox changes once: two changes of one mailbox may fairly reach a poll as one answer on a busy machine.
    const result = await runLoad(target, { polls: 40, mailboxes: 20, changes: 20, rate: 200, idleSeconds: 0 });
    expect(result.heldPolls).toBe(40);
    expect(result.expectedDeliveries).toBe(40); // two polls on each mailbox
    expect(result.deliveries).toBe(40);
    expect(result.stalePolls).toBe(0);
    expect(result.errors).toEqual([]);
    expect(missesOf(result)).toBeUndefined();
    expect(result.latencyMs.p50).toBeGreaterThan(0);
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(result.latencyMs.p99);
    expect(result.cpuByProcess.map((p) => p.name)).toEqual(['mailtray', 'load generator (the clients)']);
  }, 60_000);

  it('runs the same load on two Mailtray instances on a Redis Cluster (npm run bench:redis), every change to every poll', async () => {
    const cluster = await startCluster({ masters: 3 });
    try {
      target = await startMailtray(20, { redis: { cluster: cluster.urls, instances: 2 } });
      expect(target.name).toBe('mailtray x2 on redis cluster');
      const result = await runLoad(target, { polls: 40, mailboxes: 20, changes: 20, rate: 200, idleSeconds: 0 });
      expect([result.deliveries, result.expectedDeliveries, result.stalePolls, result.errors]).toEqual([40, 40, 0, []]);
      expect(missesOf(result)).toBeUndefined();
    } finally {
      await target?.stop();
      target = undefined;
      await cluster.stop();
    }
  }, 90_000);

  it('in the fan-out, sends each change once every poll has the last one, so each reaches them all', async () => {
    target = await startMailtray(1);
    const result = await runLoad(target, { polls: 40, mailboxes: 1, changes: 3, rate: 1, idleSeconds: 0, spacing: 'settle' });
    expect([result.deliveries, result.expectedDeliveries, result.stalePolls, result.errors]).toEqual([120, 120, 0, []]);
  }, 60_000);

  it('asks again a few times when the server refuses a poll, then says so and goes on with the others', async () => {
    target = await startMailtray(2); // clients for mailboxes 0 and 1 only: mailbox 2's token is refused
    const result = await runLoad(target, { polls: 3, mailboxes: 3, changes: 3, rate: 100, idleSeconds: 0, deliverySeconds: 1 });
    expect(result.heldPolls).toBe(2);
    expect([result.deliveries, result.expectedDeliveries]).toEqual([2, 3]);
    expect(result.errors).toEqual([
      expect.stringMatching(/^a poll answered 401: .* \(4 times\)$/),
      'a poll gave up after 3 retries',
      'only 2 of 3 polls were held (1 given up)',
    ]);
  }, 60_000);

  it('says which changes a server lost: one merged into a later change, one never delivered', async () => {
    const port = await freePort();
    // Change n sets count n + 1: mailbox 1 loses its first change (count 2), mailbox 2 its last (count 8).
    lossy = spawn(process.execPath, [new URL('./support/lossy-long-poll.ts', import.meta.url).pathname, String(port), '2,8'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(lossy.stdout!, 'data');
    const server: LoadTarget = { name: 'lossy', wire: { kind: 'nchan' }, pollPorts: [port], publishPorts: [port], pids: [lossy.pid!] };
    // Each change waits for the last one (up to 2 s), so no two are merged by timing, only by the loss.
    const result = await runLoad(server, { polls: 5, mailboxes: 5, changes: 10, rate: 1, idleSeconds: 0, spacing: 'settle', deliverySeconds: 2 });
    expect(result.expectedDeliveries).toBe(10);
    expect(result.deliveries).toBe(8);
    expect(result.stalePolls).toBe(1);
    expect(missesOf(result)).toBe('8 of 10 deliveries; 1 poll never saw their mailbox\'s last change; '
      + '1 change reached a poll only together with a later change of the same mailbox');
  }, 60_000);

  it('says which answer delivered a change twice: a server that went back to an older change, then forward again', async () => {
    const port = await freePort();
    // Mailbox 1's second change sets count 7; the next poll of m1 gets its first change (count 2) again, then count 7 again.
    lossy = spawn(process.execPath, [new URL('./support/lossy-long-poll.ts', import.meta.url).pathname, String(port), '', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(lossy.stdout!, 'data');
    const server: LoadTarget = { name: 'repeating', wire: { kind: 'nchan' }, pollPorts: [port], publishPorts: [port], pids: [lossy.pid!] };
    const result = await runLoad(server, { polls: 5, mailboxes: 5, changes: 10, rate: 1, idleSeconds: 0, spacing: 'settle', deliverySeconds: 2 });
    expect([result.deliveries, result.expectedDeliveries, result.stalePolls]).toEqual([10, 10, 0]);
    expect(result.extraDeliveries).toBe(1);
    expect(missesOf(result)).toBe('1 extra delivery (answers with no new change of the poll\'s mailbox): '
      + 'a poll of m1 that had its mailbox\'s change #2 (count 7) was answered with change #1 (count 2) again: HTTP/1.1 200 OK "2"');
  }, 60_000);
});
