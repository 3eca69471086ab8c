import { describe, expect, it } from 'vitest';
import type { Mailbox, MessageSummary } from '../../../common/protocol.ts';
import type { MailboxRules, NotificationSettings } from '../../../main/ipc-contract.ts';
import { isInSchedule, isSenderListed, senderAddress } from '../../../main/notifications/mailbox-rules.ts';
import { Notifier } from '../../../main/notifications/notifier.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

// Saturday 21 November 2026, local time; the cases move the clock from there.
const SATURDAY = new Date(2026, 10, 21, 12, 0).getTime();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (day: number, hours: number, minutes = 0) => SATURDAY - 12 * HOUR + day * DAY + hours * HOUR + minutes * 60_000;

const message = (id: string, from: string): MessageSummary => ({ id, from, subject: `Subject ${id}` });
const alice = message('a', 'Alice Smith <alice@example.com>');
const boss = message('b', '"The Boss" <Boss@Work.example>');
const list = message('l', 'Newsletter <news@lists.example.org>');
const lookalike = message('x', 'Bad <boss@badwork.example>');

interface Case {
  name: string;
  rules: MailboxRules;
  /** When the new mail arrives (see `at`: day 0 is Saturday). */
  when: number;
  arrives: MessageSummary[];
  settings?: Partial<NotificationSettings>;
  snoozed?: boolean;
  expected: string[];
}

