import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CliProcesses, isAlive } from '../../helpers/cli-process.ts';
import { freePort } from '../../helpers/dovecot.ts';
import { testConfig, tokens } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { connectionsOnEveryWorker, PinnedConnection } from '../../helpers/pinned-connection.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';

// Two workers show all of it; each is a whole server process, and a shared, loaded machine starts them slowly.
const WORKERS = 2;
const each = <T>(value: T) => Array.from({ length: WORKERS }, () => value);
const numbers = Array.from({ length: WORKERS }, (_, i) => i + 1);
const cli = new CliProcesses();
let redis: TestRedis;
let folder: string;
const open: PinnedConnection[] = [];

beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis.stop(); });
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-workers-')); });
afterEach(async () => {
  for (const connection of open.splice(0)) connection.close();
  cli.stopAll();
  await rm(folder, { recursive: true, force: true });
});

async function pinned(port: number, each = 1): Promise<PinnedConnection[]> {
  const connections = await connectionsOnEveryWorker(port, WORKERS, each);
  open.push(...connections);
  return connections;
}

const countIn = (body: string, id: string) => (JSON.parse(body) as { mailboxes: Array<{ id: string; count: number }> }).mailboxes.find((m) => m.id === id)?.count;
/** A value from one worker's /metrics, read over a connection pinned to it. */
const metricOn = async (scraper: PinnedConnection, name: string) =>
  Number((await scraper.get('/metrics')).body.split('\n').find((line) => line.startsWith(`${name} `))?.split(' ').pop());
const cursorIn = (body: string) => (JSON.parse(body) as { cursor: string }).cursor;

