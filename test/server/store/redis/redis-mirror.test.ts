import { describe, expect, it } from 'vitest';
import { parseChangeMessage, type ChangeMessage } from '../../../../server/store/redis/redis-change-message.ts';
import { RedisMirror } from '../../../../server/store/redis/redis-mirror.ts';
import type { StatesRead } from '../../../../server/store/redis/redis-reads.ts';
import { LONG_VIEW } from '../../../../server/store/watcher-index.ts';

// What an instance knows of Redis without asking: the change messages as they come (each
// with the total after it) and the reads that saw the same total. The store's own
// tests (redis-round-trips, redis-instances) show the same against a real Redis.

const box = (count: number) => JSON.stringify({ name: 'Ann', count, state: 'ok', changedAt: '2026-12-06T07:00:00.000Z', seq: 1 });
const message = (total: number, boxes: Array<[string, number, string | null]>): ChangeMessage =>
  ({ epoch: 'e1', ids: boxes.map(([id]) => id), state: { total, boxes: boxes.map(([id, version, stored]) => ({ id, version, box: stored })) } });
const read = (total: number, view: string[], versions: number[], boxes?: Array<string | null>): StatesRead =>
  ({ answers: [], cursors: [], epoch: 'e1', total, createdAt: '2026-12-06T06:00:00.000Z', stored: [{ view, versions: versions.map(String), ...(boxes ? { boxes } : {}) }] });
const watched = () => true;
const at = (version: number) => ({ epoch: 'e1', version });
const countIn = (mirror: RedisMirror, view: string[]) => mirror.answer(view)?.answer.mailboxes.map((m) => m.count);

describe('the change message', () => {
  it('carries the ids, the total and each mailbox as stored; its first line alone is what servers before it published', () => {
    const text = `e1 ann bob \n7\n3 ${box(2)}\n4 `;
    expect(parseChangeMessage(text)).toEqual({ epoch: 'e1', ids: ['ann', 'bob'], state: { total: 7, boxes: [{ id: 'ann', version: 3, box: box(2) }, { id: 'bob', version: 4, box: null }] } });
    // An older server's message, and an instance of one reading this one: the ids, word for word.
    expect(parseChangeMessage('e1 ann bob')).toEqual({ epoch: 'e1', ids: ['ann', 'bob'] });
    expect(text.split(' ').slice(1, 3)).toEqual(['ann', 'bob']);
    // A new epoch's message names no mailbox; a line it cannot read wakes what it names and carries no state.
    expect(parseChangeMessage('e2')).toEqual({ epoch: 'e2', ids: [] });
    expect(parseChangeMessage('e1 ann \nseven\n3 {}')).toEqual({ epoch: 'e1', ids: ['ann'] });
    expect(parseChangeMessage('')).toBeUndefined();
  });
});

