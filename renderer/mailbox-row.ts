import type { MailboxView, MailtrayApi } from '../main/ipc-contract.ts';
import { h, setText } from './dom.ts';
import type { MailboxLine } from './mailbox-words.ts';

export interface MailboxRow {
  element: HTMLLIElement;
  update(mailbox: MailboxView, line: MailboxLine): void;
}

/**
 * One mailbox's row, updated in place: the list redraws every few seconds and
 * a focused Open button must keep its focus.
 */
export function mailboxRow(api: MailtrayApi, id: string): MailboxRow {
  const name = h('span', { class: 'mailbox-name' });
  const count = h('span', { class: 'mailbox-count' });
  const open = h('button', { type: 'button', class: 'link' }, 'Open');
  const state = h('p', { class: 'mailbox-state' });
  const advice = h('p', { class: 'mailbox-advice' });
  open.addEventListener('click', () => { void api.openMailbox(id); });
  const element = h('li', { class: 'mailbox', 'data-mailbox': id },
    h('div', { class: 'mailbox-head' }, name, open, count), state, advice);

  return {
    element,
    update(mailbox, line) {
      element.className = `mailbox ${line.tone}`;
      setText(name, mailbox.name);
      name.title = mailbox.name;
      setText(count, String(mailbox.count));
      count.classList.toggle('has-mail', mailbox.count > 0);
      count.setAttribute('aria-label', `${mailbox.count} unread`);
      open.hidden = mailbox.webUrl === undefined;
      open.setAttribute('aria-label', `Open ${mailbox.name} in the browser`);
      setText(state, line.text);
      setText(advice, line.advice ?? '');
      advice.hidden = line.advice === undefined;
    },
  };
}
