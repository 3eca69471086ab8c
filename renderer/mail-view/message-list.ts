import type { MessageSummary } from '../../common/protocol.ts';
import { senderName } from '../../common/sender-name.ts';
import type { MailboxView, MailtrayApi, MarkWhich } from '../../main/ipc-contract.ts';
import { h, setText } from '../dom.ts';
import { currentWords } from '../words.ts';

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
  const list = h('ul', { class: 'messages', 'aria-label': 'Newest unread messages' });
  const markAll = h('button', { type: 'button', class: 'link mark-all' }, 'Mark all as read');
  const problem = h('p', { class: 'mark-problem', role: 'status' });
  const element = h('div', { class: 'mailbox-messages' }, list, h('div', { class: 'messages-foot' }, markAll), problem);
  const items = new Map<string, { element: HTMLLIElement; update(message: MessageSummary, canMark: boolean): void }>();
  let mailboxName = id;

  const mark = async (which: MarkWhich, button: HTMLButtonElement) => {
    button.disabled = true;
    setText(problem, '');
    const result = await api.markRead(id, which);
    // On success the message leaves with the next count; until then the button stays off.
    if (!result.ok) {
      button.disabled = false;
      setText(problem, `Could not mark as read: ${currentWords().say(result.message)}`);
    }
  };
  markAll.addEventListener('click', () => { void mark({ all: true }, markAll); });

  const itemFor = (messageId: string) => {
    const sender = h('span', { class: 'message-sender' });
    const subject = h('span', { class: 'message-subject' });
    const button = h('button', { type: 'button', class: 'link' }, 'Mark as read');
    button.addEventListener('click', () => { void mark({ messageIds: [messageId] }, button); });
    const item = h('li', { class: 'message', 'data-message': messageId }, h('div', { class: 'message-text' }, sender, subject), button);
    return {
      element: item,
      update(message: MessageSummary, canMark: boolean) {
        setText(sender, senderName(message.from));
        sender.title = message.from;
        setText(subject, message.subject || '(no subject)');
        subject.title = message.subject;
        button.hidden = !canMark;
        button.setAttribute('aria-label', `Mark "${message.subject || 'no subject'}" from ${senderName(message.from)} as read`);
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
      markAll.setAttribute('aria-label', `Mark all of ${mailboxName} as read`);
      element.hidden = messages.length === 0 && markAll.hidden;
    },
  };
}
