import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { Mailbox } from '../../../common/protocol.ts';
import type { NotificationSettings } from '../../../main/ipc-contract.ts';
import {
  afterDndNotification, DND_SETTLE_MS, holdNews, isHolding, stillNew, tellsAfterDnd, type HeldMailbox,
} from '../../../main/notifications/dnd-hold.ts';
import { Notifier, type NotificationKind } from '../../../main/notifications/notifier.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

const names: Record<string, string> = { work: 'Work', home: 'Home', news: 'News' };
const box = (id: string, count: number, state: Mailbox['state'] = 'ok'): Mailbox => ({ id, name: names[id]!, count, state, changedAt: '' });
const en = translatorFor('en');

describe('the Do Not Disturb rules, as pure functions', () => {
  it.each([
    { respectDnd: undefined, isDndOn: true, holds: true },
    { respectDnd: true, isDndOn: true, holds: true },
    { respectDnd: false, isDndOn: true, holds: false },
    { respectDnd: undefined, isDndOn: false, holds: false },
    { respectDnd: true, isDndOn: false, holds: false },
  ])('respectDnd $respectDnd, Do Not Disturb on: $isDndOn -> holds: $holds', ({ respectDnd, isDndOn, holds }) => {
    expect(isHolding(respectDnd === undefined ? {} : { respectDnd }, isDndOn)).toBe(holds);
  });

  it.each([
    { tellAfterDnd: undefined, block: undefined, tells: true },
    { tellAfterDnd: false, block: undefined, tells: false },
    { tellAfterDnd: true, block: 'snoozed', tells: false },
    { tellAfterDnd: true, block: 'quiet-hours', tells: false },
    { tellAfterDnd: undefined, block: 'disabled', tells: false },
  ] as const)('tellAfterDnd $tellAfterDnd, block $block -> tells: $tells', ({ tellAfterDnd, block, tells }) => {
    expect(tellsAfterDnd(tellAfterDnd === undefined ? {} : { tellAfterDnd }, block)).toBe(tells);
  });

  it('held bursts add up per mailbox; the count before the first held mail stays', () => {
    const counts: Record<string, number> = { work: 7, home: 1 };
    let held: HeldMailbox[] = holdNews([], [{ id: 'work', name: 'Work', added: 2 }], (id) => counts[id]!);
    counts.work = 8;
    held = holdNews(held, [{ id: 'work', name: 'Work', added: 1 }, { id: 'home', name: 'Home', added: 1 }], (id) => counts[id]!);
    expect(held).toEqual([
      { id: 'work', name: 'Work', countBefore: 5, added: 3 },
      { id: 'home', name: 'Home', countBefore: 0, added: 1 },
    ]);
  });

  it.each([
    { name: 'all of it still unread', now: [box('work', 8), box('home', 1)], still: { work: 3, home: 1 } },
    { name: 'some read elsewhere meanwhile', now: [box('work', 6), box('home', 0)], still: { work: 1 } },
    { name: 'more came after, but only the held mail is told', now: [box('work', 20), box('home', 1)], still: { work: 3, home: 1 } },
    { name: 'all of it read', now: [box('work', 5), box('home', 0)], still: {} },
    { name: 'a mailbox gone from the answer', now: [box('work', 8)], still: { work: 3 } },
    { name: 'a failing mailbox keeps what was held', now: [box('work', 0, 'error'), box('home', 1)], still: { work: 3, home: 1 } },
    { name: 'a mailbox muted since', now: [box('work', 8), box('home', 1)], muted: ['home'], still: { work: 3 } },
  ])('still new: $name', ({ now, muted, still }) => {
    const held: HeldMailbox[] = [{ id: 'work', name: 'Work', countBefore: 5, added: 3 }, { id: 'home', name: 'Home', countBefore: 0, added: 1 }];
    const result = stillNew(held, now, (id) => (muted ?? []).includes(id));
    expect(Object.fromEntries(result.map((m) => [m.id, m.count]))).toEqual(still);
  });

  it('one notification for all of it: the total in the title, each mailbox in the body, most first; a click opens the one mailbox', () => {
    expect(afterDndNotification([{ id: 'home', name: 'Home', count: 1 }, { id: 'work', name: 'Work', count: 2 }], en)).toEqual({
      title: '3 new messages while Do Not Disturb was on',
      body: 'Work 2 and Home 1',
      mailboxIds: ['work', 'home'],
      actions: [{ kind: 'open', label: 'Open' }],
    });
    expect(afterDndNotification([{ id: 'work', name: 'Work', count: 1 }], en)?.title).toBe('1 new message while Do Not Disturb was on');
    expect(afterDndNotification([], en)).toBeUndefined();
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, index) => ({ id, name: id.toUpperCase(), count: 6 - index }));
    expect(afterDndNotification(many, en)?.body).toBe('A 6, B 5, C 4, D 3, and 2 more');
  });

  it('is worded in every language', () => {
    const still = [{ id: 'work', name: 'Work', count: 2 }, { id: 'home', name: 'Home', count: 1 }];
    expect(afterDndNotification(still, translatorFor('ko'))?.title).toBe('방해 금지 모드 동안 새 메일 3통');
    expect(afterDndNotification(still, translatorFor('ko'))?.body).toBe('Work 2통 및 Home 1통');
    expect(afterDndNotification(still, translatorFor('de'))?.title).toBe('3 neue Nachrichten während „Nicht stören“');
    expect(afterDndNotification(still, translatorFor('ja'))?.title).toBe('応答不可モード中に新着メール3通');
    expect(afterDndNotification(still, translatorFor('ar'))?.title).toContain('عدم الإزعاج');
  });
});