// On Redis each worker is an instance on the shared store; on the memory store the primary holds it and each worker a copy.
describe.each(['redis', 'memory'] as const)('listen.workers on the %s store', { timeout: 60_000 }, (kind) => {
  let store: Record<string, unknown>;
  beforeEach(() => {
    store = kind === 'redis' ? { store: { type: 'redis', url: redis.url, prefix: `w-${randomBytes(4).toString('hex')}:`, leaseSeconds: 1 } } : {};
  });

  async function configFile(overrides: Record<string, unknown> = {}): Promise<string> {
    const file = join(folder, 'server.json');
    const config = testConfig({ ...store, ...overrides });
    await writeFile(file, JSON.stringify({ ...config, listen: { ...(config.listen as object), workers: WORKERS } }));
    return file;
  }

  async function startWorkers(overrides: Record<string, unknown> = {}) {
    const file = await configFile(overrides);
    return { ...(await cli.startWorkers(file)), file };
  }

  it('polls to the one port are answered by every worker, and a PUT on one wakes the polls held on all', async () => {
    const { port } = await startWorkers();
    // Two connections to each worker: one holds a poll, the other reads that worker's /metrics.
    const all = await pinned(port, 2);
    const connections = numbers.map((n) => all.find((c) => c.worker === n)!);
    const scrapers = numbers.map((n) => all.findLast((c) => c.worker === n)!);
    const { cursor } = JSON.parse((await connections[0]!.get('/v1/counts', tokens.ann)).body) as { cursor: string };
    const held = connections.map((c) => c.get(`/v1/counts?since=${cursor}&wait=20`, tokens.ann));
    await eventually(async () => {
      const scrapes = await Promise.all(scrapers.map((c) => c.get('/metrics')));
      return scrapes.every((s) => /^mailtray_held_polls 1$/m.test(s.body));
    }, 15_000);

    const writer = await PinnedConnection.open(port);
    open.push(writer);
    expect((await writer.send('PUT', '/v1/mailboxes/ann', tokens.ingest, { count: 4 })).status).toBe(200);
    const answers = await Promise.all(held);
    expect(answers.map((a) => countIn(a.body, 'ann'))).toEqual(each(4));
    // Woken by the PUT on every worker, not answered when their 20 s ran out (which would show the 4 too).
    for (const scraper of scrapers) {
      expect(await metricOn(scraper, 'mailtray_polls_ended_total{how="change"}')).toBe(1);
      expect(await metricOn(scraper, 'mailtray_polls_ended_total{how="timeout"}')).toBe(0);
    }
    // Every worker made the same cursor: a client may poll any of them next.
    expect(new Set(answers.map((a) => (JSON.parse(a.body) as { cursor: string }).cursor)).size).toBe(1);
  });

  it(kind === 'redis' ? 'a source runs in one worker only, under its lease' : 'a source runs once, in the primary, and every worker reports it', async () => {
    const countsPath = join(folder, 'counts.txt');
    await writeFile(countsPath, 'ann 2\n');
    const { port } = await startWorkers({ sources: [{ type: 'counts-file', path: countsPath, mailboxes: ['ann'], recountSeconds: 1 }] });
    const connections = await pinned(port);
    await eventually(async () => countIn((await connections[1]!.get('/v1/counts', tokens.ann)).body, 'ann') === 2, 20_000);
    const sourcesOnEach = () => Promise.all(connections.map(async (c) => sourcesIn((await c.get('/metrics')).body)));
    // On Redis, "only one" needs time for a second to have tried: longer than the 1 s lease. On the memory
    // store every worker reports the primary's source, which can be waited for.
    if (kind === 'redis') await new Promise((resolve) => setTimeout(resolve, 1500));
    else await eventually(async () => (await sourcesOnEach()).every((n) => n === 1));
    const sources = await sourcesOnEach();
    if (kind === 'redis') expect(sources.reduce((sum, n) => sum + n, 0)).toBe(1);
    else expect(sources).toEqual(each(1));
    const health = await Promise.all(connections.map(async (c) => JSON.parse((await c.get('/healthz')).body) as unknown));
    for (const answer of health) expect(answer).toMatchObject({ status: 'ok', sources: kind === 'redis' ? expect.any(Array) : [{ type: 'counts-file', state: 'ok' }] });
  });

  it('SIGTERM to the primary answers the polls held on every worker with 503 and exits 0', async () => {
    const { proc, port } = await startWorkers();
    const all = await pinned(port, 2);
    const connections = numbers.map((n) => all.find((c) => c.worker === n)!);
    const scrapers = numbers.map((n) => all.findLast((c) => c.worker === n)!);
    const { cursor } = JSON.parse((await connections[0]!.get('/v1/counts', tokens.ann)).body) as { cursor: string };
    const held = connections.map((c) => c.get(`/v1/counts?since=${cursor}&wait=60`, tokens.ann));
    await eventually(async () => (await Promise.all(scrapers.map((c) => metricOn(c, 'mailtray_held_polls')))).every((n) => n === 1), 15_000);
    const killedAt = Date.now();
    proc.kill('SIGTERM');
    const answers = await Promise.all(held);
    // The 503s show the polls were not waited out (60 s); the time is only a net a busy machine stays far under.
    expect(answers.map((a) => [a.status, a.headers['retry-after']])).toEqual(each([503, '1']));
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
  });

  it('SIGHUP reloads every worker: a client added to the file is let in by each', async () => {
    const { proc, port, file, log } = await startWorkers();
    const connections = await pinned(port);
    const carol = 'carol-token-0123456789abcdef';
    expect((await connections[0]!.get('/v1/counts', carol)).status).toBe(401);
    const config = testConfig({ ...store });
    await writeFile(file, JSON.stringify({
      ...config, listen: { ...(config.listen as object), workers: WORKERS },
      clients: [...(config.clients as object[]), { name: 'carol-laptop', token: carol, mailboxes: ['ann'] }],
    }));
    proc.kill('SIGHUP');
    await eventually(() => (log().match(/config reloaded: 4 clients/g) ?? []).length === WORKERS, 20_000);
    const answers = await Promise.all(connections.map((c) => c.get('/v1/counts', carol)));
    expect(answers.map((a) => a.status)).toEqual(each(200));
  });

  it('a worker that dies is started again, with a log line, and answers with the same counts and cursor as the others', async () => {
    const { pids, port, log } = await startWorkers();
    const writer = await PinnedConnection.open(port);
    open.push(writer);
    await writer.send('PUT', '/v1/mailboxes/ann', tokens.ingest, { count: 3 });
    process.kill(pids[1]!, 'SIGKILL');
    await eventually(() => /worker 2 \(pid \d+\) was killed \(SIGKILL\); starting it again/.test(log()), 15_000);
    await eventually(() => /worker 2 started again \(pid \d+\)/.test(log()), 20_000);
    const connections = await pinned(port);
    const answers = await Promise.all(connections.map((c) => c.get('/v1/counts', tokens.ann)));
    expect(answers.map((a) => countIn(a.body, 'ann'))).toEqual(each(3));
    expect(new Set(answers.map((a) => cursorIn(a.body))).size).toBe(1);
  });

  it('--workers N on the command line runs N workers whatever the file says', async () => {
    const file = join(folder, 'one.json');
    await writeFile(file, JSON.stringify(testConfig({ ...store })));
    const { pids, port } = await cli.startWorkers(file, ['--workers', '2']);
    expect(pids).toHaveLength(2);
    const seen = new Set<number>();
    for (let i = 0; i < 40 && seen.size < 2; i++) {
      const connection = await PinnedConnection.open(port);
      seen.add(connection.worker);
      connection.close();
    }
    expect([...seen].sort()).toEqual([1, 2]);
  });

  it('a second server on the same port is refused, even one whose workers could share it', async () => {
    const port = await freePort();
    const file = await configFile();
    await cli.startWorkers(file, ['--port', String(port)]);
    const second = cli.run(['--config', file, '--port', String(port)]);
    let stderr = '';
    second.stderr!.on('data', (d: Buffer) => { stderr += d; });
    const [code] = await once(second, 'exit');
    expect(code).toBe(1);
    expect(stderr).toMatch(/the server did not start: the port is already in use; choose another with --port/);
  });

  it('when the primary dies, the workers stop', async () => {
    const { proc, pids } = await startWorkers();
    proc.kill('SIGKILL');
    await eventually(() => pids.every((pid) => !isAlive(pid)), 15_000);
  });
});

