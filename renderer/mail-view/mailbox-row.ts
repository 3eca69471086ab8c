import type { MailboxView, MailtrayApi } from '../../main/ipc-contract.ts';
import { failureReason } from '../../common/mailbox-failure.ts';
import { h, setText } from '../dom.ts';
import { currentWords, worded } from '../words.ts';
import type { MailboxLine } from './mailbox-words.ts';
import { messageList } from './message-list.ts';
import { folderBreakdown } from './folder-breakdown.ts';

export interface MailboxRow {
  element: HTMLLIElement;
  update(mailbox: MailboxView, line: MailboxLine): void;
}

/**
 * One mailbox's row, updated in place: the list redraws every few seconds and
 * a focused Open button must keep its focus.
 */
export function mailboxRow(api: MailtrayApi, id: string, pickFolders: (id: string) => void = () => {}): MailboxRow {
  const dot = h('span', { class: 'mailbox-dot', 'aria-hidden': 'true' });
  // Names, senders and subjects are strangers' text in any script: each takes its own direction, isolated.
  const name = h('span', { class: 'mailbox-name', dir: 'auto' });
  const muted = worded(worded(h('span', { class: 'mailbox-tag mailbox-muted' }), 'window.mailbox.muted'),
    'window.mailbox.mutedTitle', undefined, 'title');
  // Said in words beside the count: a count the total leaves out made "4 unread" stand beside 3, 1 and 12.
  const leftOut = worded(worded(h('span', { class: 'mailbox-tag mailbox-left-out' }), 'window.mailbox.leftOut'),
    'window.mailbox.leftOutTitle', undefined, 'title');
  const messages = messageList(api, id);
  const count = h('span', { class: 'mailbox-count' });
  const open = worded(h('button', { type: 'button', class: 'link' }), 'window.mailbox.open');
  // A failing mailbox's reason in the window's language, before the server's own sentence (English).
  const reason = h('span', { class: 'mailbox-reason' });
  const stateText = h('span', { class: 'mailbox-state-text' });
  const state = h('p', { class: 'mailbox-state' }, reason, stateText);
  const advice = h('p', { class: 'mailbox-advice' });
  const note = h('p', { class: 'mailbox-note' });
  const folders = folderBreakdown();
  // A counted folder the server no longer has: the account's folder picker, in Settings, is the fix.
  const pickAgain = worded(h('button', { type: 'button', class: 'secondary small pick-folders', hidden: true }), 'folders.pickAgain');
  pickAgain.addEventListener('click', () => pickFolders(id));
  open.addEventListener('click', () => { void api.openMailbox(id); });
  const element = h('li', { class: 'mailbox', 'data-mailbox': id },
    h('div', { class: 'mailbox-head' }, dot, name, muted, leftOut, open, count), folders.element, state, note, advice,
    h('div', { class: 'actions mailbox-actions' }, pickAgain), messages.element);

  return {
    element,
    update(mailbox, line) {
      element.className = `mailbox ${line.tone}`;
      const words = currentWords();
      setText(name, mailbox.name);
      name.title = mailbox.name;
      setText(count, words.number(mailbox.count));
      count.classList.toggle('has-mail', mailbox.count > 0);
      const isLeftOut = mailbox.isLeftOutOfTotal === true;
      count.setAttribute('aria-label', words.t(isLeftOut ? 'window.mailbox.countLeftOut' : 'window.mailbox.count', { count: mailbox.count }));
      const opensIn = mailbox.opensIn ?? (mailbox.webUrl === undefined ? undefined : 'browser');
      open.hidden = opensIn === undefined;
      open.setAttribute('aria-label', words.t(opensIn === 'mail client' ? 'window.mailbox.openInMailClient' : 'window.mailbox.openInBrowser',
        { name: mailbox.name }));
      // A colour from the settings: set through the CSSOM, which the page's CSP allows (no style attribute).
      dot.hidden = mailbox.colour === undefined;
      if (mailbox.colour) element.style.setProperty('--mailbox-colour', mailbox.colour);
      else element.style.removeProperty('--mailbox-colour');
      muted.hidden = mailbox.isMuted !== true;
      leftOut.hidden = !isLeftOut;
      count.classList.toggle('left-out', isLeftOut);
      messages.update(mailbox);
      // The server's sentence is English: a window in English needs nothing before it.
      const isFailing = mailbox.state === 'error';
      setText(reason, isFailing && words.language !== 'en' ? `${failureReason(mailbox, words)} ` : '');
      reason.hidden = reason.textContent === '';
      setText(stateText, line.text);
      // Isolated, left to right: an English sentence with addresses in it, inside an Arabic line.
      if (isFailing) { stateText.lang = 'en'; stateText.dir = 'ltr'; } else { stateText.removeAttribute('lang'); stateText.removeAttribute('dir'); }
      setText(advice, line.advice ?? '');
      advice.hidden = line.advice === undefined;
      folders.update(mailbox.name, mailbox.folders);
      pickAgain.hidden = line.canPickFolders !== true;
      pickAgain.parentElement!.hidden = pickAgain.hidden;
      pickAgain.setAttribute('aria-label', words.t('folders.pickAgainFor', { name: mailbox.name }));
      setText(note, line.note ?? '');
      note.hidden = line.note === undefined;
    },
  };
}
