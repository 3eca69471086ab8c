import { eventually } from '../../helpers/eventually.ts';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountsAnswer } from '../../../common/protocol.ts';
import { realTimers, type Timers } from '../../../common/timers.ts';
import { countsClient } from '../../../main/connection/counts-client.ts';
import type { PollerStatus } from '../../../main/connection/poller-options.ts';
import { Poller } from '../../../main/connection/poller.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { startAppServer, type AppServer } from '../../helpers/count-server.ts';

interface Recorded {
  poller: Poller;
  statuses: PollerStatus[];
  answers: Array<{ answer: CountsAnswer; isFirst: boolean; at: number }>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recordPoller(timers: Timers = realTimers, waitSeconds = 30): Recorded {
  const statuses: PollerStatus[] = [];
  const answers: Recorded['answers'] = [];
  const poller = new Poller({
    requestCounts: countsClient(axios.create()),
    timers,
    random: () => 0,
    waitSeconds,
    onStatus: (status) => statuses.push(status),
    onAnswer: (answer, { isFirst }) => answers.push({ answer, isFirst, at: Date.now() }),
  });
  cleanups.push(() => poller.stop());
  return { poller, statuses, answers };
}

async function countServer(options: { port?: number; token?: string } = {}): Promise<AppServer> {
  const server = await startAppServer(options);
  cleanups.push(() => server.stop());
  return server;
}

const countOf = (answer: CountsAnswer, id: string) => answer.mailboxes.find((m) => m.id === id)?.count;

async function listen(server: Server | ReturnType<typeof createNetServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('the poller against a real count server', () => {
  // How fast is the benchmark's (npm run bench); here: by the held poll, answered by the change.
  it('a count change reaches the app through its held poll, answered by the change', async () => {
    const server = await countServer();
    const { poller, statuses, answers } = recordPoller();
    poller.connect({ url: server.url, token: server.token });
    await eventually(() => answers.length === 1);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'live']);
    expect(answers[0]!.isFirst).toBe(true);
    // The next poll is held before the count changes.
    await eventually(async () => await server.metric('mailtray_held_polls') === 1);

    const changedAt = Date.now();
    await server.setCount('work', 3);
    const answer = await eventually(() => answers.find((a) => countOf(a.answer, 'work') === 3));
    const latency = answer.at - changedAt;
    console.log(`poller: count change to answer in ${latency} ms`);
    expect(await server.metric('mailtray_polls_ended_total{how="change"}')).toBe(1);
    expect(await server.metric('mailtray_polls_ended_total{how="timeout"}')).toBe(0);
    expect(answer.isFirst).toBe(false);
  });

  it('a server restart brings the app back to live with the new counts, as a baseline', async () => {
    const first = await countServer();
    await first.setCount('work', 1);
    // The poller's clock is the test's: it retries when the test says, after the new server has its counts
    // (on a busy machine a real 1 s retry could land between the two PUTs below).
    const timers = new FakeTimers(Date.now());
    const { poller, statuses, answers } = recordPoller(timers);
    poller.connect({ url: first.url, token: first.token });
    await eventually(() => answers.length === 1);
    await eventually(async () => await first.metric('mailtray_held_polls') === 1);

    await first.stop();
    const retrying = await eventually(() => { const status = statuses.at(-1); return status?.state === 'retrying' && status; });
    const second = await countServer({ port: first.port, token: first.token });
    await second.setCount('work', 7);
    await second.setCount('home', 2);
    const backAt = Date.now();
    timers.advanceTo(retrying.nextTryAt);
    const answer = await eventually(() => answers.find((a) => countOf(a.answer, 'work') === 7));
    console.log(`poller: live again ${answer.at - backAt} ms after the server was back`);
    expect(statuses.at(-1)!.state).toBe('live');
    // The first answer after a reconnect is a baseline: it must not notify.
    expect(answer.isFirst).toBe(true);
    expect(countOf(answer.answer, 'home')).toBe(2);
    // The new epoch is answered at once, not held for `wait` (30 s): a net far under it, which a busy machine does not reach.
    expect(answer.at - backAt).toBeLessThan(15_000);
  });

  it('a refused token ends in auth-failed with the server\'s words, and no more requests', async () => {
    const server = await countServer();
    const timers = new FakeTimers();
    const { poller, statuses } = recordPoller(timers);
    poller.connect({ url: server.url, token: 'not-the-token-at-all' });
    const failed = await eventually(() => statuses.find((s) => s.state === 'auth-failed'));
    expect(failed).toMatchObject({ state: 'auth-failed', reason: expect.stringMatching(/token/i) });
    // Nothing is scheduled: no retry will ever be sent until the settings change.
    expect(timers.delays()).toEqual([]);
    timers.advance(3600_000);
    expect(statuses.at(-1)!.state).toBe('auth-failed');
  });

  it('a 401 is asked once and never again', async () => {
    let requests = 0;
    const http = createHttpServer((_request, response) => {
      requests += 1;
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'unauthorized', message: 'unknown token' } }));
    });
    const port = await listen(http);
    const timers = new FakeTimers();
    const { poller, statuses } = recordPoller(timers);
    poller.connect({ url: `http://127.0.0.1:${port}`, token: 'x' });
    await eventually(() => statuses.at(-1)?.state === 'auth-failed');
    // Nothing is scheduled, and an hour later still nothing was asked again.
    expect(timers.delays()).toEqual([]);
    timers.advance(3600_000);
    expect(requests).toBe(1);
    expect(statuses.at(-1)).toEqual({ state: 'auth-failed', reason: 'unknown token' });
  });

  it('a 503 with Retry-After: 2 is retried after 2 s, not sooner and not by the backoff', async () => {
    let requests = 0;
    const http = createHttpServer((_request, response) => {
      requests += 1;
      if (requests === 1) {
        response.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '2' });
        response.end(JSON.stringify({ error: { code: 'shutting_down', message: 'the server is stopping' } }));
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ cursor: 'abcd.1', mailboxes: [] }));
    });
    const port = await listen(http);
    const timers = new FakeTimers();
    const { poller, statuses } = recordPoller(timers, 1);
    poller.connect({ url: `http://127.0.0.1:${port}`, token: 'x' });
    const retrying = await eventually(() => statuses.find((s) => s.state === 'retrying'));
    // random() is 0 here, so the backoff alone would say 1 s.
    expect(retrying).toEqual({ state: 'retrying', reason: 'the server is stopping (HTTP 503)', nextTryAt: timers.now() + 2000 });
    timers.advance(1999);
    expect(requests).toBe(1);
    timers.advance(1);
    // The second request is answered (and the loop goes on polling).
    await eventually(() => statuses.at(-1)?.state === 'live');
    expect(requests).toBeGreaterThanOrEqual(2);
  });

  it('a server that accepts and never answers is abandoned after wait + 15 s and retried', async () => {
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    // Runs before the listener's close, which waits for open connections.
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    const timers = new FakeTimers();
    const { poller, statuses } = recordPoller(timers, 30);
    poller.connect({ url: `http://127.0.0.1:${port}`, token: 'x' });
    await eventually(() => sockets.length === 1);

    timers.advance(44_999);
    expect(statuses.at(-1)!.state).toBe('connecting');
    timers.advance(1);
    const retrying = await eventually(() => statuses.find((s) => s.state === 'retrying'));
    expect(retrying).toEqual({ state: 'retrying', reason: 'no answer within 45 s', nextTryAt: timers.now() + 1000 });
    timers.advance(1000);
    await eventually(() => sockets.length === 2);
  });
});

describe('the poller and the machine', () => {
  it('going offline stops polling and coming back online polls at once', async () => {
    const server = await countServer();
    const { poller, statuses, answers } = recordPoller();
    poller.connect({ url: server.url, token: server.token });
    await eventually(() => answers.length === 1);
    poller.setOnline(false);
    expect(statuses.at(-1)).toEqual({ state: 'offline' });
    await server.setCount('home', 4);
    poller.setOnline(true);
    const answer = await eventually(() => answers.find((a) => countOf(a.answer, 'home') === 4));
    expect(answer.isFirst).toBe(true);
  });

  it('a wake-up while retrying tries again at once instead of waiting out the backoff', async () => {
    const first = await countServer();
    const timers = new FakeTimers();
    const { poller, statuses, answers } = recordPoller(timers);
    poller.connect({ url: first.url, token: first.token });
    await eventually(() => answers.length === 1);
    await first.stop();
    await eventually(() => statuses.at(-1)?.state === 'retrying');
    await countServer({ port: first.port, token: first.token });
    poller.retryNow();
    await eventually(() => answers.length === 2);
    expect(statuses.at(-1)!.state).toBe('live');
  });
});
