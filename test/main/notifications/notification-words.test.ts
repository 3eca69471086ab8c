import { describe, expect, it } from 'vitest';
import { PSEUDO_LANGUAGE, type Language } from '../../../common/i18n/languages.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { Mailbox, MessageSummary } from '../../../common/protocol.ts';
import { notificationForPlatform } from '../../../main/notifications/notification-markup.ts';
import { newMailNotification, summaryNotification, type NewMailPrefs } from '../../../main/notifications/notification-policy.ts';
import type { MailboxNews, NotificationDetail } from '../../../main/notifications/notification-text.ts';

// The notification texts in the user's language: whole sentences per language, plurals by each
// language's rules (Arabic: zero, one, two, few for 3-10, many for 11-99, other for 100), mailbox
// names as the user typed them, in any script.

const inbox = '받은편지함';
const arabicInbox = 'البريد الوارد';

function prefs(language: Language, detail: NotificationDetail = 'count'): NewMailPrefs {
  return { detail, words: translatorFor(language), isMuted: () => false, canMarkRead: () => true, isInTotal: () => true };
}

const news = (name: string, added: number, messages: MessageSummary[] = []): MailboxNews => ({ id: name, name, added, messages });

/** Title and body of the notification for `added` new in one mailbox, the total being the same. */
function oneMailbox(language: Language, name: string, added: number) {
  const notification = newMailNotification([news(name, added)], added, prefs(language));
  return notification && [notification.title, notification.body];
}

describe('a notification of new mail in one mailbox, for 0, 1, 2, 5, 21 and 100 new', () => {
  it.each([
    [0, undefined],
    [1, ['1 new in Work', '1 unread in all']],
    [2, ['2 new in Work', '2 unread in all']],
    [5, ['5 new in Work', '5 unread in all']],
    [21, ['21 new in Work', '21 unread in all']],
    [100, ['100 new in Work', '100 unread in all']],
  ])('English, %i new', (added, expected) => {
    expect(oneMailbox('en', 'Work', added)).toEqual(expected);
  });

  it.each([
    [0, undefined],
    [1, [`${inbox}에 새 메일 1통`, '읽지 않은 메일 총 1통']],
    [2, [`${inbox}에 새 메일 2통`, '읽지 않은 메일 총 2통']],
    [5, [`${inbox}에 새 메일 5통`, '읽지 않은 메일 총 5통']],
    [21, [`${inbox}에 새 메일 21통`, '읽지 않은 메일 총 21통']],
    [100, [`${inbox}에 새 메일 100통`, '읽지 않은 메일 총 100통']],
  ])('Korean, a Korean mailbox name, %i new: the name, then 에, then the count with 통', (added, expected) => {
    expect(oneMailbox('ko', inbox, added)).toEqual(expected);
  });

  it.each([
    [0, undefined],
    [1, [`رسالة جديدة في ${arabicInbox}`, 'رسالة غير مقروءة إجمالًا']],
    [2, [`رسالتان جديدتان في ${arabicInbox}`, 'رسالتان غير مقروءتين إجمالًا']],
    [5, [`5 رسائل جديدة في ${arabicInbox}`, '5 رسائل غير مقروءة إجمالًا']],
    [21, [`21 رسالة جديدة في ${arabicInbox}`, '21 رسالة غير مقروءة إجمالًا']],
    [100, [`100 رسالة جديدة في ${arabicInbox}`, '100 رسالة غير مقروءة إجمالًا']],
  ])('Arabic, an Arabic mailbox name, %i new: each plural form of its own', (added, expected) => {
    expect(oneMailbox('ar', arabicInbox, added)).toEqual(expected);
  });

  it('German and Japanese have their own plurals and counters', () => {
    expect(oneMailbox('de', 'Arbeit', 1)).toEqual(['1 neue Nachricht in Arbeit', 'Insgesamt 1 ungelesene Nachricht']);
    expect(oneMailbox('de', 'Arbeit', 21)).toEqual(['21 neue Nachrichten in Arbeit', 'Insgesamt 21 ungelesene Nachrichten']);
    expect(oneMailbox('ja', '受信トレイ', 5)).toEqual(['受信トレイに新着メール5通', '未読メールは合計5通']);
  });
});

