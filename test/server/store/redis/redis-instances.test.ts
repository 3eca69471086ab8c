import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../server/config/server-config.ts';
import { RedisStore } from '../../../../server/store/redis/redis-store.ts';
import { startServer } from '../../../../server/run/start.ts';
import { pause, startTestServer, testConfig, TestServer, tokens, type CountsBody } from '../../../helpers/count-server.ts';
import { CliProcesses } from '../../../helpers/cli-process.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { startRedis, type TestRedis } from '../../../helpers/redis.ts';
import { startTcpProxy } from '../../../helpers/tcp-proxy.ts';

let redis: TestRedis;
let prefix: string;
let running: TestServer[] = [];
beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis.stop(); });
beforeEach(() => { prefix = `i-${randomBytes(4).toString('hex')}:`; });
afterEach(async () => {
  await Promise.allSettled(running.map((s) => s.stop()));
  running = [];
});

/** An instance on the shared Redis; every instance of a test uses the same prefix. */
async function instance(overrides: Record<string, unknown> = {}): Promise<TestServer> {
  const server = await startTestServer({ store: { type: 'redis', url: redis.url, prefix, leaseSeconds: 1 }, ...overrides });
  running.push(server);
  return server;
}

const countOf = (body: CountsBody, id: string) => body.mailboxes.find((m) => m.id === id)?.count;

