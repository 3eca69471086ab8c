import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CliProcesses } from '../../../helpers/cli-process.ts';
import { pause, testConfig } from '../../../helpers/count-server.ts';
import { startRedis, type TestRedis } from '../../../helpers/redis.ts';
import { startClusterPair, startSentinel, type ClusterPair, type TestSentinel } from '../../../helpers/redis-kinds.ts';

// A Redis that answers, but cannot serve the store: the start must fail with a
// sentence and exit 1, leaving no connection that keeps the process alive
// (systemd then sees the failure and restarts it, and an operator can read why).

const cli = new CliProcesses();
let folder: string;
let redis: TestRedis;
let cluster: ClusterPair;
let sentinel: TestSentinel;

beforeAll(async () => {
  // Each is kept as soon as it runs, and all are waited for, so afterAll stops every one that started.
  const outcomes = await Promise.allSettled([
    startRedis().then((started) => { redis = started; }),
    startClusterPair().then((started) => { cluster = started; }),
    startSentinel().then((started) => { sentinel = started; }),
  ]);
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
});
afterAll(async () => {
  await Promise.allSettled([redis?.stop(), cluster?.stop(), sentinel?.stop()]);
});
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-refusals-')); });
afterEach(async () => {
  cli.stopAll();
  await rm(folder, { recursive: true, force: true });
});

/** Runs the server with a Redis store at `url`; resolves when it exits (or 15 s pass), with what it said. */
async function runAgainst(url: string): Promise<{ code: number | null | 'still running'; stderr: string; stdout: string }> {
  const file = join(folder, 'server.json');
  await writeFile(file, JSON.stringify(testConfig({ store: { type: 'redis', url, prefix: 'mailtray:' } })));
  const proc: ChildProcess = cli.run(['--config', file, '--port', '0']);
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => { stdout += d; });
  proc.stderr!.on('data', (d: Buffer) => { stderr += d; });
  const exited = once(proc, 'exit').then(([code]) => code as number | null);
  const code = await Promise.race([exited, pause(15_000).then(() => 'still running' as const)]);
  return { code, stdout, stderr };
}

function expectStoppedSaying(outcome: Awaited<ReturnType<typeof runAgainst>>, sentence: RegExp): void {
  expect(outcome.code).toBe(1);
  expect(outcome.stderr).toMatch(sentence);
  // It ended by itself: nothing was left open that the last-resort exit had to cut.
  expect(outcome.stderr).not.toMatch(/kept the process alive/);
  expect(outcome.stdout).not.toMatch(/listening at/);
}

describe('a Redis that cannot serve the store stops the start with a sentence and exit code 1', () => {
  it('a Redis user without +@scripting (NOPERM)', async () => {
    const user = `mt-${randomBytes(3).toString('hex')}`;
    await redis.command('ACL', 'SETUSER', user, 'on', '>secret-pw', '~*', '&*', '+@all', '-@scripting');
    const outcome = await runAgainst(`redis://${user}:secret-pw@127.0.0.1:${redis.port}`);
    expectStoppedSaying(outcome, /the server did not start: the Redis user lacks permission for scripts \(NOPERM[^)]*evalsha[^)]*\)/);
    // And nothing of it is left connected to Redis.
    expect(String(await redis.command('CLIENT', 'LIST'))).not.toContain(`user=${user} `);
  });

  it('a Redis Cluster node that does not hold the keys (MOVED)', async () => {
    const outcome = await runAgainst(cluster.other.url);
    expectStoppedSaying(outcome, /the server did not start: this Redis is a node of a Redis Cluster, and the server's keys are on another node \(MOVED \d+\); for a Redis Cluster, give store.cluster its nodes/);
  });

  it('a URL that names a Redis Sentinel', async () => {
    const outcome = await runAgainst(sentinel.url);
    expectStoppedSaying(outcome, /the server did not start: this URL names a Redis Sentinel, not a Redis server/);
  });
});
