import { connectionSummary } from '../../common/connection.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { failureReason } from '../../common/mailbox-failure.ts';
import { senderName } from '../../common/sender-name.ts';
import type { AppSnapshot, MailboxView } from '../ipc-contract.ts';

const MAX_NEWEST = 5;

/** How many terminal columns a piece of text takes: wide (CJK, Hangul) characters take two, combining marks none. */
export function columnsOf(text: string): number {
  let columns = 0;
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    const code = segment.codePointAt(0)!;
    columns += isWide(code) ? 2 : 1;
  }
  return columns;
}

// East Asian Wide and Fullwidth ranges (UAX #11), enough for the scripts our languages and mailbox names use.
function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
    || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/** At most `width` columns, an ellipsis marking the cut, never half a character. */
export function fitColumns(text: string, width: number): string {
  if (columnsOf(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    const size = columnsOf(segment);
    if (used + size > width - 1) break;
    out += segment;
    used += size;
  }
  return `${out}…`;
}

// Control characters (a server's text could carry an escape sequence) are shown as U+FFFD, never sent to the terminal.
const controls = /\p{Cc}/gu;
const clean = (text: string) => text.replace(controls, '\ufffd');

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columnsOf(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - columnsOf(text))) + text;
}

function mailboxNote(mailbox: MailboxView, words: Translator): string {
  const notes: string[] = [];
  if (mailbox.state === 'pending') notes.push(words.t('watch.view.pending'));
  if (mailbox.state === 'error') notes.push(failureReason(mailbox, words));
  if (mailbox.isMuted) notes.push(words.t('watch.view.muted'));
  if (mailbox.isLeftOutOfTotal) notes.push(words.t('watch.view.notInTotal'));
  return words.list(notes);
}

/**
 * The live view's lines, each at most `width` columns: the connection, each
 * mailbox's count (and why not, when it has none), the total, then the
 * newest unread messages across mailboxes. Plain text; the screen paints it.
 */
export function liveViewLines(snapshot: AppSnapshot, now: number, words: Translator, width: number): string[] {
  const { counts, status } = snapshot;
  const lines = [connectionSummary(status.connection, words)];
  if (status.connection.state !== 'live' && status.countsConfirmedAt !== null) {
    lines.push(words.t('watch.view.confirmedAt', { time: words.clock(status.countsConfirmedAt, now) }));
  }
  if (status.snoozedUntil !== null) lines.push(words.t('watch.view.snoozedUntil', { time: words.clock(status.snoozedUntil, now) }));
  lines.push('');
  if (counts.mailboxes.length === 0) {
    lines.push(`  ${words.t('watch.view.noMailboxes')}`);
  } else {
    const totalLabel = words.t('watch.view.total');
    const nameWidth = Math.min(Math.max(...counts.mailboxes.map((m) => columnsOf(clean(m.name))), columnsOf(totalLabel)), Math.max(8, Math.floor(width / 3)));
    const countWidth = Math.max(...counts.mailboxes.map((m) => words.number(m.count).length), words.number(counts.total).length);
    for (const mailbox of counts.mailboxes) {
      const count = mailbox.state === 'pending' ? '…' : words.number(mailbox.count);
      const note = clean(mailboxNote(mailbox, words));
      lines.push(`  ${padEnd(fitColumns(clean(mailbox.name), nameWidth), nameWidth)}  ${padStart(count, countWidth)}${note ? `  ${note}` : ''}`);
    }
    lines.push(`  ${padEnd(totalLabel, nameWidth)}  ${padStart(words.number(counts.total), countWidth)}`);
  }
  const newest = counts.mailboxes
    .flatMap((m) => (m.messages ?? []).map((message) => ({ message, mailbox: m.name })))
    .sort((a, b) => (b.message.date ?? '').localeCompare(a.message.date ?? ''))
    .slice(0, MAX_NEWEST);
  if (newest.length > 0) {
    lines.push('', words.t('watch.view.newest'));
    for (const { message, mailbox } of newest) {
      const subject = message.subject.trim() || words.t('notification.noSubject');
      const at = message.date ? Date.parse(message.date) : Number.NaN;
      const line = words.t('watch.view.message', { sender: clean(senderName(message.from)), subject: clean(subject), mailbox: clean(mailbox) });
      lines.push(`  ${Number.isNaN(at) ? '' : `${words.clock(at, now)}  `}${line}`);
    }
  }
  lines.push('', words.t('watch.view.quit'));
  return lines.map((line) => fitColumns(line, width));
}

/**
 * Paints the live view in place on a terminal: the cursor goes back up over
 * the last painting and the screen below it is cleared, so the view stays
 * where it started (scrollback above is kept, as over SSH). Lines never wrap:
 * liveViewLines fits them to the width, so counting lines counts rows.
 */
export class LiveScreen {
  readonly #write: (text: string) => void;
  #rows = 0;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  paint(lines: readonly string[]): void {
    const up = this.#rows > 0 ? `\x1b[${this.#rows}F` : '\r';
    this.#write(`${up}\x1b[J${lines.join('\n')}\n`);
    this.#rows = lines.length;
  }
}