describe('several instances on one Redis', () => {
  it('a poll held on A is answered when B receives the PUT', async () => {
    const [a, b] = [await instance(), await instance()];
    const { cursor } = await a.counts(tokens.ann);
    const held = a.counts(tokens.ann, `?since=${cursor}&wait=20`);
    await eventually(async () => (await a.heldPolls()) === 1);
    await b.setCount('ann', 4);
    const body = await held;
    expect(countOf(body, 'ann')).toBe(4);
    // Woken by B's change, not answered when its 20 s ran out (which would show the 4 as well).
    expect(await a.metric('mailtray_polls_ended_total{how="change"}')).toBe(1);
    // The same cursor on B: B made nothing, yet knows the state A answered with.
    expect((await b.counts(tokens.ann)).cursor).toBe(body.cursor);
  });

  it('restarting A keeps B\'s clients live, and A\'s cursors stay valid on A and B', async () => {
    const a = await instance();
    const b = await instance();
    await a.setCount('ann', 2);
    const fromA = await a.counts(tokens.ann);
    const heldOnB = b.counts(tokens.ann, `?since=${fromA.cursor}&wait=20`);
    await a.stop();
    running = running.filter((s) => s !== a);
    const a2 = await instance();
    // A's cursor is the current one on both: each holds the poll rather than answering at once.
    const heldOnA2 = a2.counts(tokens.ann, `?since=${fromA.cursor}&wait=20`);
    await eventually(async () => (await a2.heldPolls()) === 1 && (await b.heldPolls()) === 1);
    await a2.setCount('ann', 3);
    const [onB, onA2] = await Promise.all([heldOnB, heldOnA2]);
    expect([countOf(onB, 'ann'), countOf(onA2, 'ann')]).toEqual([3, 3]);
    expect(onB.cursor).toBe(onA2.cursor);
  });

  it('a delta cursor made by A gives a delta on B, and on A after A restarts', async () => {
    const a = await instance();
    const b = await instance();
    const delta = (server: TestServer, query: string) => server.counts(tokens.ops, `?delta=1${query}`) as Promise<CountsBody & { delta: boolean }>;
    const fromA = await delta(a, '');
    await b.setCount('bob', 5);
    const onB = await delta(b, `&since=${fromA.cursor}`);
    expect(onB).toMatchObject({ delta: true, mailboxes: [{ id: 'bob', count: 5 }] });
    await a.stop();
    running = running.filter((s) => s !== a);
    const a2 = await instance();
    await b.setCount('ann', 6);
    expect(await delta(a2, `&since=${onB.cursor}`)).toMatchObject({ delta: true, mailboxes: [{ id: 'ann', count: 6 }] });
  });

  it('a subscription dropped with CLIENT KILL is repaired, and the change it missed is answered', async () => {
    // A reaches Redis through a proxy that refuses A's reconnects for a moment, so the
    // change below is surely published while A is not subscribed (B is back at once).
    const proxy = await startTcpProxy(redis.port);
    const proxied = { type: 'redis', url: `redis://127.0.0.1:${proxy.port}`, prefix };
    const store = await RedisStore.connect({ url: proxied.url, prefix, maxMailboxes: 1000, reconnectDelayMs: 300, heartbeatMs: 60_000 });
    const a = new TestServer(await startServer({ config: parseConfig(testConfig({ store: proxied })), store: { store } }));
    try {
      const b = await instance();
      const { cursor } = await a.counts(tokens.ann);
      const held = a.counts(tokens.ann, `?since=${cursor}&wait=8`);
      await eventually(async () => (await a.heldPolls()) === 1);
      proxy.refuse(true);
      await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub');
      await b.setCount('ann', 6);
      await pause(200);
      proxy.refuse(false);
      const body = await held;
      expect(countOf(body, 'ann')).toBe(6);
      // Answered on the re-read after the new subscription, not when its 8 s ran out.
      expect(await a.metric('mailtray_polls_ended_total{how="timeout"}')).toBe(0);
      await eventually(async () => (await fetch(`${a.url}/healthz`)).status === 200, 5000);
    } finally {
      await a.stop();
      await store.close();
      await proxy.close();
    }
  });

  it('a mailbox forgotten (by a reload on one instance) leaves "*" answers everywhere, and no cursor goes back', async () => {
    const [a, b] = [await instance(), await instance()];
    await a.setCount('bob', 3);
    const ops = await b.counts(tokens.ops);
    const held = b.counts(tokens.ops, `?since=${ops.cursor}&wait=20`);
    await eventually(async () => (await b.heldPolls()) === 1);
    await a.server.store.forget(['bob']);
    const after = await held;
    expect(after.mailboxes.map((m) => m.id)).not.toContain('bob');
    expect(Number(after.cursor.split('.')[1])).toBeGreaterThan(Number(ops.cursor.split('.')[1]));
    expect((await b.counts(tokens.bob)).mailboxes[0]).toMatchObject({ id: 'bob', state: 'pending' });
  });

  it('flushing Redis answers every client at once with a new epoch, and the mailboxes are declared again', async () => {
    const a = await instance();
    const b = await instance();
    await a.setCount('ann', 2);
    const ann = await a.counts(tokens.ann);
    const ops = await b.counts(tokens.ops);
    const polls = [a.counts(tokens.ann, `?since=${ann.cursor}&wait=20`), b.counts(tokens.ops, `?since=${ops.cursor}&wait=20`)];
    await eventually(async () => (await a.heldPolls()) === 1 && (await b.heldPolls()) === 1);
    await redis.command('FLUSHALL');
    const [annAfter, opsAfter] = await Promise.all(polls);
    // At once: neither poll waited out its 20 s.
    for (const instance of [a, b]) expect(await instance.metric('mailtray_polls_ended_total{how="timeout"}')).toBe(0);
    expect(annAfter.cursor.split('.')[0]).not.toBe(ann.cursor.split('.')[0]);
    expect(opsAfter.cursor.split('.')[0]).toBe(annAfter.cursor.split('.')[0]);
    expect(annAfter.mailboxes.map((m) => [m.id, m.name, m.state])).toEqual([['ann', 'Ann', 'pending'], ['ann-work', 'Ann (work)', 'pending']]);
  });
});

/** The operator guide's config for several instances: no mailboxes declared, counts only pushed by ingest. */
const pushedOnly = {
  clients: [{ name: 'ops-dashboard', token: tokens.ops, mailboxes: '*' }],
  ingest: [{ name: 'dovecot', token: tokens.ingest }],
  mailboxes: [],
};

