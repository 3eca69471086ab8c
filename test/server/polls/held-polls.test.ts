import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HeldPolls, type PollRequest, type HeldPollEnd } from '../../../server/polls/held-polls.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { setOne } from '../../../server/store/store.ts';

// Held polls' waits on a fake clock: time is the subject here.
beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }); });
afterEach(() => { vi.useRealTimers(); });

async function setUp() {
  const store = new MemoryStore();
  await store.declare([{ id: 'ann', name: 'Ann' }, { id: 'bob', name: 'Bob' }]);
  const polls = new HeldPolls(store, 100);
  const answered: Array<{ name: string; end: HeldPollEnd; at: number }> = [];
  const hold = async (name: string, mailbox: string, waitMs: number) => {
    const request: PollRequest = { key: name, view: [mailbox], since: await store.cursor([mailbox]), waitMs };
    return polls.hold(request, { answerHeld: (end) => { answered.push({ name, end, at: performance.now() }); } })!;
  };
  return { store, polls, answered, hold };
}

describe('held polls and their waits', () => {
  it('each poll is answered when its own wait runs out, in order, whatever the mix of waits', async () => {
    const { polls, answered, hold } = await setUp();
    const start = performance.now();
    await hold('a', 'ann', 1000);
    await hold('b', 'ann', 2000);
    await vi.advanceTimersByTimeAsync(500);
    await hold('c', 'bob', 1000);
    await vi.advanceTimersByTimeAsync(499);
    expect(answered).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(answered.map((a) => [a.name, a.end])).toEqual([['a', 'timeout']]);
    await vi.advanceTimersByTimeAsync(500);
    await vi.advanceTimersByTimeAsync(500);
    expect(answered.map((a) => [a.name, Math.round(a.at - start)])).toEqual([['a', 1000], ['c', 1500], ['b', 2000]]);
    expect(polls.size).toBe(0);
    // Nothing is left to run once no poll is held.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a poll answered early by a change is not answered again when its wait would have run out, and the next one keeps its time', async () => {
    const { store, polls, answered, hold } = await setUp();
    const start = performance.now();
    await hold('a', 'ann', 1000);
    await vi.advanceTimersByTimeAsync(200);
    await hold('b', 'bob', 1000);
    await setOne(store, { id: 'ann', count: 3 });
    expect(answered.map((a) => [a.name, a.end])).toEqual([['a', 'change']]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(answered.map((a) => [a.name, a.end, Math.round(a.at - start)])).toEqual([['a', 'change', 200], ['b', 'timeout', 1200]]);
    expect(polls.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a client that leaves frees its poll and its wait at once; the stop answers the rest once', async () => {
    const { polls, answered, hold } = await setUp();
    const gone = await hold('a', 'ann', 1000);
    await hold('b', 'ann', 1000);
    gone.end('gone');
    expect(polls.size).toBe(1);
    polls.endAll();
    await vi.advanceTimersByTimeAsync(5000);
    expect(answered.map((a) => [a.name, a.end])).toEqual([['b', 'shutdown']]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
