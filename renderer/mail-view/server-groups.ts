import type { MailboxView, ServerStatusView } from '../../main/ipc-contract.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { serverDisplayName } from '../../common/connection.ts';
import { connectionLine } from '../connection-words.ts';
import { h, setText } from '../dom.ts';
import { worded } from '../words.ts';

/** One server's group in the mail view: its name, its own state, its unread, and its mailboxes' list. */
export interface ServerGroup {
  element: HTMLElement;
  /** The list the mailbox rows of this server go into. */
  list: HTMLUListElement;
  update(server: ServerStatusView, now: number, words: Translator): void;
}

const serverName = serverDisplayName;

/** The mailboxes of one server, in the order they came. */
export function mailboxesOf(mailboxes: readonly MailboxView[], key: string): MailboxView[] {
  return mailboxes.filter((mailbox) => (mailbox.server ?? 'bundled') === key);
}

/**
 * A server's group, updated in place like the rows (the view redraws every
 * second): a heading with its name and unread, its connection in the same
 * words and colours as the top line, and a list. A group whose server is not
 * live is greyed on its own; the others keep their live look.
 */
export function serverGroup(key: string): ServerGroup {
  const name = h('span', { class: 'server-name', dir: 'auto' });
  const total = h('span', { class: 'server-total' });
  const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
  const state = h('span', { class: 'server-state-text' });
  const line = h('p', { class: 'server-state' }, dot, state);
  const list = h('ul', { class: 'mailboxes' });
  const empty = worded(h('p', { class: 'hint server-empty' }), 'servers.group.empty');
  const heading = h('h2', { class: 'server-heading' }, name, total);
  const element = h('section', { class: 'server-group', 'data-server': key }, heading, line, list, empty);
  return {
    element,
    list,
    update(server, now, words) {
      const shown = connectionLine(server.connection, now, words);
      element.classList.toggle('stale', server.connection.state !== 'live');
      line.className = `server-state ${shown.tone}`;
      setText(name, serverName(server, words));
      setText(total, words.t('servers.group.total', { count: server.total }));
      setText(state, shown.text);
      element.setAttribute('aria-label', words.t('servers.group.label', { server: serverName(server, words) }));
      empty.hidden = list.children.length > 0 || server.connection.state !== 'live';
    },
  };
}