// What the person sees over time: the notifier on the injected clock, Do Not Disturb switched by the test.
type Step =
  | { at: number; counts: Record<string, number>; first?: true }
  | { at: number; dnd: boolean }
  | { at: number; snooze: number | null }
  | { at: number; settings: Partial<NotificationSettings> };

interface Case {
  name: string;
  steps: Step[];
  settings?: Partial<NotificationSettings>;
  expected: Array<{ at: number; title: string; body?: string; kind: NotificationKind }>;
}

const cases: Case[] = [
  {
    name: 'mail while Do Not Disturb is on is held, then told once, settled, when it ends',
    steps: [
      { at: 0, counts: { work: 5, home: 0 }, first: true },
      { at: 1000, dnd: true },
      { at: 2000, counts: { work: 6, home: 0 } },
      { at: 10_000, counts: { work: 7, home: 0 } },
      { at: 20_000, counts: { work: 7, home: 1 } },
      { at: 30_000, dnd: false },
    ],
    expected: [{ at: 30_000 + DND_SETTLE_MS, title: '3 new messages while Do Not Disturb was on', body: 'Work 2 and Home 1', kind: 'after-dnd' }],
  },
  {
    name: 'a flip off and on again within the settle tells nothing; the real end tells all of it once',
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 100, dnd: true },
      { at: 1000, counts: { work: 2 } },
      { at: 5000, dnd: false },
      { at: 5000 + DND_SETTLE_MS - 1, dnd: true },
      { at: 9000, counts: { work: 3 } },
      { at: 12_000, dnd: false },
    ],
    expected: [{ at: 12_000 + DND_SETTLE_MS, title: '3 new messages while Do Not Disturb was on', body: 'Work 3', kind: 'after-dnd' }],
  },
  {
    name: 'mail read elsewhere during Do Not Disturb is not told',
    steps: [
      { at: 0, counts: { work: 4 }, first: true },
      { at: 100, dnd: true },
      { at: 1000, counts: { work: 6 } },
      { at: 8000, counts: { work: 4 } },
      { at: 9000, dnd: false },
    ],
    expected: [],
  },
  {
    name: 'the telling is off: nothing when it ends, and new mail after it notifies as ever',
    settings: { tellAfterDnd: false },
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 100, dnd: true },
      { at: 1000, counts: { work: 2 } },
      { at: 9000, dnd: false },
      { at: 20_000, counts: { work: 3 } },
    ],
    expected: [{ at: 22_000, title: '1 new in Work', kind: 'new-mail' }],
  },
  {
    name: 'Do Not Disturb not respected: mail notifies as it comes',
    settings: { respectDnd: false },
    steps: [{ at: 0, counts: { work: 0 }, first: true }, { at: 100, dnd: true }, { at: 1000, counts: { work: 1 } }, { at: 9000, dnd: false }],
    expected: [{ at: 3000, title: '1 new in Work', kind: 'new-mail' }],
  },
  {
    name: 'respecting it turned off while mail is held tells the held mail',
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 100, dnd: true },
      { at: 1000, counts: { work: 2 } },
      { at: 5000, settings: { respectDnd: false } },
    ],
    expected: [{ at: 5000 + DND_SETTLE_MS, title: '2 new messages while Do Not Disturb was on', body: 'Work 2', kind: 'after-dnd' }],
  },
  {
    name: 'a burst under way when Do Not Disturb comes on is held too',
    steps: [{ at: 0, counts: { work: 0 }, first: true }, { at: 1000, counts: { work: 1 } }, { at: 2000, dnd: true }, { at: 60_000, dnd: false }],
    expected: [{ at: 60_000 + DND_SETTLE_MS, title: '1 new message while Do Not Disturb was on', body: 'Work 1', kind: 'after-dnd' }],
  },
  {
    name: 'Do Not Disturb ending in a snooze tells nothing: the snooze is the person\'s own choice',
    steps: [
      { at: 0, counts: { work: 0 }, first: true },
      { at: 100, dnd: true },
      { at: 1000, counts: { work: 2 } },
      { at: 5000, snooze: 3_600_000 },
      { at: 9000, dnd: false },
    ],
    expected: [],
  },
  {
    name: 'the summary at start is left out under Do Not Disturb, not held',
    settings: { summaryAtStart: true },
    steps: [{ at: 0, dnd: true }, { at: 10, counts: { work: 4 }, first: true }, { at: 9000, dnd: false }],
    expected: [],
  },
];

