import { describe, expect, it } from 'vitest';
import { RedisKnownCursors } from '../../../../server/store/redis/redis-known-cursors.ts';
import { LONG_VIEW } from '../../../../server/store/watcher-index.ts';

// When an instance may hold a poll on a cursor it read earlier, without asking Redis:
// only while no change message named the view's mailboxes since that read was sent.

const at = (version: number) => ({ epoch: 'e1', version });

describe('cursors an instance read and may trust', () => {
  it('a read is trusted until a message names one of its mailboxes; other mailboxes leave it trusted', () => {
    const known = new RedisKnownCursors();
    const view = ['ann', 'ann-work'];
    known.learn(view, at(3), known.now());
    expect(known.current(view)).toEqual(at(3));
    known.named(['bob']);
    expect(known.current(view)).toEqual(at(3));
    known.named(['ann-work']);
    expect(known.current(view)).toBeUndefined();
  });

  it('a read whose reply comes after a message that named its mailbox is not trusted: the change may be after the read', () => {
    const known = new RedisKnownCursors();
    const view = ['ann'];
    const sentAt = known.now();
    known.named(['ann']); // arrives while the read is on its way
    known.learn(view, at(3), sentAt);
    expect(known.current(view)).toBeUndefined();
    // A read sent after that message is trusted.
    known.learn(view, at(4), known.now());
    expect(known.current(view)).toEqual(at(4));
  });

  it('any message ends the trust in a "*" cursor', () => {
    const known = new RedisKnownCursors();
    known.learn('*', at(9), known.now());
    expect(known.current('*')).toEqual(at(9));
    known.named(['zed']);
    expect(known.current('*')).toBeUndefined();
  });

  it('after messages may have been missed (forgetAll), no earlier read is trusted, even one whose reply comes later', () => {
    const known = new RedisKnownCursors();
    const view = ['ann'];
    known.learn(view, at(3), known.now());
    const inFlight = known.now();
    known.forgetAll();
    expect(known.current(view)).toBeUndefined();
    known.learn(view, at(3), inFlight);
    expect(known.current(view)).toBeUndefined();
    known.learn(view, at(5), known.now());
    expect(known.current(view)).toEqual(at(5));
  });

  it('an older read does not replace a newer one; views are told apart by identity; long lists are never trusted', () => {
    const known = new RedisKnownCursors();
    const view = ['ann'];
    const older = known.now();
    known.named(['bob']);
    known.learn(view, at(6), known.now());
    known.learn(view, at(5), older);
    expect(known.current(view)).toEqual(at(6));
    expect(known.current(['ann'])).toBeUndefined();
    const long = Array.from({ length: LONG_VIEW + 1 }, (_, i) => `m${i}`);
    known.learn(long, at(1), known.now());
    expect(known.current(long)).toBeUndefined();
  });
});
