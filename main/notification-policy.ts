import type { Mailbox } from '../common/protocol.ts';
import type { NotificationSettings } from './ipc-contract.ts';
import { minutesOfClockTime } from '../common/clock-time.ts';

/** New mail in one mailbox: its count went up by `added`. */
export interface Rise {
  id: string;
  name: string;
  added: number;
}

export interface PlannedNotification {
  title: string;
  body: string;
  /** The mailboxes it speaks of; a click on a one-mailbox notification opens that mailbox. */
  mailboxIds: string[];
}

export type NotificationBlock = 'disabled' | 'snoozed' | 'quiet-hours';

/**
 * The mailboxes whose count went up from `before` to `after`. A mailbox that
 * was not known before, or had no count yet (`pending`, e.g. an IMAP login
 * still under way), has not "risen": its first count is old mail.
 */
export function risesBetween(before: readonly Mailbox[], after: readonly Mailbox[]): Rise[] {
  const previous = new Map(before.map((m) => [m.id, m]));
  const rises: Rise[] = [];
  for (const mailbox of after) {
    const was = previous.get(mailbox.id);
    if (!was || was.state === 'pending' || mailbox.state === 'pending') continue;
    if (mailbox.count > was.count) rises.push({ id: mailbox.id, name: mailbox.name, added: mailbox.count - was.count });
  }
  return rises;
}

/** Why no notification may be shown now, or undefined when one may. */
export function notificationBlock(
  settings: NotificationSettings, snoozedUntil: number | null, now: number,
): NotificationBlock | undefined {
  if (!settings.enabled) return 'disabled';
  if (snoozedUntil !== null && now < snoozedUntil) return 'snoozed';
  if (settings.quietHours.enabled && isInQuietHours(settings.quietHours.start, settings.quietHours.end, now)) {
    return 'quiet-hours';
  }
  return undefined;
}

/** Whether local time `now` is in [start, end); "22:00"-"07:00" spans midnight; equal times mean never. */
export function isInQuietHours(start: string, end: string, now: number): boolean {
  const from = minutesOfClockTime(start);
  const to = minutesOfClockTime(end);
  if (from === undefined || to === undefined || from === to) return false;
  const date = new Date(now);
  const minute = date.getHours() * 60 + date.getMinutes();
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}


/** "3 new: Work 2, Home 1", biggest first. */
export function newMailNotification(rises: readonly Rise[], total: number): PlannedNotification {
  const sorted = [...rises].sort((a, b) => b.added - a.added || a.name.localeCompare(b.name));
  const added = sorted.reduce((sum, r) => sum + r.added, 0);
  return {
    title: `${added} new: ${sorted.map((r) => `${r.name} ${r.added}`).join(', ')}`,
    body: `${total} unread in all`,
    mailboxIds: sorted.map((r) => r.id),
  };
}

/** The optional single summary after start or a reconnect: "12 unread: Work 10, Home 2". */
export function summaryNotification(mailboxes: readonly Mailbox[]): PlannedNotification | undefined {
  const withMail = mailboxes.filter((m) => m.count > 0).sort((a, b) => b.count - a.count);
  if (withMail.length === 0) return undefined;
  const total = withMail.reduce((sum, m) => sum + m.count, 0);
  return {
    title: `${total} unread: ${withMail.map((m) => `${m.name} ${m.count}`).join(', ')}`,
    body: 'Mailtray is watching your mailboxes',
    mailboxIds: withMail.map((m) => m.id),
  };
}
