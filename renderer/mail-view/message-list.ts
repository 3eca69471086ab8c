import type { MessageSummary } from '../../common/protocol.ts';
import { senderName } from '../../common/sender-name.ts';
import type { MailboxView, MailtrayApi, MarkWhich } from '../../main/ipc-contract.ts';
import { h, setText } from '../dom.ts';
import { currentWords, worded } from '../words.ts';

export interface MessageList {
  element: HTMLElement;
  update(mailbox: MailboxView): void;
}

/**
 * A mailbox's newest unseen messages: who wrote and about what, each with
 * Mark as read, and Mark all as read. Sender and subject come from strangers'
 * mail, so they go in as text (`setText`), never as markup.
 */
export function messageList(api: MailtrayApi, id: string): MessageList {
  const list = worded(h('ul', { class: 'messages' }), 'window.messages.label', undefined, 'aria-label');
  const markAll = worded(h('button', { type: 'button', class: 'link mark-all' }), 'window.messages.markAll');
  const problem = h('p', { class: 'mark-problem', role: 'status', hidden: true });
  const element = h('div', { class: 'mailbox-messages' }, list, h('div', { class: 'messages-foot' }, markAll), problem);
  const items = new Map<string, { element: HTMLLIElement; update(message: MessageSummary, canMark: boolean): void }>();
  let mailboxName = id;

  const mark = async (which: MarkWhich, button: HTMLButtonElement) => {
    button.disabled = true;
    problem.hidden = true;
    const result = await api.markRead(id, which);
    // On success the message leaves with the next count; until then the button stays off.
    if (!result.ok) {
      button.disabled = false;
      // Main's reason is words too (a server's own sentence goes in as it is).
      worded(problem, 'window.messages.markFailed', { reason: currentWords().say(result.message) });
      problem.hidden = false;
    }
  };
  markAll.addEventListener('click', () => { void mark({ all: true }, markAll); });

  const itemFor = (messageId: string) => {
    const sender = h('span', { class: 'message-sender', dir: 'auto' });
    const subject = h('span', { class: 'message-subject', dir: 'auto' });
    const button = worded(h('button', { type: 'button', class: 'link' }), 'window.messages.markOne');
    button.addEventListener('click', () => { void mark({ messageIds: [messageId] }, button); });
    const item = h('li', { class: 'message', 'data-message': messageId }, h('div', { class: 'message-text' }, sender, subject), button);
    return {
      element: item,
      update(message: MessageSummary, canMark: boolean) {
        const words = currentWords();
        const from = senderName(message.from);
        setText(sender, from);
        sender.title = message.from;
        setText(subject, message.subject || words.t('window.messages.noSubject'));
        subject.title = message.subject;
        button.hidden = !canMark;
        button.setAttribute('aria-label', message.subject
          ? words.t('window.messages.markOneOf', { subject: message.subject, sender: from })
          : words.t('window.messages.markOneWithoutSubject', { sender: from }));
      },
    };
  };

  return {
    element,
    update(mailbox) {
      mailboxName = mailbox.name;
      const messages = mailbox.messages ?? [];
      const canMark = mailbox.canMarkRead === true;
      const ordered = messages.map((message) => {
        let item = items.get(message.id);
        if (!item) {
          item = itemFor(message.id);
          items.set(message.id, item);
        }
        item.update(message, canMark);
        return item.element;
      });
      const ids = new Set(messages.map((m) => m.id));
      for (const [messageId, item] of items) {
        if (!ids.has(messageId)) { item.element.remove(); items.delete(messageId); }
      }
      const inOrder = ordered.length === list.children.length && ordered.every((item, index) => list.children[index] === item);
      if (!inOrder) list.replaceChildren(...ordered);
      // One unread message that is listed has its own button; a second one would say the same.
      markAll.hidden = !canMark || mailbox.count === 0 || (mailbox.count === 1 && messages.length === 1);
      markAll.disabled = false;
      markAll.setAttribute('aria-label', currentWords().t('window.messages.markAllOf', { name: mailboxName }));
      element.hidden = messages.length === 0 && markAll.hidden;
    },
  };
}