describe('the notifier under Do Not Disturb, on the injected clock', () => {
  it.each(cases)('$name', ({ steps, settings: initial, expected }) => {
    const timers = new FakeTimers();
    let isDnd = false;
    let snoozedUntil: number | null = null;
    let settings: NotificationSettings = {
      enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...initial,
    };
    const shown: Case['expected'] = [];
    const notifier = new Notifier({
      timers,
      settings: () => settings,
      snoozedUntil: () => snoozedUntil,
      isDoNotDisturb: () => isDnd,
      show: (n, kind) => shown.push({ at: timers.now(), title: n.title, ...(kind === 'after-dnd' ? { body: n.body } : {}), kind }),
    });
    for (const step of steps) {
      timers.advanceTo(step.at);
      if ('dnd' in step) {
        isDnd = step.dnd;
        notifier.doNotDisturbChanged();
      } else if ('snooze' in step) {
        snoozedUntil = step.snooze;
      } else if ('settings' in step) {
        settings = { ...settings, ...step.settings };
        notifier.settingsChanged();
      } else {
        notifier.update(Object.entries(step.counts).map(([id, count]) => box(id, count)), { isFirst: step.first === true });
      }
    }
    timers.advance(60_000);
    expect(shown).toEqual(expected);
  });

  it('a reminder falls silent under Do Not Disturb and is not told after it', () => {
    const timers = new FakeTimers();
    let isDnd = true;
    const shown: NotificationKind[] = [];
    const notifier = new Notifier({
      timers,
      settings: () => ({ enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '', end: '' }, reminderMinutes: 1 }),
      snoozedUntil: () => null,
      isDoNotDisturb: () => isDnd,
      show: (_n, kind) => shown.push(kind),
    });
    notifier.update([box('work', 3)], { isFirst: true });
    timers.advance(5 * 60_000);
    expect(shown).toEqual([]);
    isDnd = false;
    notifier.doNotDisturbChanged();
    timers.advance(60_000);
    expect(shown).toEqual(['reminder']);
  });
});