describe('when Redis loses the data (the operator guide\'s config: counts only pushed)', () => {
  it.each([
    ['is flushed', () => redis.command('FLUSHALL')],
    ['restarts with an empty data folder', () => redis.restartEmpty()],
  ])('Redis %s: both instances start the new epoch, answer held polls at once, and read and stay healthy without a PUT', async (_how, lose) => {
    const [a, b] = [await instance(pushedOnly), await instance(pushedOnly)];
    await a.setCount('alice', 3);
    const before = await b.counts(tokens.ops);
    const held = [a, b].map((s) => s.counts(tokens.ops, `?since=${before.cursor}&wait=10`));
    await eventually(async () => (await a.metric('mailtray_held_polls')) === 1 && (await b.metric('mailtray_held_polls')) === 1);
    const lostAt = Date.now();
    await lose();
    const answers = await Promise.all(held);
    expect(Date.now() - lostAt).toBeLessThan(8000);
    const epochs = answers.map((answer) => answer.cursor.split('.')[0]);
    expect(epochs[0]).not.toBe(before.cursor.split('.')[0]);
    expect(epochs[1]).toBe(epochs[0]);
    expect(answers.map((answer) => answer.mailboxes)).toEqual([[], []]);
    for (const server of [a, b]) {
      const read = await server.poll(tokens.ops);
      expect(read.status, await read.clone().text()).toBe(200);
      expect(((await read.json()) as CountsBody).cursor.split('.')[0]).toBe(epochs[0]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    }
    // And counts flow again: a PUT on A answers a poll held on B.
    const now = await b.counts(tokens.ops);
    const next = b.counts(tokens.ops, `?since=${now.cursor}&wait=20`);
    await eventually(async () => (await b.heldPolls()) === 1);
    await a.setCount('alice', 4);
    expect(countOf(await next, 'alice')).toBe(4);
  });

  it('while the lost data cannot be restored, reads answer 503 saying why and /healthz says degraded; it heals without a PUT', async () => {
    const user = `mt-${randomBytes(3).toString('hex')}`;
    await redis.command('ACL', 'SETUSER', user, 'on', '>secret-pw', '~*', '&*', '+@all');
    try {
      const a = await instance({ ...pushedOnly, store: { type: 'redis', url: `redis://${user}:secret-pw@127.0.0.1:${redis.port}`, prefix } });
      await a.setCount('alice', 3);
      await redis.command('ACL', 'SETUSER', user, '-@scripting');
      await redis.command('FLUSHALL');

      const why = /the data in Redis is gone \(flushed, or a new empty server\) and this instance could not start a new epoch: the Redis user lacks permission for scripts \(NOPERM/;
      const read = await a.poll(tokens.ops);
      expect(read.status).toBe(503);
      expect(read.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await read.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('store_unavailable');
      expect(body.error.message).toMatch(why);
      const health = await fetch(`${a.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(why) });

      await redis.command('ACL', 'SETUSER', user, '+@scripting');
      await eventually(async () => (await fetch(`${a.url}/healthz`)).status === 200, 5000);
      expect((await a.counts(tokens.ops)).mailboxes).toEqual([]);
    } finally {
      await redis.command('ACL', 'DELUSER', user);
    }
  });
});

describe('when Redis goes away', () => {
  it('held polls stay held, ingest answers 503, /healthz says degraded; after a restart nothing is missed', async () => {
    const a = await instance();
    const b = await instance();
    await a.setCount('ann', 1);
    const { cursor } = await a.counts(tokens.ann);
    const held = a.counts(tokens.ann, `?since=${cursor}&wait=30`);
    await eventually(async () => (await a.heldPolls()) === 1);
    await redis.kill();

    const refused = await b.put('ann', { count: 5 });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: { code: 'store_unavailable' } });
    const health = await fetch(`${a.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/Redis/) });
    expect(await a.metric('mailtray_held_polls')).toBe(1);

    await redis.restart();
    // The first write after the return may race the instances' reconnects; the client retries as Retry-After says.
    await eventually(async () => (await b.put('ann', { count: 5 })).status === 200, 10_000);
    const body = await held;
    expect(countOf(body, 'ann')).toBe(5);
    expect(body.cursor.split('.')[0]).toBe(cursor.split('.')[0]);
    await eventually(async () => (await fetch(`${a.url}/healthz`)).status === 200, 10_000);
  });

  it('a held poll that times out while Redis is away is answered 200 with its own cursor', async () => {
    const a = await instance();
    const { cursor } = await a.counts(tokens.ann);
    const held = a.poll(tokens.ann, `?since=${cursor}&wait=2`);
    await eventually(async () => (await a.heldPolls()) === 1);
    await redis.kill();
    try {
      const response = await held;
      expect(response.status).toBe(200);
      expect(((await response.json()) as CountsBody).cursor).toBe(cursor);
    } finally {
      await redis.restart();
    }
  });

  it('a poll held again after a change, that times out while Redis is away, is answered with that change and its cursor', async () => {
    const a = await instance();
    const { cursor } = await a.counts(tokens.ann);
    const woken = a.counts(tokens.ann, `?since=${cursor}&wait=20`);
    await eventually(async () => (await a.heldPolls()) === 1);
    await a.setCount('ann', 8);
    const changed = await woken;
    // Answered from the read that woke it; held again without a read.
    const held = a.poll(tokens.ann, `?since=${changed.cursor}&wait=2`);
    await eventually(async () => (await a.heldPolls()) === 1);
    await redis.kill();
    try {
      const response = await held;
      expect(response.status).toBe(200);
      const body = (await response.json()) as CountsBody;
      expect(body.cursor).toBe(changed.cursor);
      expect(countOf(body, 'ann')).toBe(8);
    } finally {
      await redis.restart();
    }
  });

  it('a Redis that stops answering (a frozen connection) makes /healthz say degraded, the instance lives on and stops promptly', async () => {
    const proxy = await startTcpProxy(redis.port);
    const url = `redis://127.0.0.1:${proxy.port}`;
    const store = await RedisStore.connect({ url, prefix, maxMailboxes: 1000, heartbeatMs: 60_000, probeTimeoutMs: 500 });
    const a = new TestServer(await startServer({ config: parseConfig(testConfig({ store: { type: 'redis', url, prefix } })), store: { store } }));
    try {
      expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
      proxy.freeze();
      const startedAt = Date.now();
      const health = await fetch(`${a.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', reason: expect.stringMatching(/did not come back/) });
      // The probe gives up after 500 ms; the bound is a net against hanging, not a measure.
      expect(Date.now() - startedAt).toBeLessThan(10_000);
      await pause(700); // the PUBLISH is still unanswered after the probe gave up
      expect((await fetch(`${a.url}/healthz`)).status).toBe(503);
    } finally {
      const closedAt = Date.now();
      await a.stop();
      await store.close(); // does not wait for replies that will never come
      expect(Date.now() - closedAt).toBeLessThan(10_000);
      await proxy.close();
    }
  });
});

describe('sources run on one instance at a time', () => {
  let folder: string;
  let child: ChildProcess | undefined;
  const cli = new CliProcesses();
  beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-lease-')); });
  afterEach(async () => {
    cli.stopAll();
    await rm(folder, { recursive: true, force: true });
  });

  it('a counts-file source runs on A only, and moves to B within a few seconds when A is killed', async () => {
    const countsPath = join(folder, 'counts.txt');
    await writeFile(countsPath, 'ann 1\n');
    const config = testConfig({
      store: { type: 'redis', url: redis.url, prefix, leaseSeconds: 1 },
      sources: [{ type: 'counts-file', path: countsPath, mailboxes: ['ann'], recountSeconds: 1 }],
    });
    const started = await startCli(config);
    child = started.proc;
    const headers = { Authorization: `Bearer ${tokens.ann}` };
    await eventually(async () => countOf(await (await fetch(`${started.url}/v1/counts`, { headers })).json() as CountsBody, 'ann') === 1, 10_000);
    await eventually(async () => (await sourcesHere(started.url)) === 1, 5000);

    const b = await instance({ sources: config.sources });
    await pause(1500);
    expect(await sourcesHere(b.url)).toBe(0);

    const { cursor } = await b.counts(tokens.ann);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await writeFile(countsPath, 'ann 7\n');
    const body = await b.counts(tokens.ann, `?since=${cursor}&wait=20`);
    expect(countOf(body, 'ann')).toBe(7);
    // A 1 s lease: taken over in a few seconds; the bound is a net under the poll's 20 s wait.
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(await sourcesHere(b.url)).toBe(1);
  });

  async function startCli(config: unknown): Promise<{ proc: ChildProcess; url: string }> {
    const file = join(folder, 'server.json');
    await writeFile(file, JSON.stringify(config));
    return cli.start(file);
  }
});

async function sourcesHere(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('mailtray_sources{')).reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}
