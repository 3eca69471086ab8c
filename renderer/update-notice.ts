import type { MailtrayApi, UpdateView } from '../main/ipc-contract.ts';
import { h } from './dom.ts';
import { worded, wordedAs } from './words.ts';

export interface UpdateNotice {
  element: HTMLElement;
  show(update: UpdateView | undefined): void;
}

/**
 * The window's line about a newer version (issue 23), under the connection's:
 * that it is there, its download, that it installs at the restart, or why a
 * download was refused, with its one button. Hidden while there is no news.
 */
export function updateNotice(api: Pick<MailtrayApi, 'downloadUpdate' | 'installUpdate'>): UpdateNotice {
  const text = h('p', { class: 'update-text' });
  const download = worded(h('button', { type: 'button', class: 'secondary' }), 'updates.action.download');
  const restart = worded(h('button', { type: 'button', class: 'primary' }), 'updates.action.restart');
  download.addEventListener('click', () => { void api.downloadUpdate(); });
  restart.addEventListener('click', () => { void api.installUpdate(); });
  // A polite live region: "downloaded, installs at the restart" is heard without taking the focus.
  const element = h('div', { class: 'update-notice', role: 'status', hidden: true }, text, download, restart);
  let shownKey = '';
  return {
    element,
    show(update) {
      const notice = update?.notice;
      element.hidden = notice === undefined;
      if (!notice) return;
      // Re-worded only when it changed (a language change re-words it in place, words.ts).
      const key = JSON.stringify(notice.words);
      if (key !== shownKey) {
        shownKey = key;
        wordedAs(text, notice.words);
      }
      download.hidden = notice.action !== 'download';
      restart.hidden = notice.action !== 'restart';
    },
  };
}