describe('listen.workers on the memory store: sources run in the primary', { timeout: 60_000 }, () => {
  it('each change reaches each worker once, and changes that arrive together share a message', async () => {
    const file = join(folder, 'server.json');
    const config = testConfig();
    await writeFile(file, JSON.stringify({ ...config, listen: { ...(config.listen as object), workers: WORKERS } }));
    const { port } = await cli.startWorkers(file);
    const writers = await pinned(port, 5);
    const scrapers = numbers.map((n) => writers.find((c) => c.worker === n)!);
    const received = () => Promise.all(scrapers.map((c) => metricOn(c, 'mailtray_worker_changes_received_total')));
    const batches = () => Promise.all(scrapers.map((c) => metricOn(c, 'mailtray_worker_change_batches_total')));
    // The workers' own start (declaring the config's mailboxes) was a write or two: count from here.
    const [receivedBefore, batchesBefore] = [await received(), await batches()];
    // Five connections to each worker, all writing at once: 30 PUTs, each a visible change.
    await Promise.all(writers.map(async (writer, w) => {
      for (let n = 0; n < 3; n++) expect((await writer.send('PUT', `/v1/mailboxes/m${w}`, tokens.ingest, { count: n + 1 })).status).toBe(200);
    }));
    const changes = writers.length * 3;
    await eventually(async () => (await received()).every((n, i) => n - receivedBefore[i]! === changes), 15_000);
    const batchesAfter = await batches();
    for (const [i, scraper] of scrapers.entries()) {
      expect(await metricOn(scraper, 'mailtray_worker_changes_received_total') - receivedBefore[i]!).toBe(changes);
      expect(batchesAfter[i]! - batchesBefore[i]!).toBeGreaterThan(0);
      expect(batchesAfter[i]! - batchesBefore[i]!).toBeLessThanOrEqual(changes);
    }
  });

  it('mark as read sent to any worker is done by the primary\'s Maildir source, and every worker sees the count fall', async () => {
    const root = join(folder, 'Maildir');
    for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(root, sub), { recursive: true });
    const name = '1763700000.M1P1.test';
    await writeFile(join(root, 'new', name), 'From: a@example.com\r\nSubject: read me\r\n\r\nbody\r\n');
    const file = join(folder, 'server.json');
    const config = testConfig({
      clients: [{ name: 'reader', token: tokens.ann, mailboxes: ['ann'], canMarkRead: true }],
      sources: [{ type: 'maildir', path: root, mailbox: 'ann', name: 'Ann' }],
    });
    await writeFile(file, JSON.stringify({ ...config, listen: { ...(config.listen as object), workers: WORKERS } }));
    const { port } = await cli.startWorkers(file);
    const connections = await pinned(port);
    const annOf = (body: string) => (JSON.parse(body) as { mailboxes: Array<{ id: string; count: number; canMarkRead?: boolean }> }).mailboxes[0]!;
    await eventually(async () => {
      const answers = await Promise.all(connections.map((c) => c.get('/v1/counts', tokens.ann)));
      return answers.every((a) => annOf(a.body).count === 1 && annOf(a.body).canMarkRead === true);
    }, 20_000);

    const marked = await connections[1]!.send('POST', '/v1/mailboxes/ann/read', tokens.ann, { messages: [name] });
    expect([marked.status, JSON.parse(marked.body)]).toEqual([200, { marked: 1 }]);
    expect(await readdir(join(root, 'cur'))).toEqual([`${name}:2,S`]);
    await eventually(async () => {
      const answers = await Promise.all(connections.map((c) => c.get('/v1/counts', tokens.ann)));
      return answers.every((a) => annOf(a.body).count === 0);
    }, 20_000);
  });
});

function sourcesIn(metrics: string): number {
  return metrics.split('\n').filter((l) => l.startsWith('mailtray_sources{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}
