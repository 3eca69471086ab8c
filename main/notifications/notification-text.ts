import type { MessageSummary } from '../../common/protocol.ts';
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
 * The words of a new-mail notification (issue 12; issue 10's bounded title):
 * - one message: "Alice Smith" / "Lunch tomorrow? — Work";
 * - several in one mailbox: "3 new in Work", the senders in the body;
 * - two mailboxes: "5 new: Work 3, Home 2"; more: "36 new in 8 mailboxes",
 *   with the mailboxes in the body.
 * `detail` leaves out subjects, or senders too.
 */
export function newMailText(news: readonly MailboxNews[], total: number, detail: NotificationDetail): NotificationText {
  const sorted = [...news].sort((a, b) => b.added - a.added || a.name.localeCompare(b.name));
  const added = sorted.reduce((sum, n) => sum + n.added, 0);
  const messages = detail === 'count' ? [] : sorted.flatMap((n) => n.messages.map((message) => ({ message, mailbox: n.name })));
  const totalLine = `${total} unread in all`;

  if (sorted.length === 1) {
    const only = sorted[0]!;
    const [first] = messages;
    if (only.added === 1 && first) {
      return {
        title: short(senderName(first.message.from), MAX_SENDER),
        body: detail === 'sender' ? `New mail in ${short(only.name, MAX_NAME)}` : `${subjectOf(first.message)} — ${short(only.name, MAX_NAME)}`,
      };
    }
    const title = `${only.added} new in ${short(only.name, MAX_NAME)}`;
    if (messages.length === 0) return { title, body: totalLine };
    return { title, body: detail === 'sender' ? fromLine(messages.map((m) => m.message), only.added) : messageLines(messages.map((m) => m.message), only.added) };
  }

  const title = sorted.length === 2
    ? `${added} new: ${sorted.map((n) => `${short(n.name, MAX_NAME)} ${n.added}`).join(', ')}`
    : `${added} new in ${sorted.length} mailboxes`;
  const lines: string[] = [];
  if (sorted.length > 2) lines.push(listed(sorted.map((n) => `${short(n.name, MAX_NAME)} ${n.added}`), MAX_LISTED_MAILBOXES));
  if (messages.length > 0) lines.push(fromLine(messages.map((m) => m.message), added));
  else lines.push(totalLine);
  return { title, body: lines.join('\n') };
}

/** The one summary after start or a reconnect: "12 unread: Work 10, Home 2"; past 2 mailboxes, "12 unread in 5 mailboxes". */
export function summaryText(withMail: ReadonlyArray<{ name: string; count: number }>): NotificationText {
  const sorted = [...withMail].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const total = sorted.reduce((sum, m) => sum + m.count, 0);
  const parts = sorted.map((m) => `${short(m.name, MAX_NAME)} ${m.count}`);
  if (sorted.length <= 2) return { title: `${total} unread: ${parts.join(', ')}`, body: 'Mailtray is watching your mailboxes' };
  return { title: `${total} unread in ${sorted.length} mailboxes`, body: listed(parts, MAX_LISTED_MAILBOXES) };
}

function subjectOf(message: MessageSummary): string {
  return message.subject.trim() ? short(message.subject, MAX_SUBJECT) : '(no subject)';
}

/** "Alice Smith: Lunch tomorrow?" a line each, then "and 2 more". */
function messageLines(messages: readonly MessageSummary[], added: number): string {
  const lines = messages.slice(0, MAX_LINES).map((m) => `${short(senderName(m.from), MAX_SENDER)}: ${subjectOf(m)}`);
  const more = added - lines.length;
  if (more > 0) lines.push(`and ${more} more`);
  return lines.join('\n');
}

/** "From Alice Smith, Bob Jones and 3 more": each sender once. */
function fromLine(messages: readonly MessageSummary[], added: number): string {
  const senders = [...new Set(messages.map((m) => short(senderName(m.from), MAX_SENDER)))];
  const shown = senders.slice(0, MAX_LINES);
  // Messages the server did not name are more mail too, from senders not known.
  const more = senders.length - shown.length + Math.max(0, added - messages.length);
  if (more > 0) return `From ${shown.join(', ')} and ${more} more`;
  return `From ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0]}`;
}

/** "Shared 8, Work 7, Home 5, Lists 3 and 4 more". */
function listed(parts: readonly string[], max: number): string {
  if (parts.length <= max) return parts.join(', ');
  return `${parts.slice(0, max).join(', ')} and ${parts.length - max} more`;
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