describe('notifications of new mail in several mailboxes, in Korean and Arabic', () => {
  const eight = (name: string) => [21, 5, 2, 1, 1, 1, 1, 1].map((added, i) => news(`${name} ${i + 1}`, added));

  it('two mailboxes: each with its count', () => {
    expect(newMailNotification([news(inbox, 2), news('Work', 1)], 3, prefs('ko'))).toMatchObject({ title: `새 메일 3통: ${inbox} 2통, Work 1통` });
    expect(newMailNotification([news(arabicInbox, 100), news('Work', 1)], 101, prefs('ar')))
      .toMatchObject({ title: `101 رسالة جديدة: ${arabicInbox} 100، Work 1` });
  });

  it('many mailboxes: a bounded title, the mailboxes listed as the language lists them', () => {
    expect(newMailNotification(eight(inbox), 33, prefs('ko'))).toMatchObject({
      title: '메일함 8곳에 새 메일 33통',
      body: `${inbox} 1 21통, ${inbox} 2 5통, ${inbox} 3 2통, ${inbox} 4 1통 및 그 외 메일함 4곳\n읽지 않은 메일 총 33통`,
    });
    expect(newMailNotification(eight(arabicInbox), 33, prefs('ar'))).toMatchObject({
      title: '33 رسالة جديدة في 8 صناديق',
      body: `${arabicInbox} 1 21 و${arabicInbox} 2 5 و${arabicInbox} 3 2 و${arabicInbox} 4 1 و4 صناديق أخرى\n33 رسالة غير مقروءة إجمالًا`,
    });
  });

  it('senders and subjects: listed in the language, sender names and subjects as they came', () => {
    const alice: MessageSummary = { id: 'a', from: '김민지 <minji@example.com>', subject: '내일 점심?' };
    const bob: MessageSummary = { id: 'b', from: 'Bob <bob@example.com>', subject: '' };
    expect(newMailNotification([news(inbox, 5, [alice, bob])], 9, prefs('ko', 'sender'))).toMatchObject({
      title: `${inbox}에 새 메일 5통`, body: '보낸 사람: 김민지, Bob 및 그 외 3통',
    });
    expect(newMailNotification([news(inbox, 5, [alice, bob])], 9, prefs('ko', 'sender-and-subject'))).toMatchObject({
      body: '김민지: 내일 점심?\nBob: (제목 없음)\n외 3통',
      actions: [{ kind: 'mark-read', label: '읽음으로 표시' }, { kind: 'open', label: '열기' }],
    });
    expect(newMailNotification([news(inbox, 1, [alice])], 9, prefs('ko', 'sender'))).toMatchObject({ title: '김민지', body: `${inbox}에 새 메일` });
    expect(newMailNotification([news(arabicInbox, 5, [alice, bob])], 9, prefs('ar', 'sender'))).toMatchObject({
      body: 'من 김민지 وBob و3 رسائل أخرى',
    });
  });

  it('the summary after start', () => {
    const mailbox = (name: string, count: number): Mailbox => ({ id: name, name, count, state: 'ok', changedAt: '' });
    expect(summaryNotification([mailbox(inbox, 21)], translatorFor('ko'))).toMatchObject({
      title: `읽지 않은 메일 21통: ${inbox} 21통`, body: 'Mailtray가 메일함을 확인하고 있습니다',
    });
    expect(summaryNotification([mailbox(arabicInbox, 2), mailbox('Work', 1), mailbox('Home', 1)], translatorFor('ar'))).toMatchObject({
      title: '4 رسائل غير مقروءة في 3 صناديق', body: `${arabicInbox} 2 وHome 1 وWork 1`,
    });
  });
});

describe('Linux notification markup', () => {
  it('is escaped after the wording: the words are the language\'s, the subject\'s markup is text', () => {
    const mallory: MessageSummary = { id: 'm', from: 'Mallory <m@example.com>', subject: '<b>청구서</b> & 영수증' };
    const korean = newMailNotification([news(inbox, 2, [mallory])], 2, prefs('ko', 'sender-and-subject'))!;
    expect(notificationForPlatform(korean, 'linux').body).toBe('Mallory: &lt;b&gt;청구서&lt;/b&gt; &amp; 영수증\n외 1통');
    expect(notificationForPlatform(korean, 'win32').body).toBe('Mallory: <b>청구서</b> & 영수증\n외 1통');
  });
});

describe('the pseudo-locale', () => {
  it('leaves no unaccented English in any notification: every word came from the catalogue', () => {
    const words = prefs(PSEUDO_LANGUAGE, 'sender-and-subject');
    // Names, senders and subjects are the test's own, and a list's "and" is Intl's (en-XA lists as English):
    // they are taken out before looking for English.
    const alice: MessageSummary = { id: 'a', from: 'Alice <alice@example.com>', subject: 'Lunch' };
    const given = /Work|Home|Lists|Alice|Lunch|\band\b|\d+/g;
    const texts = [
      newMailNotification([news('Work', 1, [alice])], 3, words),
      newMailNotification([news('Work', 1, [alice])], 3, { ...words, detail: 'sender' }),
      newMailNotification([news('Work', 1, [{ ...alice, subject: '' }])], 3, words),
      newMailNotification([news('Work', 5, [alice])], 9, words),
      newMailNotification([news('Work', 5, [alice])], 9, { ...words, detail: 'sender' }),
      newMailNotification([news('Work', 5)], 9, words),
      newMailNotification([news('Work', 2), news('Home', 1, [alice])], 9, words),
      newMailNotification(['Work', 'Home', 'Lists', 'Work2', 'Home2', 'Lists2'].map((name) => news(name, 1)), 9, words),
      summaryNotification([{ id: 'w', name: 'Work', count: 2, state: 'ok', changedAt: '' }], words.words),
      summaryNotification(['Work', 'Home', 'Lists', 'Work2', 'Home2', 'Lists2'].map((name) => ({ id: name, name, count: 1, state: 'ok' as const, changedAt: '' })), words.words),
    ];
    for (const notification of texts) {
      const all = [notification!.title, notification!.body, ...notification!.actions.map((a) => a.label)].join('\n');
      expect(all.replace(given, ''), all).not.toMatch(/[a-z]{3,}/i);
    }
  });
});
