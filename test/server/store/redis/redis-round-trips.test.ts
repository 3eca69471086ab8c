import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../server/config/server-config.ts';
import { RedisStore } from '../../../../server/store/redis/redis-store.ts';
import { startServer } from '../../../../server/run/start.ts';
import { testConfig, TestServer, tokens, type CountsBody } from '../../../helpers/count-server.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { startRedis, type TestRedis } from '../../../helpers/redis.ts';

// What a change costs in Redis, counted with MONITOR: the commands the instances send, a
// MULTI ... EXEC counted as the one round trip it is. The heartbeat is set to a minute, so
// nothing but the change and the polls speaks to Redis while it is counted.

let redis: TestRedis;
let running: Array<{ server: TestServer; store: RedisStore }> = [];
beforeAll(async () => { redis = await startRedis(); });
afterAll(async () => { await redis.stop(); });
afterEach(async () => {
  for (const { server, store } of running) {
    await server.stop();
    await store.close();
  }
  running = [];
});

async function instances(count: number): Promise<TestServer[]> {
  const prefix = `rt-${randomBytes(4).toString('hex')}:`;
  const servers: TestServer[] = [];
  for (let i = 0; i < count; i++) {
    const store = await RedisStore.connect({ url: redis.url, prefix, maxMailboxes: 1000, heartbeatMs: 60_000 });
    const server = new TestServer(await startServer({ config: parseConfig(testConfig({ store: { type: 'redis', url: redis.url, prefix } })), store: { store } }));
    running.push({ server, store });
    servers.push(server);
  }
  return servers;
}

/** Every command Redis received while `during` ran, as its words; a transaction as one entry `MULTI ... EXEC`. */
async function commandsDuring(during: () => Promise<void>): Promise<string[]> {
  const monitor = createClient({ url: redis.url });
  const marking = createClient({ url: redis.url });
  await monitor.connect();
  await marking.connect();
  const lines: string[] = [];
  const marker = `end-${randomBytes(4).toString('hex')}`;
  try {
    await monitor.monitor((line: string) => lines.push(line));
    await during();
    // MONITOR's lines come after the commands: the marker, sent last, says when all have come.
    await marking.sendCommand(['ECHO', marker]);
    await eventually(() => lines.some((line) => line.includes(marker)), 5000);
  } finally {
    await Promise.allSettled([monitor.close(), marking.close()]);
  }
  const commands: string[] = [];
  let transaction: string[] | undefined;
  for (const line of lines) {
    // What a script calls is listed too, marked `[0 lua]`: part of its EVALSHA, not a round trip.
    if (/^\S+ \[\d+ lua\]/.test(line)) continue;
    const words = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    if (words.includes(marker)) break;
    const name = words[0]!.toUpperCase();
    if (name === 'MULTI') transaction = [];
    else if (name === 'EXEC') {
      commands.push(`MULTI ${transaction!.join(' ')} EXEC`);
      transaction = undefined;
    } else if (transaction) transaction.push(name);
    else commands.push(name);
  }
  return commands;
}

const countOf = (body: CountsBody, id: string) => body.mailboxes.find((m) => m.id === id)?.count;

describe('what a change costs in Redis', () => {
  it('a change that wakes ten polls on two instances costs the script and one read per instance, and the polls come back without a command', async () => {
    const [a, b] = await instances(2);
    await a.setCount('ann', 1);
    const { cursor } = await a.counts(tokens.ann);
    const { cursor: opsCursor } = await a.counts(tokens.ops);
    const servers = [a!, b!, a!, b!, a!, b!, a!, b!];
    // Eight polls of Ann's client and two of the "*" client, spread over both instances; all held.
    const held = [
      ...servers.map((server) => server.counts(tokens.ann, `?since=${cursor}&wait=30`)),
      a!.counts(tokens.ops, `?since=${opsCursor}&wait=30`), b!.counts(tokens.ops, `?since=${opsCursor}&wait=30`),
    ];
    await eventually(async () => (await a!.heldPolls()) === 5 && (await b!.heldPolls()) === 5);

    let answers: CountsBody[] = [];
    const commands = await commandsDuring(async () => {
      const put = await a!.put('ann', { count: 2 });
      expect(await put.json()).toMatchObject({ mailbox: { id: 'ann', name: 'Ann', count: 2, state: 'ok' }, changed: true });
      answers = await Promise.all(held);
      // Every client polls again with the cursor it was given, as clients do: held again, on both instances.
      for (const [i, server] of servers.entries()) void server.poll(tokens.ann, `?since=${answers[i]!.cursor}&wait=30`);
      void a!.poll(tokens.ops, `?since=${answers[8]!.cursor}&wait=30`);
      void b!.poll(tokens.ops, `?since=${answers[9]!.cursor}&wait=30`);
      await eventually(async () => (await a!.heldPolls()) === 5 && (await b!.heldPolls()) === 5);
    });

    // Every poll saw the change, all with one cursor per view.
    expect(answers.map((answer) => countOf(answer, 'ann'))).toEqual(Array(10).fill(2));
    expect(new Set(answers.slice(0, 8).map((answer) => answer.cursor)).size).toBe(1);
    // The change is one script, whose reply also answers the PUT (the mailbox as stored).
    // The change message cannot answer "*" (its answer is every mailbox), so each instance
    // reads the woken views' state once (Ann's client's and "*"'s in one MULTI: the meta,
    // the total, then each view's versions and mailboxes) and answers all its polls from
    // it; the polls that come back are held on what that read said: no command for any of them.
    const wakeRead = 'MULTI HMGET GET GET HGETALL HMGET HMGET EXEC';
    expect(commands.toSorted()).toEqual(['EVALSHA', wakeRead, wakeRead]);
  });

  it('a change of a mailbox whose polls both instances have answered before costs the script alone: each answers from the change message', async () => {
    const [a, b] = await instances(2);
    await a.setCount('ann', 1);
    // Each instance answers Ann's client once, which is what a client's first poll does.
    const { cursor } = await a.counts(tokens.ann);
    expect((await b.counts(tokens.ann)).cursor).toBe(cursor);
    const servers = [a!, b!, a!, b!];
    const held = servers.map((server) => server.counts(tokens.ann, `?since=${cursor}&wait=30`));
    await eventually(async () => (await a!.heldPolls()) === 2 && (await b!.heldPolls()) === 2);

    let answers: CountsBody[] = [];
    const commands = await commandsDuring(async () => {
      await a!.put('ann', { count: 2, messages: [{ id: 'm1', from: 'Bob <bob@example.com>', subject: 'Lunch?', date: '2026-12-06T07:00:00Z' }] });
      answers = await Promise.all(held);
      for (const [i, server] of servers.entries()) void server.poll(tokens.ann, `?since=${answers[i]!.cursor}&wait=30`);
      await eventually(async () => (await a!.heldPolls()) === 2 && (await b!.heldPolls()) === 2);
    });

    expect(commands).toEqual(['EVALSHA']);
    // What each poll was told is what a read gives: the same answer, word for word, on both instances.
    const read = await a!.counts(tokens.ann);
    for (const answer of answers) expect(answer).toEqual(read);
    expect(read.mailboxes.find((m) => m.id === 'ann')).toMatchObject({ count: 2, messages: [{ subject: 'Lunch?' }] });
  });
});
