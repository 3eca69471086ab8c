import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fairShare } from '../../../server/sources/runners/leased-runner.ts';
import { startTestServer, tokens, type CountsBody, type TestServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';

const SOURCES = 12;
let redis: TestRedis;
let folder: string;
let prefix: string;
let running: TestServer[] = [];
let sources: Array<Record<string, unknown>>;

beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis.stop(); });
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mailtray-spread-'));
  prefix = `s-${randomBytes(4).toString('hex')}:`;
  // Twelve counts files, one mailbox each: twelve sources, each under its own lease.
  sources = [];
  for (let n = 0; n < SOURCES; n++) {
    const path = join(folder, `counts-${n}.txt`);
    await writeFile(path, `box${n} ${n + 1}\n`);
    sources.push({ type: 'counts-file', path, mailboxes: [`box${n}`], recountSeconds: 1 });
  }
});
afterEach(async () => {
  await Promise.allSettled(running.map((s) => s.stop()));
  running = [];
  await rm(folder, { recursive: true, force: true });
});

async function instance(): Promise<TestServer> {
  const server = await startTestServer({ store: { type: 'redis', url: redis.url, prefix, leaseSeconds: 1 }, sources });
  running.push(server);
  return server;
}

/** How many sources run on the instance (its /metrics counts only those it holds the lease of). */
async function sourcesOn(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('mailtray_sources{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

const spreadOf = (servers: TestServer[]) => Promise.all(servers.map(sourcesOn));

describe('sources spread over the instances on one Redis', { timeout: 60_000 }, () => {
  it('the share: every source runs somewhere, and no instance runs more than its part', () => {
    expect([fairShare(12, 3), fairShare(12, 5), fairShare(1, 2), fairShare(0, 3), fairShare(7, 0)]).toEqual([4, 3, 1, 0, 7]);
  });

  it('three instances share twelve sources four each, though the first took them all; one that stops hands its four to the others', async () => {
    const a = await instance();
    // Alone, A runs every source.
    await eventually(async () => (await sourcesOn(a)) === SOURCES, 20_000);
    const [b, c] = [await instance(), await instance()];
    await eventually(async () => (await spreadOf([a, b, c])).every((n) => n === 4), 20_000);
    // Every mailbox is fed (each counts file read by the one instance that holds it), once the sources handed over have started.
    const fed = Array.from({ length: SOURCES }, (_, n) => `box${n} ${n + 1} ok`).sort().join(', ');
    const seen = async () => (await b.counts(tokens.ops)).mailboxes.filter((m) => m.id.startsWith('box')).map((m) => `${m.id} ${m.count} ${m.state}`).sort().join(', ');
    await eventually(async () => (await seen()) === fed, 20_000);

    await c.stop();
    running = running.filter((s) => s !== c);
    await eventually(async () => (await spreadOf([a, b])).every((n) => n === 6), 20_000);
    // The sources C ran are watched again: a change to one of its files reaches the clients.
    await writeFile(sources[SOURCES - 1]!.path as string, `box${SOURCES - 1} 99\n`);
    await eventually(async () => ((await a.counts(tokens.ops)) as CountsBody).mailboxes.find((m) => m.id === `box${SOURCES - 1}`)?.count === 99, 20_000);
  });
});
