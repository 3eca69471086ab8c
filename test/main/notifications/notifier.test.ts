import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { Mailbox } from '../../../common/protocol.ts';
import type { NotificationSettings } from '../../../main/ipc-contract.ts';
import { isInQuietHours, risesBetween } from '../../../main/notifications/notification-policy.ts';
import { Notifier } from '../../../main/notifications/notifier.ts';
import { snoozeUntil } from '../../../common/snooze.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

const names: Record<string, string> = { work: 'Work', home: 'Home', news: 'News' };

function boxes(counts: Record<string, number | 'pending'>): Mailbox[] {
  return Object.entries(counts).map(([id, count]) => ({
    id, name: names[id]!, count: count === 'pending' ? 0 : count, state: count === 'pending' ? 'pending' : 'ok', changedAt: '',
  }));
}

type Step =
  | { at: number; counts: Record<string, number | 'pending'>; first?: true }
  | { at: number; snooze: number | null };

interface Case {
  name: string;
  steps: Step[];
  settings?: Partial<NotificationSettings>;
  /** Local time of day the case starts at. */
  startsAt?: [number, number];
  expected: Array<{ at: number; title: string }>;
}

const cases: Case[] = [
  { name: 'the first state after start is silent', steps: [{ at: 0, counts: { work: 5 }, first: true }], expected: [] },
  {
    name: 'a rise notifies once the 2 s burst window closes',
    steps: [{ at: 0, counts: { work: 5 }, first: true }, { at: 1000, counts: { work: 6 } }],
    expected: [{ at: 3000, title: '1 new in Work' }],
  },
  {
    name: 'a fall never notifies',
    steps: [{ at: 0, counts: { work: 5 }, first: true }, { at: 1000, counts: { work: 2 } }, { at: 2000, counts: { work: 0 } }],
    expected: [],
  },
  {
    name: 'changes within 2 s make one notification',
    steps: [
      { at: 0, counts: { work: 0, home: 0 }, first: true },
      { at: 100, counts: { work: 1, home: 0 } },
      { at: 900, counts: { work: 2, home: 0 } },
      { at: 1500, counts: { work: 2, home: 1 } },
    ],
    expected: [{ at: 2100, title: '3 new: Work 2, Home 1' }],
  },
  {
    name: 'a rise after the burst window starts a new notification',
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 100, counts: { work: 1 } },
      { at: 5000, counts: { work: 3 } },
    ],
    expected: [{ at: 2100, title: '1 new in Work' }, { at: 7000, title: '2 new in Work' }],
  },
  {
    name: 'mail read within the burst window is not announced',
    steps: [{ at: 0, counts: { work: 4 }, first: true }, { at: 100, counts: { work: 5 } }, { at: 500, counts: { work: 4 } }],
    expected: [],
  },
  {
    name: 'the first state after a reconnect is silent, even with more mail',
    steps: [{ at: 0, counts: { work: 1 }, first: true }, { at: 60_000, counts: { work: 9 }, first: true }],
    expected: [],
  },
  {
    name: 'the optional summary after start, when turned on',
    settings: { summaryAtStart: true },
    steps: [{ at: 0, counts: { work: 3, home: 1, news: 0 }, first: true }],
    expected: [{ at: 0, title: '4 unread: Work 3, Home 1' }],
  },
  {
    name: 'a first count after a pending login is old mail, not new',
    steps: [{ at: 0, counts: { work: 'pending' }, first: true }, { at: 3000, counts: { work: 12 } }],
    expected: [],
  },
  {
    name: 'nothing while snoozed, again after the snooze ends',
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 10, snooze: 60_000 },
      { at: 1000, counts: { work: 1 } },
      { at: 61_000, counts: { work: 2 } },
    ],
    expected: [{ at: 63_000, title: '1 new in Work' }],
  },
  {
    name: 'nothing in quiet hours (22:00 to 07:00, across midnight)',
    startsAt: [23, 30],
    settings: { quietHours: { enabled: true, start: '22:00', end: '07:00' } },
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 60_000, counts: { work: 1 } },
      { at: 8 * 3600_000, counts: { work: 2 } },
    ],
    expected: [{ at: 8 * 3600_000 + 2000, title: '1 new in Work' }],
  },
  {
    name: 'nothing when notifications are turned off',
    settings: { enabled: false },
    steps: [{ at: 0, counts: { work: 0 }, first: true }, { at: 100, counts: { work: 1 } }],
    expected: [],
  },
];

