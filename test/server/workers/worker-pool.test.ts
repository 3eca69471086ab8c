import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { startServer } from '../../../server/run/start.ts';
import { WorkerPool } from '../../../server/workers/worker-pool.ts';
import { testConfig, TestServer } from '../../helpers/count-server.ts';
import { isAlive } from '../../helpers/cli-process.ts';
import { eventually } from '../../helpers/eventually.ts';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-worker-pool-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

/** A stand-in worker that says it listens and then does `then` (a whole server is tested in workers.test.ts). */
async function workerThat(then: string): Promise<string> {
  const file = join(folder, 'worker.mjs');
  await writeFile(file, `process.send({ type: 'listening', port: 4321 });\n${then}\n`);
  return file;
}

function recordingLog() {
  const lines: string[] = [];
  const record = (_o: object | string, m?: string) => { lines.push(m ?? String(_o)); };
  return { lines, log: { debug: record, info: record, warn: record, error: record } };
}

describe('a worker before all its fellow workers listen', () => {
  it('answers /healthz 503 "starting", so a load balancer or script waits until the port is shared by all', async () => {
    let isStarting = true;
    const server = new TestServer(await startServer({ config: parseConfig(testConfig()), isStarting: () => isStarting }));
    try {
      const before = await fetch(`${server.url}/healthz`);
      expect([before.status, before.headers.get('retry-after'), await before.json()]).toEqual([503, '1', { status: 'starting' }]);
      isStarting = false;
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('the primary\'s supervision of its workers', () => {
  it('a worker that keeps dying is started again a bounded number of times, then the primary gives up', async () => {
    const { lines, log } = recordingLog();
    let gaveUp: string | undefined;
    const pool = new WorkerPool({
      count: 1, module: await workerThat('setTimeout(() => process.exit(3), 50);'), args: () => [], port: 0, log,
      onGiveUp: (why) => { gaveUp = why; }, maxRestarts: 3, restartWindowMs: 60_000,
    });
    expect(await pool.start()).toBe(4321);
    await eventually(() => gaveUp, 10_000);
    expect(gaveUp).toBe('worker 1 exited with code 3; it ended 4 times within 60 s, so it is not started again');
    expect(lines.filter((l) => /^worker 1 \(pid \d+\) exited with code 3; starting it again$/.test(l))).toHaveLength(3);
    await pool.stop();
  });

  it('a worker that fails to start makes the start fail with its reason, and no worker is left running', async () => {
    const file = join(folder, 'failing.mjs');
    await writeFile(file, "process.send({ type: 'failed', message: 'listen EADDRINUSE: address already in use 127.0.0.1:7300', code: 'EADDRINUSE' }); setTimeout(() => process.exit(1), 20);\n");
    const { log } = recordingLog();
    const pool = new WorkerPool({ count: 2, module: file, args: () => [], port: 7300, log, onGiveUp: () => {} });
    await expect(pool.start()).rejects.toMatchObject({ code: 'EADDRINUSE', message: expect.stringMatching(/address already in use/) });
    expect(pool.pids.every((pid) => !isAlive(pid))).toBe(true);
  });

  it('stop sends SIGTERM and waits for every worker to exit', async () => {
    const { log } = recordingLog();
    const pool = new WorkerPool({
      count: 2, module: await workerThat("process.on('SIGTERM', () => setTimeout(() => process.exit(0), 100)); setInterval(() => {}, 1000);"),
      args: () => [], port: 0, log, onGiveUp: () => {},
    });
    await pool.start();
    const pids = pool.pids;
    expect(pids).toHaveLength(2);
    await pool.stop();
    expect(pids.every((pid) => !isAlive(pid))).toBe(true);
  });
});
