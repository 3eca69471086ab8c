import type { Translator } from '../../common/i18n/translator.ts';
import type { Mailbox } from '../../common/protocol.ts';
import type { NotificationSettings } from '../ipc-contract.ts';
import { minutesOfClockTime } from '../../common/clock-time.ts';
import { newMailText, summaryText, type MailboxNews, type NotificationDetail } from './notification-text.ts';

/** New mail in one mailbox: its count went up by `added`. */
export interface Rise {
  id: string;
  name: string;
  added: number;
}

/** A button on a notification (macOS and Windows; Linux through Electron shows none, electron#24333). */
export type NotificationAction =
  | { kind: 'mark-read'; label: string; mailboxId: string; messageIds: string[] }
  | { kind: 'open'; label: string };

export interface PlannedNotification {
  title: string;
  body: string;
  /** The mailboxes it speaks of; a click on a one-mailbox notification opens that mailbox. */
  mailboxIds: string[];
  actions: NotificationAction[];
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


/** What notifications of new mail take from the settings. */
export interface NewMailPrefs {
  detail: NotificationDetail;
  /** The words of the language the settings chose. */
  words: Translator;
  /** Counted, never notified. */
  isMuted(id: string): boolean;
  /** Whether the server lets the app mark this mailbox's messages read. */
  canMarkRead(id: string): boolean;
  /** Whether its count is part of the total ("unread in all"), as on the tray. */
  isInTotal(id: string): boolean;
}

/**
 * The notification for new mail in these mailboxes, or none when all of them
 * are muted. One mailbox with messages the server named gets "Mark as read"
 * for exactly those; every notification gets "Open".
 */
export function newMailNotification(news: readonly MailboxNews[], total: number, prefs: NewMailPrefs): PlannedNotification | undefined {
  const heard = news.filter((n) => !prefs.isMuted(n.id) && n.added > 0);
  if (heard.length === 0) return undefined;
  const sorted = [...heard].sort((a, b) => b.added - a.added || a.name.localeCompare(b.name));
  const actions: NotificationAction[] = [];
  const [only] = sorted;
  const { words } = prefs;
  if (sorted.length === 1 && only && only.messages.length > 0 && prefs.canMarkRead(only.id)) {
    actions.push({ kind: 'mark-read', label: words.t('notification.action.markRead'), mailboxId: only.id, messageIds: only.messages.map((m) => m.id) });
  }
  actions.push({ kind: 'open', label: words.t('notification.action.open') });
  return { ...newMailText(sorted, total, prefs.detail, words), mailboxIds: sorted.map((n) => n.id), actions };
}

/** The optional single summary after start or a reconnect: "12 unread: Work 10, Home 2" (muted mailboxes left out). */
export function summaryNotification(
  mailboxes: readonly Mailbox[], words: Translator, isMuted: (id: string) => boolean = () => false,
): PlannedNotification | undefined {
  const withMail = mailboxes.filter((m) => m.count > 0 && !isMuted(m.id)).sort((a, b) => b.count - a.count);
  if (withMail.length === 0) return undefined;
  return { ...summaryText(withMail, words), mailboxIds: withMail.map((m) => m.id), actions: [{ kind: 'open', label: words.t('notification.action.open') }] };
}
