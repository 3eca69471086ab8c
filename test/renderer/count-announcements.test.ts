import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { MailboxView } from '../../main/ipc-contract.ts';
import {
  ANNOUNCE_GAP_MS, AnnouncementLimiter, announcementText, countChanges, countsOf, type CountChange,
} from '../../renderer/mail-view/count-announcements.ts';
import { FakeTimers } from '../helpers/fake-timers.ts';

const names: Record<string, string> = { work: 'Work', home: 'Home', lists: 'Lists' };
const box = (id: string, count: number, state: MailboxView['state'] = 'ok'): MailboxView => ({ id, name: names[id] ?? id, count, state, changedAt: '' });

describe('which counts changed', () => {
  it('only counted mailboxes whose count moved; a new, pending or failing one is no change', () => {
    const before = countsOf([box('work', 3), box('home', 1), box('lists', 0, 'pending')]);
    expect(before).toEqual(new Map([['work', 3], ['home', 1]]));
    expect(countChanges(before, [box('work', 4), box('home', 1), box('lists', 7), box('new', 2)])).toEqual([{ id: 'work', name: 'Work', count: 4 }]);
    expect(countChanges(before, [box('work', 0, 'error'), box('home', 0)])).toEqual([{ id: 'home', name: 'Home', count: 0 }]);
    expect(countChanges(new Map(), [box('work', 4)])).toEqual([]);
  });
});

describe('the words said', () => {
  const changes: CountChange[] = [{ id: 'work', name: 'Work', count: 3 }, { id: 'home', name: 'Home', count: 1 }, { id: 'lists', name: 'Lists', count: 0 }];
  it.each([
    ['en', 'Work: 3 unread, Home: 1 unread, and Lists: no unread mail'],
    ['ko', 'Work: 읽지 않은 메일 3통, Home: 읽지 않은 메일 1통 및 Lists: 읽지 않은 메일 없음'],
    ['de', 'Work: 3 ungelesen, Home: 1 ungelesen und Lists: keine ungelesenen Nachrichten'],
    ['ja', 'Work: 未読メール3通、Home: 未読メール1通、Lists: 未読メールなし'],
  ] as const)('%s', (language, text) => {
    expect(announcementText(changes, translatorFor(language))).toBe(text);
  });
  it('names five mailboxes at most, then how many more', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `m${i}`, name: `M${i}`, count: i }));
    expect(announcementText(many, translatorFor('en'))).toBe('M0: no unread mail, M1: 1 unread, M2: 2 unread, M3: 3 unread, M4: 4 unread, and 3 more mailboxes');
  });
});

// The window's counts over time (ms from the start), and what the live region is given.
type Step = { at: number; counts: Record<string, number> };
const cases: Array<{ name: string; steps: Step[]; said: Array<{ at: number; text: string }> }> = [
  {
    name: 'the first change is said at once',
    steps: [{ at: 0, counts: { work: 3, home: 1 } }, { at: 100, counts: { work: 4, home: 1 } }],
    said: [{ at: 100, text: 'Work: 4 unread' }],
  },
  {
    name: 'changes within the gap are said together when it has passed, each with its latest count, in the order they came',
    steps: [
      { at: 0, counts: { work: 3, home: 1 } },
      { at: 100, counts: { work: 4, home: 1 } },
      { at: 2000, counts: { work: 4, home: 2 } },
      { at: 3000, counts: { work: 6, home: 2 } },
    ],
    said: [{ at: 100, text: 'Work: 4 unread' }, { at: 100 + ANNOUNCE_GAP_MS, text: 'Home: 2 unread and Work: 6 unread' }],
  },
  {
    name: 'a change long after the last one is said at once again',
    steps: [{ at: 0, counts: { work: 3 } }, { at: 100, counts: { work: 4 } }, { at: 60_000, counts: { work: 0 } }],
    said: [{ at: 100, text: 'Work: 4 unread' }, { at: 60_000, text: 'Work: no unread mail' }],
  },
  {
    name: 'a count back where it was last said by the time the gap ends is not said',
    steps: [
      { at: 0, counts: { work: 3, home: 1 } },
      { at: 100, counts: { work: 4, home: 1 } },
      { at: 1000, counts: { work: 5, home: 1 } },
      { at: 2000, counts: { work: 4, home: 1 } },
    ],
    said: [{ at: 100, text: 'Work: 4 unread' }],
  },
  {
    name: 'fifty changes in a burst are two announcements, not fifty',
    steps: [{ at: 0, counts: { work: 0 } }, ...Array.from({ length: 50 }, (_, i) => ({ at: 10 + i * 100, counts: { work: i + 1 } }))],
    said: [{ at: 10, text: 'Work: 1 unread' }, { at: 10 + ANNOUNCE_GAP_MS, text: 'Work: 50 unread' }],
  },
];

describe('the rate limit, on the injected clock', () => {
  it.each(cases)('$name', ({ steps, said }) => {
    const timers = new FakeTimers();
    const heard: Array<{ at: number; text: string }> = [];
    const limiter = new AnnouncementLimiter({ timers, say: (changes) => heard.push({ at: timers.now(), text: announcementText(changes, translatorFor('en')) }) });
    let shown: MailboxView[] = [];
    for (const step of steps) {
      timers.advanceTo(step.at);
      const next = Object.entries(step.counts).map(([id, count]) => box(id, count));
      const before = countsOf(shown);
      limiter.push(countChanges(before, next), before);
      shown = next;
    }
    timers.advance(60_000);
    expect(heard).toEqual(said);
  });
});
