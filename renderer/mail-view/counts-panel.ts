import type { CountsView, MailtrayApi, ServerLabel, ServerStatusView } from '../../main/ipc-contract.ts';
import { answerCutSentences } from './answer-cut-words.ts';
import { h, setText } from '../dom.ts';
import { mailboxRow, type MailboxRow } from './mailbox-row.ts';
import { mailboxLine } from './mailbox-words.ts';
import { mailboxesOf, serverGroup, type ServerGroup } from './server-groups.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { currentWords, worded } from '../words.ts';

export interface CountsPanel {
  element: HTMLElement;
  /**
   * Draws the counts; called on every change and every few seconds so "2 min
   * ago" stays true. While not live, counts say when they were last confirmed.
   * With more than one server (`servers`), the mailboxes are grouped by server,
   * each group with its own state: one server down greys out its group only.
   */
  show(counts: CountsView, mode: ServerLabel['mode'], isLive: boolean, now: number, confirmedAt: number | null, servers?: ServerStatusView[]): void;
}

/** The total and one row per mailbox: name, count, and its state in words. */
export function countsPanel(api: MailtrayApi, openSettings: () => void, pickFolders: (id: string) => void = openSettings): CountsPanel {
  const totalNumber = h('span', { class: 'total-number' });
  const totalBefore = h('span', { class: 'total-words' });
  const totalWords = h('span', { class: 'total-words' });
  const list = worded(h('ul', { class: 'mailboxes' }), 'window.counts.mailboxes', undefined, 'aria-label');
  // A remote server may send more than the app takes (main/connection/read-answer.ts): this says what was left out.
  const cutNotice = h('p', { class: 'answer-cut', role: 'note', hidden: true });
  const emptyText = h('p', {});
  const settingsButton = worded(h('button', { type: 'button', class: 'secondary' }), 'window.openSettings');
  settingsButton.addEventListener('click', openSettings);
  const empty = h('div', { class: 'empty', hidden: true }, emptyText, settingsButton);
  const total = h('p', { class: 'total' }, totalBefore, totalNumber, totalWords);
  const groupsBox = h('div', { class: 'server-groups' });
  const element = worded(h('section', { class: 'counts' }, total, cutNotice, list, groupsBox, empty), 'window.counts.label', undefined, 'aria-label');
  const rows = new Map<string, MailboxRow>();
  const groups = new Map<string, ServerGroup>();
  const rowFor = (id: string) => {
    let row = rows.get(id);
    if (!row) {
      row = mailboxRow(api, id, pickFolders);
      rows.set(id, row);
    }
    return row;
  };
  /** Puts `children` into `parent` in that order, touching it only when the order changed: a move drops a focused button's focus. */
  const keepOrder = (parent: Element, children: Element[]) => {
    const inOrder = children.length === parent.children.length && children.every((child, index) => parent.children[index] === child);
    if (!inOrder) parent.replaceChildren(...children);
  };

  return {
    element,
    show(counts, mode, isLive, now, confirmedAt, servers) {
      const staleSince = isLive || confirmedAt === null ? undefined : confirmedAt;
      // Before the server's first answer nothing is known: not a total of 0, not "no mailboxes".
      const isWaiting = !isLive && confirmedAt === null && counts.mailboxes.length === 0;
      element.classList.toggle('stale', !isLive);
      total.hidden = isWaiting;
      const words = currentWords();
      showTotal(counts.total, words);
      const cut = answerCutSentences(counts.cut, words);
      setText(cutNotice, cut.join(' '));
      cutNotice.hidden = cut.length === 0;

      const seen = new Set<string>();
      const isGrouped = servers !== undefined && servers.length > 1;
      list.hidden = isGrouped;
      groupsBox.hidden = !isGrouped;
      if (isGrouped) {
        // Each server's mailboxes under its own heading, stale only when that server is not live.
        const shownGroups = servers.map((server) => {
          let group = groups.get(server.key);
          if (!group) {
            group = serverGroup(server.key);
            groups.set(server.key, group);
          }
          const since = server.connection.state !== 'live' && server.countsConfirmedAt !== null ? server.countsConfirmedAt : undefined;
          const serverMode = server.key === 'bundled' ? 'bundled' : 'remote';
          keepOrder(group.list, mailboxesOf(counts.mailboxes, server.key).map((mailbox) => {
            seen.add(mailbox.id);
            const row = rowFor(mailbox.id);
            row.update(mailbox, mailboxLine(mailbox, now, serverMode, since, words));
            return row.element;
          }));
          group.update(server, now, words);
          return group.element;
        });
        for (const [key, group] of groups) {
          if (!servers.some((server) => server.key === key)) { group.element.remove(); groups.delete(key); }
        }
        keepOrder(groupsBox, shownGroups);
      } else {
        keepOrder(list, counts.mailboxes.map((mailbox) => {
          seen.add(mailbox.id);
          const row = rowFor(mailbox.id);
          row.update(mailbox, mailboxLine(mailbox, now, mode, staleSince, words));
          return row.element;
        }));
      }
      for (const [id, row] of rows) {
        if (!seen.has(id)) { row.element.remove(); rows.delete(id); }
      }

      // Grouped, each server says itself that it has no mailboxes.
      empty.hidden = counts.mailboxes.length > 0 || isGrouped;
      settingsButton.hidden = mode !== 'bundled' || isWaiting;
      setText(emptyText, emptyWords(mode, isWaiting, words));
    },
  };

  /**
   * "16 unread messages" is one message in each language ("읽지 않은 메일 16통"), with the number
   * where that language puts it; the number is drawn large wherever it falls.
   */
  function showTotal(count: number, words: Translator): void {
    const sentence = words.t('window.counts.total', { count });
    const number = words.number(count);
    const at = sentence.indexOf(number);
    const [before, after] = at < 0 ? ['', sentence] : [sentence.slice(0, at), sentence.slice(at + number.length)];
    setText(totalBefore, before);
    setText(totalNumber, at < 0 ? number : sentence.slice(at, at + number.length));
    setText(totalWords, after);
  }
}

function emptyWords(mode: ServerLabel['mode'], isWaiting: boolean, words: Translator): string {
  if (isWaiting) return words.t('window.counts.waiting');
  return words.t(mode === 'bundled' ? 'window.counts.noMailboxesBundled' : 'window.counts.noMailboxesRemote');
}