describe('what an instance knows without asking Redis', () => {
  it('a watched mailbox is answered from its change messages, each one replacing the last', () => {
    const mirror = new RedisMirror();
    mirror.received(message(5, [['ann', 1, box(1)]]), watched);
    expect(mirror.cursor(['ann'])).toEqual(at(1));
    mirror.received(message(6, [['ann', 2, box(2)]]), watched);
    expect(mirror.answer(['ann'])).toEqual({ answer: { cursor: 'e1.2', mailboxes: [expect.objectContaining({ id: 'ann', count: 2 })] }, cursor: at(2) });
    // No poll here watches Bob: his mailbox is not kept, and a view with it is read.
    mirror.received(message(7, [['bob', 1, box(1)]]), () => false);
    expect(mirror.cursor(['ann', 'bob'])).toBeUndefined();
    expect(mirror.cursor('*')).toEqual(at(7));
  });

  it('a read that saw the changes the messages told is learned; one that saw more or fewer is not mixed in', () => {
    const mirror = new RedisMirror();
    mirror.received(message(5, [['ann', 1, box(1)]]), watched);
    // Bob changed at 6, and its message is still on its way: the read saw a state the messages have not reached.
    mirror.learn(mirror.now(), read(6, ['ann', 'bob'], [1, 1], [box(1), box(9)]));
    expect(mirror.cursor(['ann', 'bob'])).toBeUndefined();
    mirror.received(message(6, [['bob', 1, box(9)]]), () => false);
    // One sent before that message but answered after it saw total 5: not learned either.
    mirror.learn(mirror.now(), read(5, ['ann', 'bob'], [1, 0], [box(1), null]));
    expect(mirror.cursor(['ann', 'bob'])).toBeUndefined();
    mirror.learn(mirror.now(), read(6, ['ann', 'bob'], [1, 1], [box(1), box(9)]));
    expect(countIn(mirror, ['ann', 'bob'])).toEqual([1, 9]);
  });

  it('an empty mirror starts from a read, and messages it already has are passed over', () => {
    const mirror = new RedisMirror();
    mirror.learn(mirror.now(), read(8, ['ann'], [3], [box(3)]));
    expect(mirror.cursor(['ann'])).toEqual(at(3));
    // The message of a change the read saw, arriving after it.
    mirror.received(message(8, [['ann', 3, box(3)]]), watched);
    mirror.received(message(7, [['ann', 2, box(2)]]), watched);
    expect(countIn(mirror, ['ann'])).toEqual([3]);
  });

  it('a read of the versions alone holds polls but answers none; a mailbox never counted is answered with the epoch start', () => {
    const mirror = new RedisMirror();
    mirror.learn(mirror.now(), read(0, ['ann', 'new'], [0, 0]));
    expect(mirror.cursor(['ann', 'new'])).toEqual(at(0));
    expect(mirror.answer(['ann', 'new'])).toBeUndefined();
    mirror.learn(mirror.now(), read(0, ['ann', 'new'], [0, 0], [null, null]));
    expect(mirror.answer(['ann', 'new'])?.answer.mailboxes[1]).toEqual({ id: 'new', name: 'new', count: 0, state: 'pending', changedAt: '2026-12-06T06:00:00.000Z' });
  });

  it('after messages may have been missed (forgetAll), nothing is known, not even a read whose reply comes later', () => {
    const mirror = new RedisMirror();
    mirror.received(message(5, [['ann', 1, box(1)]]), watched);
    const inFlight = mirror.now();
    mirror.forgetAll();
    expect(mirror.cursor(['ann'])).toBeUndefined();
    expect(mirror.cursor('*')).toBeUndefined();
    mirror.learn(inFlight, read(5, ['ann'], [1], [box(1)]));
    expect(mirror.cursor(['ann'])).toBeUndefined();
    mirror.learn(mirror.now(), read(6, ['ann'], [2], [box(2)]));
    expect(mirror.cursor(['ann'])).toEqual(at(2));
  });

  it('a message without the state (from an older server) forgets what it names and the total', () => {
    const mirror = new RedisMirror();
    mirror.received(message(5, [['ann', 1, box(1)], ['bob', 1, box(1)]]), watched);
    mirror.received({ epoch: 'e1', ids: ['ann'] }, watched);
    expect(mirror.cursor(['ann'])).toBeUndefined();
    expect(mirror.cursor(['bob'])).toEqual(at(1));
    expect(mirror.cursor('*')).toBeUndefined();
    mirror.received(message(7, [['ann', 2, box(2)]]), watched);
    expect(mirror.cursor(['ann', 'bob'])).toEqual(at(3));
  });

  it('"*" is never answered from it (its answer is every mailbox), nor is a long list known', () => {
    const mirror = new RedisMirror();
    const long = Array.from({ length: LONG_VIEW + 1 }, (_, i) => `m${i}`);
    mirror.learn(mirror.now(), read(1, long, long.map(() => 0), long.map(() => box(0))));
    expect(mirror.cursor(long)).toBeUndefined();
    expect(mirror.cursor('*')).toEqual(at(1));
    expect(mirror.answer('*')).toBeUndefined();
  });
});
