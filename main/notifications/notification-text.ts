import type { MessageSummary } from '../../common/protocol.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { senderName } from '../../common/sender-name.ts';

/** What notifications may show: who wrote and about what, who only, or the count only (a screen others can see). */
export type NotificationDetail = 'sender-and-subject' | 'sender' | 'count';

/** New mail in one mailbox since the last notification. */
export interface MailboxNews {
  id: string;
  name: string;
  /** How much its count rose. */
  added: number;
  /** The new messages the server named, newest first; may be fewer than `added`, or none. */
  messages: readonly MessageSummary[];
}

export interface NotificationText {
  title: string;
  body: string;
}

// Notification centres cut long lines anyway, and not gracefully; these keep the important part in view.
const MAX_NAME = 40;
const MAX_SENDER = 40;
const MAX_SUBJECT = 80;
const MAX_LINES = 3;
const MAX_LISTED_MAILBOXES = 4;

/**
 * The words of a new-mail notification (issue 12; issue 10's bounded title),
 * in the user's language:
 * - one message: "Alice Smith" / "Lunch tomorrow? — Work";
 * - several in one mailbox: "3 new in Work", the senders in the body;
 * - two mailboxes: "5 new: Work 3, Home 2"; more: "36 new in 8 mailboxes",
 *   with the mailboxes in the body.
 * `detail` leaves out subjects, or senders too.
 */
export function newMailText(news: readonly MailboxNews[], total: number, detail: NotificationDetail, words: Translator): NotificationText {
  const sorted = [...news].sort((a, b) => b.added - a.added || a.name.localeCompare(b.name));
  const added = sorted.reduce((sum, n) => sum + n.added, 0);
  const messages = detail === 'count' ? [] : sorted.flatMap((n) => n.messages.map((message) => ({ message, mailbox: n.name })));
  const totalLine = words.t('notification.unreadInAll', { count: total });

  if (sorted.length === 1) {
    const only = sorted[0]!;
    const mailbox = short(only.name, MAX_NAME);
    const [first] = messages;
    if (only.added === 1 && first) {
      return {
        title: short(senderName(first.message.from), MAX_SENDER),
        body: detail === 'sender'
          ? words.t('notification.oneMessageSenderOnly', { mailbox })
          : words.t('notification.oneMessage', { subject: subjectOf(first.message, words), mailbox }),
      };
    }
    const title = words.t('notification.newInMailbox', { count: only.added, mailbox });
    if (messages.length === 0) return { title, body: totalLine };
    const named = messages.map((m) => m.message);
    return { title, body: detail === 'sender' ? fromLine(named, only.added, words) : messageLines(named, only.added, words) };
  }

  const [first, second] = sorted as [MailboxNews, MailboxNews];
  const title = sorted.length === 2
    ? words.t('notification.newInTwo', {
      count: added, first: short(first.name, MAX_NAME), firstCount: first.added, second: short(second.name, MAX_NAME), secondCount: second.added,
    })
    : words.t('notification.newInMailboxes', { count: added, mailboxes: sorted.length });
  const lines: string[] = [];
  if (sorted.length > 2) lines.push(mailboxList(sorted.map((n) => ({ name: n.name, count: n.added })), words));
  if (messages.length > 0) lines.push(fromLine(messages.map((m) => m.message), added, words));
  else lines.push(totalLine);
  return { title, body: lines.join('\n') };
}

/** The one summary after start or a reconnect: "12 unread: Work 10, Home 2"; past 2 mailboxes, "12 unread in 5 mailboxes". */
export function summaryText(withMail: ReadonlyArray<{ name: string; count: number }>, words: Translator): NotificationText {
  const sorted = [...withMail].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const total = sorted.reduce((sum, m) => sum + m.count, 0);
  const [first, second] = sorted;
  if (sorted.length > 2 || !first) {
    return { title: words.t('notification.summaryMany', { count: total, mailboxes: sorted.length }), body: mailboxList(sorted, words) };
  }
  const title = second
    ? words.t('notification.summaryTwo', {
      count: total, first: short(first.name, MAX_NAME), firstCount: first.count, second: short(second.name, MAX_NAME), secondCount: second.count,
    })
    : words.t('notification.summaryOne', { count: total, first: short(first.name, MAX_NAME), firstCount: first.count });
  return { title, body: words.t('notification.summaryBody') };
}

function subjectOf(message: MessageSummary, words: Translator): string {
  return message.subject.trim() ? short(message.subject, MAX_SUBJECT) : words.t('notification.noSubject');
}

/** "Alice Smith: Lunch tomorrow?" a line each, then "and 2 more". */
function messageLines(messages: readonly MessageSummary[], added: number, words: Translator): string {
  const lines = messages.slice(0, MAX_LINES)
    .map((m) => words.t('notification.senderAndSubject', { sender: short(senderName(m.from), MAX_SENDER), subject: subjectOf(m, words) }));
  const more = added - lines.length;
  if (more > 0) lines.push(words.t('notification.moreMessages', { count: more }));
  return lines.join('\n');
}

/** "From Alice Smith, Bob Jones, and 3 more": each sender once, listed as the language lists. */
function fromLine(messages: readonly MessageSummary[], added: number, words: Translator): string {
  const senders = [...new Set(messages.map((m) => short(senderName(m.from), MAX_SENDER)))];
  const shown = senders.slice(0, MAX_LINES);
  // Messages the server did not name are more mail too, from senders not known.
  const more = senders.length - shown.length + Math.max(0, added - messages.length);
  const items = more > 0 ? [...shown, words.t('notification.moreSenders', { count: more })] : shown;
  return words.t('notification.from', { senders: words.list(items) });
}

/** "Shared 8, Work 7, Home 5, Lists 3, and 4 more". */
function mailboxList(mailboxes: ReadonlyArray<{ name: string; count: number }>, words: Translator): string {
  const items = mailboxes.slice(0, MAX_LISTED_MAILBOXES).map(({ name, count }) => words.t('notification.mailboxCount', { name: short(name, MAX_NAME), count }));
  const more = mailboxes.length - items.length;
  return words.list(more > 0 ? [...items, words.t('notification.moreMailboxes', { count: more })] : items);
}

/** At most `max` characters; a cut falls after a whole word when one ends near it. */
function short(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  let cut = points.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > 0 && space > cut.length - 12) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
