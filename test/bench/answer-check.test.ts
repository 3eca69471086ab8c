import { describe, expect, it } from 'vitest';
import { judgeAnswer, type ChangesMade, type PollSeen } from '../../bench/answer-check.ts';

// Five mailboxes, changes round-robin: change n sets count n + 1 on m<n % 5>. Changes 0 to 6 are made.
const made: ChangesMade = { total: 10, mailboxOf: (change) => change % 5, ordinalOf: (change) => (change <= 6 ? Math.floor(change / 5) + 1 : 0) };
/** A poll of m1 that has its mailbox's first change (change 1, count 2), with cursor version 1. */
const poll: PollSeen = { mailbox: 1, value: 2, changesSeen: 1, version: 1 };

describe('what the benchmark counts as a delivery', () => {
  it('a newer change of the poll\'s own mailbox, with a newer cursor, is a delivery', () => {
    expect(judgeAnswer(poll, { state: 'e.2', mailboxId: 'm1', version: 2, value: 7 }, made)).toEqual({ kind: 'delivery', change: 6, ordinal: 2 });
  });

  it('the count the poll has (a timeout) is nothing new', () => {
    expect(judgeAnswer(poll, { state: 'e.1', mailboxId: 'm1', version: 1, value: 2 }, made)).toEqual({ kind: 'nothing new' });
    expect(judgeAnswer(poll, {}, made)).toEqual({ kind: 'nothing new' });
  });

  it.each([
    ['a change the poll already had, again (a duplicate delivery)', { ...poll, value: 7, changesSeen: 2, version: 2 }, { version: 3, value: 2 },
      'a poll of m1 that had its mailbox\'s change #2 (count 7) was answered with change #1 (count 2) again'],
    ['another mailbox\'s id', poll, { mailboxId: 'm2', version: 2, value: 3 }, 'a poll of m1 was answered with the mailbox m2'],
    ['another mailbox\'s change', poll, { version: 2, value: 3 }, 'a poll of m1 was answered with count 3, which change 2 set on m2'],
    ['an older cursor', poll, { mailboxId: 'm1', version: 0, value: 7 }, 'a poll of m1 holding cursor version 1 was answered with the older version 0'],
    ['a change not made yet', poll, { version: 2, value: 12 }, 'a poll of m1 that had count 2 was answered with count 12, which no change of the run set'],
  ])('%s is an extra delivery, said in words', (_what, seen, reading, why) => {
    expect(judgeAnswer(seen, reading, made)).toEqual({ kind: 'extra', why });
  });
});
