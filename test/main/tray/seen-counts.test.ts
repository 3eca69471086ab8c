import { describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../common/protocol.ts';
import { markSeen, newSinceSeen, seenAfter } from '../../../main/tray/seen-counts.ts';

const boxes = (counts: Record<string, number>): Mailbox[] =>
  Object.entries(counts).map(([id, count]) => ({ id, name: id, count, state: 'ok', changedAt: '' }));
const all = () => true;

describe('the badge\'s "new since I last looked"', () => {
  it('never looked: all unread mail is new', () => {
    expect(newSinceSeen(boxes({ work: 3, home: 2 }), new Map(), all)).toBe(5);
  });

  it('looked: only what came since', () => {
    const seen = markSeen(boxes({ work: 3, home: 2 }));
    expect(newSinceSeen(boxes({ work: 5, home: 2 }), seenAfter(seen, boxes({ work: 5, home: 2 })), all)).toBe(2);
  });

  it('mail read elsewhere lowers what was seen, so mail after it is new again', () => {
    let seen = markSeen(boxes({ work: 3 }));
    seen = seenAfter(seen, boxes({ work: 1 }));
    seen = seenAfter(seen, boxes({ work: 2 }));
    expect(newSinceSeen(boxes({ work: 2 }), seen, all)).toBe(1);
  });

  it('leaves out mailboxes that are not part of the total', () => {
    expect(newSinceSeen(boxes({ work: 3, news: 40 }), new Map(), (id) => id !== 'news')).toBe(3);
  });
});
