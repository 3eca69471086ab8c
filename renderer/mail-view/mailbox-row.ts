import type { MailboxView, MailtrayApi } from '../../main/ipc-contract.ts';
import { h, setText } from '../dom.ts';
import type { MailboxLine } from './mailbox-words.ts';
import { messageList } from './message-list.ts';

export interface MailboxRow {
  element: HTMLLIElement;
  update(mailbox: MailboxView, line: MailboxLine): void;
}

/**
 * One mailbox's row, updated in place: the list redraws every few seconds and
 * a focused Open button must keep its focus.
 */
export function mailboxRow(api: MailtrayApi, id: string): MailboxRow {
  const dot = h('span', { class: 'mailbox-dot', 'aria-hidden': 'true' });
  const name = h('span', { class: 'mailbox-name' });
  const muted = h('span', { class: 'mailbox-tag mailbox-muted' }, 'muted');
  // Said in words beside the count: a count the total leaves out made "4 unread" stand beside 3, 1 and 12.
  const leftOut = h('span', { class: 'mailbox-tag mailbox-left-out' }, 'not in total');
  const messages = messageList(api, id);
  const count = h('span', { class: 'mailbox-count' });
  const open = h('button', { type: 'button', class: 'link' }, 'Open');
  const state = h('p', { class: 'mailbox-state' });
  const advice = h('p', { class: 'mailbox-advice' });
  const note = h('p', { class: 'mailbox-note' });
  open.addEventListener('click', () => { void api.openMailbox(id); });
  const element = h('li', { class: 'mailbox', 'data-mailbox': id },
    h('div', { class: 'mailbox-head' }, dot, name, muted, leftOut, open, count), state, note, advice, messages.element);

  return {
    element,
    update(mailbox, line) {
      element.className = `mailbox ${line.tone}`;
      setText(name, mailbox.name);
      name.title = mailbox.name;
      setText(count, String(mailbox.count));
      count.classList.toggle('has-mail', mailbox.count > 0);
      const isLeftOut = mailbox.isLeftOutOfTotal === true;
      count.setAttribute('aria-label', isLeftOut ? `${mailbox.count} unread, not in total` : `${mailbox.count} unread`);
      const opensIn = mailbox.opensIn ?? (mailbox.webUrl === undefined ? undefined : 'browser');
      open.hidden = opensIn === undefined;
      open.setAttribute('aria-label', `Open ${mailbox.name} in the ${opensIn ?? 'browser'}`);
      // A colour from the settings: set through the CSSOM, which the page's CSP allows (no style attribute).
      dot.hidden = mailbox.colour === undefined;
      if (mailbox.colour) element.style.setProperty('--mailbox-colour', mailbox.colour);
      else element.style.removeProperty('--mailbox-colour');
      muted.hidden = mailbox.isMuted !== true;
      muted.title = 'Counted, never notified';
      leftOut.hidden = !isLeftOut;
      leftOut.title = 'Counted here, left out of the total and the tray badge';
      count.classList.toggle('left-out', isLeftOut);
      messages.update(mailbox);
      setText(state, line.text);
      setText(advice, line.advice ?? '');
      advice.hidden = line.advice === undefined;
      setText(note, line.note ?? '');
      note.hidden = line.note === undefined;
    },
  };
}
