import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { MessageSummary } from '../../../common/protocol.ts';
import { newMailNotification, summaryNotification, type NewMailPrefs } from '../../../main/notifications/notification-policy.ts';
import type { MailboxNews, NotificationDetail } from '../../../main/notifications/notification-text.ts';

const en = translatorFor('en');
const alice: MessageSummary = { id: 'a', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?' };
const bob: MessageSummary = { id: 'b', from: '"Jones, Bob" <bob@example.com>', subject: 'Re: the report' };
const carol: MessageSummary = { id: 'c', from: 'carol@example.com', subject: '' };
const dave: MessageSummary = { id: 'd', from: 'Dave <dave@example.com>', subject: 'x'.repeat(150) };

const work = (added: number, messages: MessageSummary[] = []): MailboxNews => ({ id: 'work', name: 'Work', added, messages });
const box = (id: string, added: number, messages: MessageSummary[] = []): MailboxNews => ({ id, name: id, added, messages });

function prefs(detail: NotificationDetail = 'sender-and-subject', muted: string[] = []): NewMailPrefs {
  return { detail, words: en, isMuted: (id) => muted.includes(id), canMarkRead: () => true, isInTotal: () => true };
}

// Lists are Intl's (Intl.ListFormat): English ones have the serial comma, "A, B, and C".
const cases: Array<[string, MailboxNews[], NewMailPrefs, string, string]> = [
  ['one message', [work(1, [alice])], prefs(), 'Alice Smith', 'Lunch tomorrow? — Work'],
  ['one message, sender only', [work(1, [alice])], prefs('sender'), 'Alice Smith', 'New mail in Work'],
  ['one message, count only', [work(1, [alice])], prefs('count'), '1 new in Work', '7 unread in all'],
  ['one message from an address with no name, no subject', [work(1, [carol])], prefs(), 'carol@example.com', '(no subject) — Work'],
  ['one message with a long subject, cut', [work(1, [dave])], prefs(), 'Dave', `${'x'.repeat(79)}… — Work`],
  ['one rise the server named no message for', [work(1)], prefs(), '1 new in Work', '7 unread in all'],
  ['several in one mailbox', [work(3, [alice, bob, carol])], prefs(), '3 new in Work',
    'Alice Smith: Lunch tomorrow?\nJones, Bob: Re: the report\ncarol@example.com: (no subject)'],
  ['several in one mailbox, more than shown', [work(5, [alice, bob, carol, dave])], prefs(), '5 new in Work',
    'Alice Smith: Lunch tomorrow?\nJones, Bob: Re: the report\ncarol@example.com: (no subject)\nand 2 more'],
  ['several in one mailbox, sender only', [work(3, [alice, bob, carol])], prefs('sender'), '3 new in Work',
    'From Alice Smith, Jones, Bob, and carol@example.com'],
  ['several in one mailbox, sender only, some not named', [work(4, [alice, bob])], prefs('sender'), '4 new in Work',
    'From Alice Smith, Jones, Bob, and 2 more'],
  ['several in one mailbox, count only', [work(3, [alice, bob, carol])], prefs('count'), '3 new in Work', '7 unread in all'],
  ['two mailboxes', [work(1, [alice]), box('Home', 2, [bob, carol])], prefs(), '3 new: Home 2, Work 1',
    'From Jones, Bob, carol@example.com, and Alice Smith'],
  ['two mailboxes, count only', [work(1, [alice]), box('Home', 2)], prefs('count'), '3 new: Home 2, Work 1', '7 unread in all'],
  ['eight mailboxes: the bounded title, the detail in the body',
    [1, 2, 3, 4, 5, 6, 7, 8].map((n) => box(`Shared mailbox ${n}`, n + 1)), prefs(), '44 new in 8 mailboxes',
    'Shared mailbox 8 9, Shared mailbox 7 8, Shared mailbox 6 7, Shared mailbox 5 6, and 4 more\n7 unread in all'],
  ['three mailboxes with senders', [work(1, [alice]), box('Home', 1, [bob]), box('Lists', 1, [carol])], prefs(), '3 new in 3 mailboxes',
    'Home 1, Lists 1, and Work 1\nFrom Jones, Bob, carol@example.com, and Alice Smith'],
  ['a muted mailbox beside another is left out', [work(1, [alice]), box('Lists', 9, [bob])], prefs('sender-and-subject', ['Lists']),
    'Alice Smith', 'Lunch tomorrow? — Work'],
  ['a long mailbox name is cut in the title', [box('The shared mailbox of the whole customer support team', 2)], prefs(),
    '2 new in The shared mailbox of the whole…', '7 unread in all'],
];

describe('the words of a new-mail notification', () => {
  it.each(cases)('%s', (_what, news, settings, title, body) => {
    expect(newMailNotification(news, 7, settings)).toMatchObject({ title, body });
  });

  it('a muted mailbox alone makes no notification', () => {
    expect(newMailNotification([work(4, [alice])], 7, prefs('sender-and-subject', ['work']))).toBeUndefined();
  });

  it('offers Mark as read for the named messages of one mailbox, and Open always', () => {
    expect(newMailNotification([work(2, [alice, bob])], 7, prefs())?.actions).toEqual([
      { kind: 'mark-read', label: 'Mark as read', mailboxId: 'work', messageIds: ['a', 'b'] },
      { kind: 'open', label: 'Open' },
    ]);
    expect(newMailNotification([work(2, [alice])], 7, { ...prefs(), canMarkRead: () => false })?.actions).toEqual([{ kind: 'open', label: 'Open' }]);
    expect(newMailNotification([work(1, [alice]), box('Home', 1, [bob])], 7, prefs())?.actions).toEqual([{ kind: 'open', label: 'Open' }]);
  });

  it('the summary after start is bounded past two mailboxes too', () => {
    const mailboxes = [3, 1, 4, 1, 5].map((count, i) => ({ id: `m${i}`, name: `Box ${i}`, count, state: 'ok' as const, changedAt: '' }));
    expect(summaryNotification(mailboxes, en)).toMatchObject({ title: '14 unread in 5 mailboxes', body: 'Box 4 5, Box 2 4, Box 0 3, Box 1 1, and 1 more' });
    expect(summaryNotification(mailboxes.slice(0, 2), en)).toMatchObject({ title: '4 unread: Box 0 3, Box 1 1' });
    expect(summaryNotification(mailboxes.slice(0, 2), en, (id) => id === 'm0')).toMatchObject({ title: '1 unread: Box 1 1' });
  });
});