const weekdays = { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' };

const cases: Case[] = [
  { name: 'no rules: mail notifies', rules: {}, when: at(0, 12), arrives: [alice], expected: ['Alice Smith'] },
  { name: 'a sender that never notifies is counted, not notified', rules: { neverSenders: ['lists.example.org'] }, when: at(0, 12), arrives: [list], expected: [] },
  {
    name: 'beside a sender that never notifies, the others still do, and only they are named',
    rules: { neverSenders: ['news@lists.example.org'] }, when: at(0, 12), arrives: [alice, list], expected: ['Alice Smith'],
  },
  { name: 'a weekday schedule keeps Saturday quiet', rules: { schedule: weekdays }, when: at(0, 12), arrives: [alice], expected: [] },
  { name: 'a weekday schedule notifies on Monday at 09:00', rules: { schedule: weekdays }, when: at(2, 9), arrives: [alice], expected: ['Alice Smith'] },
  { name: 'a weekday schedule is quiet on Monday at 18:00 (the end is not in it)', rules: { schedule: weekdays }, when: at(2, 18), arrives: [alice], expected: [] },
  {
    name: 'hours across midnight belong to the day they start on: Friday 22:00-06:00 notifies early on Saturday',
    rules: { schedule: { days: [5], start: '22:00', end: '06:00' } }, when: at(0, 1), arrives: [alice], expected: ['Alice Smith'],
  },
  {
    name: '... and not early on Friday (Thursday is not listed)',
    rules: { schedule: { days: [5], start: '22:00', end: '06:00' } }, when: at(-1, 1), arrives: [alice], expected: [],
  },
  {
    name: 'an important sender notifies outside the schedule (matched without case)',
    rules: { schedule: weekdays, importantSenders: ['boss@work.example'] }, when: at(0, 12), arrives: [boss], expected: ['The Boss'],
  },
  {
    name: 'an important domain does not match a look-alike domain',
    rules: { schedule: weekdays, importantSenders: ['work.example'] }, when: at(0, 12), arrives: [lookalike], expected: [],
  },
  {
    name: 'an important sender is held by quiet hours unless the mailbox says "even in quiet hours"',
    rules: { importantSenders: ['work.example'] }, when: at(0, 23), settings: { quietHours: { enabled: true, start: '22:00', end: '07:00' } },
    arrives: [boss], expected: [],
  },
  {
    name: 'an important sender breaks quiet hours when the mailbox says so; others stay quiet',
    rules: { importantSenders: ['work.example'], importantInQuiet: true }, when: at(0, 23),
    settings: { quietHours: { enabled: true, start: '22:00', end: '07:00' } }, arrives: [boss], expected: ['The Boss'],
  },
  {
    name: '... and a snooze',
    rules: { importantSenders: ['@work.example'], importantInQuiet: true }, when: at(0, 12), snoozed: true, arrives: [boss], expected: ['The Boss'],
  },
  {
    name: 'mail that arrives with an important sender\'s in a snooze is not told with it: only the important sender is named',
    rules: { importantSenders: ['work.example'], importantInQuiet: true }, when: at(0, 12), snoozed: true, arrives: [boss, alice], expected: ['The Boss'],
  },
  {
    name: 'outside the schedule, too, only the important sender is named',
    rules: { schedule: weekdays, importantSenders: ['work.example'] }, when: at(0, 12), arrives: [alice, boss], expected: ['The Boss'],
  },
  {
    name: 'in the schedule with nothing blocking, an important sender is named beside the rest',
    rules: { schedule: weekdays, importantSenders: ['work.example'] }, when: at(2, 9), arrives: [boss, alice], expected: ['2 new in Work'],
  },
  {
    name: 'a snooze holds the rest',
    rules: { importantSenders: ['work.example'], importantInQuiet: true }, when: at(0, 12), snoozed: true, arrives: [alice], expected: [],
  },
  {
    name: 'notifications turned off stay off even for an important sender',
    rules: { importantSenders: ['work.example'], importantInQuiet: true }, when: at(0, 12), settings: { enabled: false }, arrives: [boss], expected: [],
  },
  {
    name: 'an important sender on the never list is not heard',
    rules: { importantSenders: ['work.example'], neverSenders: ['boss@work.example'] }, when: at(0, 12), arrives: [boss], expected: [],
  },
];

describe('per-mailbox rules decide which new mail notifies', () => {
  it.each(cases)('$name', ({ rules, when, arrives, settings, snoozed, expected }) => {
    const timers = new FakeTimers(when - 60_000);
    const shown: string[] = [];
    const notifier = new Notifier({
      timers,
      settings: () => ({ enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...settings }),
      snoozedUntil: () => (snoozed ? when + HOUR : null),
      prefs: () => ({ detail: 'sender-and-subject', words: translatorFor('en'), isMuted: () => false, canMarkRead: () => false, isInTotal: () => true }),
      rulesOf: (id) => (id === 'work' ? rules : {}),
      show: (n) => shown.push(n.title),
    });
    const work = (count: number, messages: MessageSummary[]): Mailbox[] => [{ id: 'work', name: 'Work', count, state: 'ok', changedAt: '', messages }];
    notifier.update(work(0, []), { isFirst: true });
    timers.advanceTo(when);
    notifier.update(work(arrives.length, arrives), { isFirst: false });
    timers.advance(60_000);
    expect(shown).toEqual(expected);
  });
});

describe('the sender as the server sends it', () => {
  it.each([
    ['Alice Smith <alice@example.com>', 'alice@example.com'],
    ['"Smith, Alice" <Alice@Example.COM>', 'alice@example.com'],
    ['alice@example.com', 'alice@example.com'],
    ['<alice@example.com>', 'alice@example.com'],
    ['Alice Smith', undefined],
    ['', undefined],
  ])('%j is %j', (from, address) => {
    expect(senderAddress(from)).toBe(address);
  });

  it.each([
    ['an address', 'alice@example.com', ['alice@example.com'], true],
    ['another address at the same domain', 'bob@example.com', ['alice@example.com'], false],
    ['a domain', 'bob@example.com', ['example.com'], true],
    ['a domain written with @', 'bob@example.com', ['@example.com'], true],
    ['a subdomain of a listed domain', 'bob@mail.example.com', ['example.com'], true],
    ['a domain that only ends in the same letters', 'bob@badexample.com', ['example.com'], false],
    ['a sender with no address', 'Bob', ['example.com'], false],
    ['an empty list', 'bob@example.com', [], false],
  ])('%s', (_name, from, entries, listed) => {
    expect(isSenderListed(from, entries)).toBe(listed);
  });
});

describe('a weekday schedule', () => {
  it.each([
    ['Monday 08:00, the start', weekdays, at(2, 8), true],
    ['Monday 07:59', weekdays, at(2, 7, 59), false],
    ['Sunday noon', weekdays, at(1, 12), false],
    ['equal times: the whole listed day', { days: [6], start: '00:00', end: '00:00' }, at(0, 23, 59), true],
    ['equal times: not another day', { days: [6], start: '09:00', end: '09:00' }, at(1, 10), false],
    ['no days: never', { days: [], start: '08:00', end: '18:00' }, at(2, 9), false],
  ])('%s', (_name, schedule, now, inside) => {
    expect(isInSchedule(schedule, now)).toBe(inside);
  });
});
