import { minutesOfClockTime } from '../../common/clock-time.ts';
import type { MailboxRules } from '../ipc-contract.ts';
import type { NotificationBlock } from './notification-policy.ts';
import type { MailboxNews } from './notification-text.ts';

/**
 * Per-mailbox notification rules (issue 23): who always or never notifies,
 * and on which days and hours a mailbox may notify. Pure: the clock and the
 * settings are passed in, so a table of cases holds every rule.
 */

/** The address in a `from` as servers send it: "Alice Smith <alice@example.com>", "<a@b>" or "alice@example.com"; lower case. */
export function senderAddress(from: string): string | undefined {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  const address = bracketed?.[1] ?? /^\s*([^\s<>"]+@[^\s<>"]+)\s*$/.exec(from)?.[1];
  return address?.toLowerCase();
}

/**
 * Whether a sender is on a list of addresses and domains: "alice@example.com"
 * is that address; "example.com" (or "@example.com") that domain and its
 * subdomains ("mail.example.com"), never "badexample.com".
 */
export function isSenderListed(from: string, entries: readonly string[] | undefined): boolean {
  if (!entries || entries.length === 0) return false;
  const address = senderAddress(from);
  if (!address) return false;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase().replace(/^@/, '');
    if (entry === '') return false;
    if (entry.includes('@')) return entry === address;
    return domain === entry || domain.endsWith(`.${entry}`);
  });
}

/**
 * Whether local time `now` is inside a weekday schedule: one of its `days`
 * (0 Sunday to 6 Saturday) between `start` and `end`. Hours that span
 * midnight ("22:00"-"06:00") belong to the day they start on; equal times
 * mean the whole day.
 */
export function isInSchedule(schedule: NonNullable<MailboxRules['schedule']>, now: number): boolean {
  const from = minutesOfClockTime(schedule.start) ?? 0;
  const to = minutesOfClockTime(schedule.end) ?? 0;
  const date = new Date(now);
  const day = date.getDay();
  const minute = date.getHours() * 60 + date.getMinutes();
  const days = new Set(schedule.days);
  if (from === to) return days.has(day);
  if (from < to) return days.has(day) && minute >= from && minute < to;
  // Across midnight: the evening of a listed day, or the small hours after one.
  return (days.has(day) && minute >= from) || (days.has((day + 6) % 7) && minute < to);
}

/** One mailbox's news once its rules are applied; `isImportant` when an important sender wrote. */
export interface HeardNews extends MailboxNews {
  isImportant: boolean;
}

/**
 * The news that may notify now. For each mailbox: messages from senders it
 * never hears are taken out (they stay counted); one from an important
 * sender notifies outside its schedule, and in quiet hours or a snooze when
 * the mailbox says so; otherwise the global block and the schedule decide.
 * Notifications turned off stay off for everyone.
 */
export function heardNews(
  news: readonly MailboxNews[], rulesOf: (id: string) => MailboxRules, block: NotificationBlock | undefined, now: number,
): HeardNews[] {
  if (block === 'disabled') return [];
  return news.flatMap((item) => {
    const rules = rulesOf(item.id);
    const blocked = item.messages.filter((m) => isSenderListed(m.from, rules.neverSenders));
    const messages = item.messages.filter((m) => !blocked.includes(m));
    const added = item.added - blocked.length;
    if (added <= 0) return [];
    const important = messages.filter((m) => isSenderListed(m.from, rules.importantSenders));
    const isImportant = important.length > 0;
    const breaksQuiet = isImportant && rules.importantInQuiet === true;
    if (block !== undefined && !breaksQuiet) return [];
    const outOfSchedule = rules.schedule !== undefined && !isInSchedule(rules.schedule, now);
    if (outOfSchedule && !isImportant) return [];
    // Let through only by an important sender: only that sender's mail is told, the rest waits as the block says.
    if (block !== undefined || outOfSchedule) return [{ ...item, added: important.length, messages: important, isImportant }];
    return [{ ...item, added, messages, isImportant }];
  });
}