describe('notifications', () => {
  it.each(cases)('$name', ({ steps, settings, startsAt, expected }) => {
    const [hours, minutes] = startsAt ?? [12, 0];
    const start = new Date(2026, 10, 21, hours, minutes).getTime();
    const timers = new FakeTimers(start);
    const shown: Array<{ at: number; title: string }> = [];
    let snoozedUntil: number | null = null;
    const notifier = new Notifier({
      timers,
      settings: () => ({
        enabled: true, sound: false, summaryAtStart: false,
        quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...settings,
      }),
      snoozedUntil: () => snoozedUntil,
      show: (n) => shown.push({ at: timers.now() - start, title: n.title }),
    });
    for (const step of steps) {
      timers.advanceTo(start + step.at);
      if ('snooze' in step) snoozedUntil = step.snooze === null ? null : start + step.snooze;
      else notifier.update(boxes(step.counts), { isFirst: step.first === true });
    }
    timers.advance(60_000);
    expect(shown).toEqual(expected);
  });

  it('a one-mailbox notification names that mailbox for its click', () => {
    const timers = new FakeTimers();
    const shown: string[][] = [];
    const notifier = new Notifier({
      timers,
      settings: () => ({ enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '', end: '' } }),
      snoozedUntil: () => null,
      show: (n) => shown.push(n.mailboxIds),
    });
    notifier.update(boxes({ work: 0, home: 0 }), { isFirst: true });
    notifier.update(boxes({ work: 0, home: 2 }), { isFirst: false });
    timers.advance(2000);
    expect(shown).toEqual([['home']]);
  });
});

describe('notifications that name the mail', () => {
  const message = (id: string, from: string, subject: string) => ({ id, from, subject });
  const work = (count: number, messages: ReturnType<typeof message>[]): Mailbox[] =>
    [{ id: 'work', name: 'Work', count, state: 'ok', changedAt: '', messages }];
  const alice = message('a', 'Alice Smith <alice@example.com>', 'Lunch tomorrow?');
  const bob = message('b', 'Bob Jones <bob@example.com>', 'The report');
  const carol = message('c', 'Carol <carol@example.com>', 'Old news');

  function notifierWith(muted: string[] = []) {
    const timers = new FakeTimers();
    const shown: Array<{ title: string; body: string; actions: string[] }> = [];
    const notifier = new Notifier({
      timers,
      settings: () => ({ enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '', end: '' } }),
      snoozedUntil: () => null,
      prefs: () => ({ detail: 'sender-and-subject', words: translatorFor('en'), isMuted: (id) => muted.includes(id), canMarkRead: () => true, isInTotal: () => true }),
      show: (n) => shown.push({ title: n.title, body: n.body, actions: n.actions.map((a) => a.kind) }),
    });
    return { timers, shown, notifier };
  }

  it('names only the messages that are new since before the burst, not the ones already there', () => {
    const { timers, shown, notifier } = notifierWith();
    notifier.update(work(1, [carol]), { isFirst: true });
    notifier.update(work(2, [alice, carol]), { isFirst: false });
    timers.advance(2000);
    notifier.update(work(4, [bob, alice, carol]), { isFirst: false });
    notifier.update(work(4, [message('d', 'Dave <d@example.com>', 'Hi'), bob, alice, carol]), { isFirst: false });
    timers.advance(2000);
    expect(shown).toEqual([
      { title: 'Alice Smith', body: 'Lunch tomorrow? — Work', actions: ['mark-read', 'open'] },
      { title: '2 new in Work', body: 'Dave: Hi\nBob Jones: The report', actions: ['mark-read', 'open'] },
    ]);
  });

  it('a muted mailbox is counted and never notified', () => {
    const { timers, shown, notifier } = notifierWith(['work']);
    notifier.update(work(0, []), { isFirst: true });
    notifier.update(work(1, [alice]), { isFirst: false });
    timers.advance(2000);
    expect(shown).toEqual([]);
  });
});

describe('notification rules', () => {
  it('a mailbox that was not there before has not risen', () => {
    expect(risesBetween(boxes({ work: 1 }), boxes({ work: 1, home: 4 }))).toEqual([]);
  });

  it.each([
    ['22:00', '07:00', [23, 0], true], ['22:00', '07:00', [6, 59], true], ['22:00', '07:00', [7, 0], false],
    ['12:00', '13:00', [12, 30], true], ['12:00', '13:00', [13, 30], false], ['09:00', '09:00', [9, 0], false],
  ] as const)('quiet hours %s-%s at %j: %s', (start, end, [h, m], expected) => {
    expect(isInQuietHours(start, end, new Date(2026, 0, 5, h, m).getTime())).toBe(expected);
  });

  it.each([
    ['30m', [14, 0], [14, 30, 0]], ['1h', [14, 0], [15, 0, 0]],
    ['tomorrow', [14, 0], [8, 0, 1]], ['tomorrow', [1, 30], [8, 0, 0]],
  ] as const)('snooze %s chosen at %j ends at %j (hour, minute, days later)', (choice, [h, m], [eh, em, days]) => {
    const now = new Date(2026, 10, 21, h, m).getTime();
    expect(snoozeUntil(choice, now)).toBe(new Date(2026, 10, 21 + days, eh, em).getTime());
  });

  it('snooze off ends it', () => {
    expect(snoozeUntil('off', Date.now())).toBeNull();
  });
});
