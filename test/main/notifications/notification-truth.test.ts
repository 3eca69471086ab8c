import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { Mailbox, MessageSummary } from '../../../common/protocol.ts';
import type { MailboxRules, NotificationSettings } from '../../../main/ipc-contract.ts';
import { isNotificationStale, type NamedNews } from '../../../main/notifications/notification-truth.ts';
import { Notifier } from '../../../main/notifications/notifier.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

const message = (id: string): MessageSummary => ({ id, from: `Sender ${id} <${id}@example.com>`, subject: `About ${id}` });
const box = (id: string, count: number, ids?: string[], state: Mailbox['state'] = 'ok'): Mailbox =>
  ({ id, name: id === 'work' ? 'Work' : 'Home', count, state, changedAt: '', ...(ids ? { messages: ids.map(message) } : {}) });

describe('a notification is stale once what it said was read', () => {
  const aliceInWork: NamedNews = { id: 'work', countAt: 3, added: 1, messageIds: ['a'] };
  const twoInHome: NamedNews = { id: 'home', countAt: 5, added: 2, messageIds: [] };
  it.each([
    ['nothing changed', [aliceInWork], [box('work', 3, ['a', 'x'])], false],
    ['the message was read: the count fell and it left the list', [aliceInWork], [box('work', 2, ['x'])], true],
    ['another message was read: the named one is still listed', [aliceInWork], [box('work', 2, ['a'])], false],
    ['the message left the list but the count did not fall (more mail pushed it out)', [aliceInWork], [box('work', 3, ['y', 'x'])], false],
    ['no messages named: the count fell by what it announced', [twoInHome], [box('home', 3)], true],
    ['no messages named: the count fell by less', [twoInHome], [box('home', 4)], false],
    ['a failing mailbox says nothing of what was read', [twoInHome], [box('home', 0, undefined, 'error')], false],
    ['the mailbox is gone', [twoInHome], [box('work', 3)], true],
    ['two mailboxes: one still unread keeps it', [aliceInWork, twoInHome], [box('work', 2, ['x']), box('home', 5)], false],
    ['two mailboxes: both read', [aliceInWork, twoInHome], [box('work', 2, []), box('home', 1)], true],
    ['it named nothing', [], [box('work', 0)], false],
  ] as Array<[string, NamedNews[], Mailbox[], boolean]>)('%s', (_name, named, mailboxes, stale) => {
    expect(isNotificationStale(named, mailboxes)).toBe(stale);
  });
});

function notifierOn(settings: Partial<NotificationSettings> = {}, rules: Record<string, MailboxRules> = {}, muted: string[] = []) {
  const start = new Date(2026, 10, 23, 10, 0).getTime(); // a Monday, 10:00 local time
  const timers = new FakeTimers(start);
  const log: string[] = [];
  let snoozedUntil: number | null = null;
  const notifier = new Notifier({
    timers,
    settings: () => ({ enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...settings }),
    snoozedUntil: () => snoozedUntil,
    prefs: () => ({ detail: 'sender-and-subject', words: translatorFor('en'), isMuted: (id) => muted.includes(id), canMarkRead: () => false, isInTotal: () => true }),
    rulesOf: (id) => rules[id] ?? {},
    show: (n, kind) => log.push(`${Math.round((timers.now() - start) / 60_000)} min ${kind}: ${n.title}`),
    withdraw: () => log.push(`${Math.round((timers.now() - start) / 60_000)} min withdrawn`),
  });
  return { timers, log, notifier, snooze: (until: number | null) => { snoozedUntil = until; }, start };
}

describe('notifications that stay true', () => {
  it('a notification is withdrawn when its message is read elsewhere, and only then', () => {
    const { timers, log, notifier } = notifierOn();
    notifier.update([box('work', 2, ['x', 'y'])], { isFirst: true });
    notifier.update([box('work', 3, ['a', 'x', 'y'])], { isFirst: false });
    timers.advance(2000);
    notifier.update([box('work', 2, ['a', 'y'])], { isFirst: false });
    timers.advance(60_000);
    notifier.update([box('work', 1, ['y'])], { isFirst: false });
    notifier.update([box('work', 0, [])], { isFirst: false });
    expect(log).toEqual(['0 min new-mail: Sender a', '1 min withdrawn']);
  });

  it('a notification of two mailboxes stays until both are read', () => {
    const { timers, log, notifier } = notifierOn();
    notifier.update([box('work', 0, []), box('home', 0)], { isFirst: true });
    notifier.update([box('work', 1, ['a']), box('home', 2)], { isFirst: false });
    timers.advance(2000);
    notifier.update([box('work', 0, []), box('home', 2)], { isFirst: false });
    timers.advance(60_000);
    notifier.update([box('work', 0, []), box('home', 0)], { isFirst: false });
    expect(log).toEqual(['0 min new-mail: 3 new: Home 2, Work 1', '1 min withdrawn']);
  });
});

describe('reminders of unread mail', () => {
  it('off by default: no reminder however long mail waits', () => {
    const { timers, log, notifier } = notifierOn();
    notifier.update([box('work', 7, [])], { isFirst: true });
    timers.advance(24 * 3600_000);
    expect(log).toEqual([]);
  });

  it('"7 unread in Work" every N minutes while mail is unread; withdrawn when it is read; none while nothing is', () => {
    const { timers, log, notifier } = notifierOn({ reminderMinutes: 30 });
    notifier.update([box('work', 7, []), box('home', 0)], { isFirst: true });
    timers.advance(30 * 60_000);
    timers.advance(30 * 60_000);
    notifier.update([box('work', 0, []), box('home', 0)], { isFirst: false });
    timers.advance(90 * 60_000);
    expect(log).toEqual(['30 min reminder: 7 unread in Work', '60 min reminder: 7 unread in Work', '60 min withdrawn']);
  });

  it('new mail restarts the period, so the reminder does not repeat the news at once', () => {
    const { timers, log, notifier } = notifierOn({ reminderMinutes: 30 });
    notifier.update([box('work', 1, [])], { isFirst: true });
    timers.advance(20 * 60_000);
    notifier.update([box('work', 2, [])], { isFirst: false });
    timers.advance(29 * 60_000);
    timers.advance(2 * 60_000);
    expect(log).toEqual(['20 min new-mail: 1 new in Work', '50 min reminder: 2 unread in Work']);
  });

  it('leaves out muted mailboxes and those outside their schedule, and says nothing while snoozed', () => {
    const weekends = { schedule: { days: [0, 6], start: '00:00', end: '00:00' } };
    const { timers, log, notifier, snooze, start } = notifierOn({ reminderMinutes: 60 }, { home: weekends }, ['news']);
    notifier.update([box('work', 2, []), box('home', 4), { ...box('home', 9), id: 'news', name: 'News' }], { isFirst: true });
    timers.advance(60 * 60_000);
    snooze(start + 3 * 3600_000);
    timers.advance(60 * 60_000);
    expect(log).toEqual(['60 min reminder: 2 unread in Work']);
  });

  it('several mailboxes: the summary words', () => {
    const { timers, log, notifier } = notifierOn({ reminderMinutes: 15 });
    notifier.update([box('work', 7, []), box('home', 2)], { isFirst: true });
    timers.advance(15 * 60_000);
    expect(log).toEqual(['15 min reminder: 9 unread: Work 7, Home 2']);
  });
});
