import axios from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Timers } from '../../common/timers.ts';
import { countsClient, type RequestCounts } from '../../main/connection/counts-client.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { FakeTimers } from '../helpers/fake-timers.ts';
import { remoteSettings, startAppUnderTest } from './support/app-under-test.ts';
import type { FakeShell } from './support/fake-shell.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The app's clock, recording every timer the app sets and every one that fires. */
class CountedTimers extends FakeTimers {
  set = 0;
  fired = 0;

  override after(ms: number, fn: () => void): () => void {
    this.set += 1;
    return super.after(ms, () => {
      this.fired += 1;
      fn();
    });
  }
}

/** The machine's network as Electron's net.isOnline() reports it, counting how often it is asked. */
function network(isUp = true) {
  const state = { isUp, asked: 0 };
  return { state, isOnline: () => { state.asked += 1; return state.isUp; } };
}

/** `GET /v1/counts` through axios, as the app makes it, with the time of each request on the app's clock. */
function countedRequests(timers: Timers): { requestCounts: RequestCounts; at: number[] } {
  const at: number[] = [];
  const request = countsClient(axios.create());
  return { at, requestCounts: (endpoint, options) => { at.push(timers.now()); return request(endpoint, options); } };
}

async function countServer(options: { port?: number; token?: string } = {}): Promise<AppServer> {
  const server = await startAppServer(options);
  cleanups.push(() => server.stop());
  return server;
}

const heldPolls = async (server: AppServer) => {
  const text = (await server.server.app.inject({ url: '/metrics' })).body;
  return Number(/^mailtray_held_polls (\d+)$/m.exec(text)?.[1]);
};
const stateOf = (shell: FakeShell) => shell.payloads('status:changed').at(-1)?.connection.state;

describe('the app, idle and live', () => {
  it('costs one request per 30 s wait over 10 minutes, and no timer fires, no online check runs besides', async () => {
    // The server's own clock (its held poll's 30 s) is the process's timers and performance.now(), faked so
    // 10 minutes pass at once; the app runs on its injected clock, which moves in step.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const server = await countServer();
    const timers = new CountedTimers();
    const { at, requestCounts } = countedRequests(timers);
    const net = network();
    const { shell } = await startAppUnderTest(cleanups, { settings: remoteSettings(server), timers, isOnline: net.isOnline, requestCounts });
    // The first answer comes at once (no cursor yet); the next poll is held.
    await vi.waitFor(async () => expect(await heldPolls(server)).toBe(1));
    expect(stateOf(shell)).toBe('live');
    expect(at).toEqual([0, 0]);
    const asked = net.state.asked;
    const timersSet = timers.set;
    // Whatever the server keeps on the process's clock while it holds one poll (its wait).
    const serverTimers = vi.getTimerCount();

    for (let step = 1; step <= 20; step += 1) {
      timers.advance(30_000);
      // The held poll's wait runs out: the server answers with the same cursor, and the app polls again.
      await vi.advanceTimersByTimeAsync(30_000);
      await vi.waitFor(async () => {
        expect(at.length).toBe(2 + step);
        expect(await heldPolls(server)).toBe(1);
      });
      expect(vi.getTimerCount()).toBe(serverTimers);
    }

    expect(at.slice(2)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 30_000));
    // Each poll sets one timer, its give-up at wait + 15 s, and its answer cancels it: none fired in 10 minutes.
    expect(timers.fired).toBe(0);
    expect(timers.set - timersSet).toBe(20);
    expect(timers.delays()).toEqual([45_000]);
    expect(net.state.asked).toBe(asked);
    expect(stateOf(shell)).toBe('live');
  });
});

describe('the app and the network', () => {
  it('an online event skips a pending retry at once', async () => {
    const first = await countServer();
    const timers = new CountedTimers();
    const net = network();
    const { app, shell } = await startAppUnderTest(cleanups, {
      settings: remoteSettings(first), timers, isOnline: net.isOnline, random: () => 0.99,
    });
    await vi.waitFor(() => expect(stateOf(shell)).toBe('live'));
    await first.stop();
    await vi.waitFor(() => expect(stateOf(shell)).toBe('retrying'));
    // Let the backoff grow, so a skipped retry is one that would have come much later.
    for (let failures = 1; failures < 6; failures += 1) {
      timers.runNext();
      await vi.waitFor(() => expect(shell.payloads('status:changed').filter((s) => s.connection.state === 'retrying').length).toBe(failures + 1));
    }
    const retrying = shell.payloads('status:changed').at(-1)!.connection;
    expect(retrying.state === 'retrying' && retrying.nextTryAt - timers.now()).toBeGreaterThan(10_000);

    await countServer({ port: first.port, token: first.token });
    const time = timers.now();
    app.networkChanged();
    await vi.waitFor(() => expect(stateOf(shell)).toBe('live'));
    expect(timers.now()).toBe(time);
  });

  it('offline is shown and nothing is polled while the network is gone; back online it is live at once', async () => {
    const server = await countServer();
    const timers = new CountedTimers();
    const { at, requestCounts } = countedRequests(timers);
    const net = network();
    const { app, shell } = await startAppUnderTest(cleanups, { settings: remoteSettings(server), timers, isOnline: net.isOnline, requestCounts });
    await vi.waitFor(() => expect(stateOf(shell)).toBe('live'));

    net.state.isUp = false;
    app.networkChanged();
    expect(stateOf(shell)).toBe('offline');
    expect(shell.tray!.tooltip).toContain('Offline: waiting for the network');
    await server.setCount('work', 2);
    // Offline, the OS is asked again every 10 s, in case no event comes (the window is gone); nothing is polled.
    const asked = net.state.asked;
    const requests = at.length;
    timers.advance(60_000);
    expect(net.state.asked - asked).toBe(6);
    expect(at.length).toBe(requests);
    expect(stateOf(shell)).toBe('offline');

    net.state.isUp = true;
    app.networkChanged();
    await vi.waitFor(() => expect(shell.payloads('counts:changed').at(-1)?.total).toBe(2));
    expect(stateOf(shell)).toBe('live');
    // Live again, the OS is not asked on a timer.
    expect(timers.delays()).toEqual([45_000]);
  });

  it('a poll that fails on a machine without network shows offline, not a countdown of retries', async () => {
    const server = await countServer();
    const timers = new CountedTimers();
    const net = network();
    const { shell } = await startAppUnderTest(cleanups, { settings: remoteSettings(server), timers, isOnline: net.isOnline });
    await vi.waitFor(() => expect(stateOf(shell)).toBe('live'));
    // No event came (the window was never told): the held poll fails, and the OS is asked then.
    net.state.isUp = false;
    await server.stop();
    await vi.waitFor(() => expect(stateOf(shell)).toBe('offline'));
    expect(shell.payloads('status:changed').map((s) => s.connection.state)).not.toContain('retrying');
  });

  it('with no window to tell it, the app still finds the network back within 10 s', async () => {
    const server = await countServer();
    const timers = new CountedTimers();
    const net = network(false);
    const { shell } = await startAppUnderTest(cleanups, { settings: remoteSettings(server), timers, isOnline: net.isOnline });
    expect(stateOf(shell)).toBe('offline');
    net.state.isUp = true;
    timers.advance(9_999);
    expect(stateOf(shell)).toBe('offline');
    timers.advance(1);
    await vi.waitFor(() => expect(stateOf(shell)).toBe('live'));
  });
});
