import type { Mailbox } from '../../common/protocol.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import type { PlannedNotification } from './notification-policy.ts';
import { summaryText } from './notification-text.ts';
import { cutText } from '../../common/cut-text.ts';

/**
 * What a notification on screen said about one mailbox, so that it can be
 * withdrawn once it is no longer true (issue 23: read elsewhere, it goes).
 */
export interface NamedNews {
  id: string;
  /** The mailbox's count when the notification was shown. */
  countAt: number;
  /** How much of that count the notification spoke of. */
  added: number;
  /** The messages it named; none when the server names none. */
  messageIds: readonly string[];
}

/**
 * Whether every mailbox a notification spoke of has been read since: its
 * count fell, and the messages it named left the server's `messages` (or,
 * when it named none, the count fell by all it announced). A mailbox that is
 * gone from the answer counts as read. One mailbox still unread keeps it.
 */
export function isNotificationStale(named: readonly NamedNews[], mailboxes: readonly Mailbox[]): boolean {
  if (named.length === 0) return false;
  const byId = new Map(mailboxes.map((m) => [m.id, m]));
  return named.every((news) => {
    const now = byId.get(news.id);
    if (!now) return true;
    // A failing or not yet counted mailbox says nothing of what was read.
    if (now.state !== 'ok') return false;
    if (news.messageIds.length === 0) return now.count <= news.countAt - news.added;
    const listed = new Set((now.messages ?? []).map((m) => m.id));
    return now.count < news.countAt && news.messageIds.every((id) => !listed.has(id));
  });
}

/**
 * The reminder of what is still unread: "7 unread in Work", or for several
 * mailboxes the summary's words ("9 unread: Work 7, Home 2"). None when
 * nothing that may notify is unread.
 */
export function reminderNotification(
  withMail: ReadonlyArray<{ id: string; name: string; count: number }>, words: Translator,
): PlannedNotification | undefined {
  const listed = withMail.filter((m) => m.count > 0);
  const [only] = listed;
  if (!only) return undefined;
  const text = listed.length === 1
    ? { title: words.t('rules.reminder.one', { count: only.count, mailbox: cutText(only.name, 40) }), body: words.t('rules.reminder.body') }
    : summaryText(listed, words);
  return {
    ...text,
    mailboxIds: listed.map((m) => m.id),
    actions: [{ kind: 'open', label: words.t('notification.action.open') }],
  };
}
