import type { CountsView, MailtrayApi, ServerLabel } from '../../main/ipc-contract.ts';
import { answerCutSentences } from './answer-cut-words.ts';
import { h, setText } from '../dom.ts';
import { mailboxRow, type MailboxRow } from './mailbox-row.ts';
import { mailboxLine } from './mailbox-words.ts';

export interface CountsPanel {
  element: HTMLElement;
  /**
   * Draws the counts; called on every change and every few seconds so "2 min
   * ago" stays true. While not live, counts say when they were last confirmed.
   */
  show(counts: CountsView, mode: ServerLabel['mode'], isLive: boolean, now: number, confirmedAt: number | null): void;
}

/** The total and one row per mailbox: name, count, and its state in words. */
export function countsPanel(api: MailtrayApi, openSettings: () => void): CountsPanel {
  const totalNumber = h('span', { class: 'total-number' });
  const totalWords = h('span', { class: 'total-words' });
  const list = h('ul', { class: 'mailboxes', 'aria-label': 'Mailboxes' });
  // A remote server may send more than the app takes (main/connection/read-answer.ts): this says what was left out.
  const cutNotice = h('p', { class: 'answer-cut', role: 'note', hidden: true });
  const emptyText = h('p', {});
  const settingsButton = h('button', { type: 'button', class: 'secondary' }, 'Open Settings');
  settingsButton.addEventListener('click', openSettings);
  const empty = h('div', { class: 'empty', hidden: true }, emptyText, settingsButton);
  const total = h('p', { class: 'total' }, totalNumber, totalWords);
  const element = h('section', { class: 'counts', 'aria-label': 'Unread mail' }, total, cutNotice, list, empty);
  const rows = new Map<string, MailboxRow>();

  return {
    element,
    show(counts, mode, isLive, now, confirmedAt) {
      const staleSince = isLive || confirmedAt === null ? undefined : confirmedAt;
      // Before the server's first answer nothing is known: not a total of 0, not "no mailboxes".
      const isWaiting = !isLive && confirmedAt === null && counts.mailboxes.length === 0;
      element.classList.toggle('stale', !isLive);
      total.hidden = isWaiting;
      setText(totalNumber, String(counts.total));
      setText(totalWords, counts.total === 1 ? ' unread message' : ' unread messages');
      const cut = answerCutSentences(counts.cut);
      setText(cutNotice, cut.join(' '));
      cutNotice.hidden = cut.length === 0;

      const seen = new Set<string>();
      const ordered = counts.mailboxes.map((mailbox) => {
        seen.add(mailbox.id);
        let row = rows.get(mailbox.id);
        if (!row) {
          row = mailboxRow(api, mailbox.id);
          rows.set(mailbox.id, row);
        }
        row.update(mailbox, mailboxLine(mailbox, now, mode, staleSince));
        return row.element;
      });
      for (const [id, row] of rows) {
        if (!seen.has(id)) { row.element.remove(); rows.delete(id); }
      }
      // Moving a row would drop a focused button's focus: only touch the order when it changed.
      const inOrder = ordered.length === list.children.length && ordered.every((row, index) => list.children[index] === row);
      if (!inOrder) list.replaceChildren(...ordered);

      empty.hidden = counts.mailboxes.length > 0;
      settingsButton.hidden = mode !== 'bundled' || isWaiting;
      setText(emptyText, emptyWords(mode, isWaiting));
    },
  };
}

function emptyWords(mode: ServerLabel['mode'], isWaiting: boolean): string {
  if (isWaiting) return "No counts yet: waiting for the server's first answer.";
  return mode === 'bundled'
    ? 'No mailboxes yet. Add a mail account in Settings.'
    : 'The server shows no mailboxes for this token.';
}
