import { describe, expect, test } from 'vitest';
import { en, type MessageKey } from '../../common/i18n/catalogues/en.ts';
import { translatorFor, type Words } from '../../common/i18n/translator.ts';
import { normaliseServerUrl } from '../../common/server-url.ts';
import { accountNameRule, crossFieldMessages, passwordRule, portRule, tokenRule } from '../../common/settings-rules.ts';
import { describeNetworkError } from '../../main/connection/network-error.ts';
import { checkSettingsInput } from '../../main/settings/check-input.ts';

// The texts main makes for the window (settings checks, test results, sign-in results) and
// the sign-in tab's words, as a Korean and a German user read them.

const ko = translatorFor('ko');
const de = translatorFor('de');
const ar = translatorFor('ar');

const urlProblem = (typed: string): Words => {
  const check = normaliseServerUrl(typed);
  if (check.ok) throw new Error(`${typed} is an address`);
  return check.message;
};

const table: Array<[string, Words, string, string]> = [
  ['a short token', tokenRule.message,
    '토큰은 공백 없이 16자 이상입니다(서버 관리자가 mailtray-server token 명령으로 만들 수 있습니다).',
    'Ein Token hat mindestens 16 Zeichen ohne Leerzeichen (der Betreiber des Servers kann eines erstellen mit: mailtray-server token).'],
  ['an account name too long', accountNameRule.message, '계정 이름을 200자 이내로 입력하세요(예: Work).',
    'Geben Sie dem Konto einen Namen mit höchstens 200 Zeichen, etwa Arbeit.'],
  ['a port out of range', portRule.message, '포트는 1부터 65535 사이의 정수입니다(TLS는 보통 993, STARTTLS는 143).',
    'Der Port ist eine ganze Zahl von 1 bis 65535 (meist 993 für TLS, 143 für STARTTLS).'],
  ['a password left out', passwordRule.missing, '이 계정의 비밀번호를 입력하세요.', 'Geben Sie das Passwort für dieses Konto ein.'],
  ['two accounts with one id', crossFieldMessages.duplicateId('work'), '다른 계정이 이미 쓰고 있는 ID입니다: "work"',
    'Ein anderes Konto hat bereits die ID „work“.'],
  ['too many accounts', crossFieldMessages.tooManyAccounts, 'Mailtray는 계정을 최대 50개까지 확인합니다.', 'Mailtray überwacht höchstens 50 Konten.'],
  ['no server address', urlProblem(' '), '서버 주소를 입력하세요(예: https://mail.example.com).',
    'Geben Sie die Adresse des Servers ein, etwa https://mail.example.com.'],
  ['a server address with a user name', urlProblem('https://ann:pw@mail.example.com'),
    '주소에 사용자 이름과 비밀번호를 넣지 마세요. 토큰은 토큰 칸에 입력합니다.',
    'Lassen Sie Benutzername und Passwort aus der Adresse weg; das Token gehört in das Feld Token.'],
  ['an account counted', { key: 'account.test.counted', values: { user: 'ann@example.com', unseen: 16, folder: '받은편지함' } },
    '로그인됨: ann@example.com. 받은편지함에 읽지 않은 메일 16통.', 'Angemeldet als ann@example.com: 16 ungelesene E-Mails in 받은편지함.'],
  ['one unread', { key: 'account.test.counted', values: { user: 'ann@example.com', unseen: 1, folder: 'INBOX' } },
    '로그인됨: ann@example.com. INBOX에 읽지 않은 메일 1통.', 'Angemeldet als ann@example.com: 1 ungelesene E-Mail in INBOX.'],
  ['a closed port', { key: 'account.test.refused', values: { host: 'imap.example.com', port: '1143' } },
    'imap.example.com:1143에서 응답이 없습니다(연결 거부됨).', 'Unter imap.example.com:1143 antwortet nichts (Verbindung abgelehnt).'],
  ['a server that does not answer', { key: 'account.test.timeout', values: { host: 'imap.example.com', seconds: 20 } },
    'imap.example.com에서 20초 안에 응답하지 않았습니다.', 'imap.example.com hat nicht innerhalb von 20 Sekunden geantwortet.'],
  ['a wrong password', { key: 'account.test.wrongPassword', values: { details: 'the server said AUTHENTICATIONFAILED' } },
    '사용자 이름 또는 비밀번호가 틀렸습니다: the server said AUTHENTICATIONFAILED.',
    'Falscher Benutzername oder falsches Passwort: the server said AUTHENTICATIONFAILED.'],
  ['a sign-in that never came', { key: 'account.signIn.timeout', values: { minutes: 5 } },
    '5분 안에 로그인이 끝나지 않았습니다. 아무것도 저장되지 않았습니다. 준비가 되면 버튼을 다시 누르세요.',
    'Innerhalb von 5 Minuten kam keine Anmeldung an; nichts wurde gespeichert. Drücken Sie die Schaltfläche erneut, wenn Sie bereit sind.'],
  ['a sign-in done', { key: 'account.signIn.signedInAs', values: { address: 'ann@gmail.com' } },
    '로그인했습니다: ann@gmail.com. 이 계정을 유지하려면 저장하세요.', 'Angemeldet als ann@gmail.com. Speichern Sie, um dieses Konto zu behalten.'],
  ['a refused connection', describeNetworkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1').reasonWords,
    '서버에 연결할 수 없음(연결 거부됨)', 'Server nicht erreichbar (Verbindung abgelehnt)'],
  ['an expired certificate', describeNetworkError('CERT_HAS_EXPIRED', 'certificate has expired').reasonWords,
    'TLS 문제: 서버 인증서가 만료됨', 'TLS-Problem: Das Zertifikat des Servers ist abgelaufen'],
];

describe("main's texts for the window, in Korean and German", () => {
  test.each(table)('%s', (_what, words, korean, german) => {
    expect(ko.say(words)).toBe(korean);
    expect(de.say(words)).toBe(german);
  });

  test("main's check of a saved form is worded in the window's language, not in main's", () => {
    const errors = checkSettingsInput({ servers: { bundled: { enabled: false }, remotes: [{ url: 'https://counts.example.com', token: 'short', enabled: true }] } }, {
      remotesWithToken: new Set(), accountsWithPassword: new Set(),
    });
    expect(errors.map((error) => [error.field, ko.say(error.message)])).toEqual([
      ['servers.remotes.0.token', '토큰은 공백 없이 16자 이상입니다(서버 관리자가 mailtray-server token 명령으로 만들 수 있습니다).'],
      ['accounts', '항목이 없습니다: accounts'],
      ['notifications', '항목이 없습니다: notifications'],
      ['general', '항목이 없습니다: general'],
    ]);
  });

  test('an account\'s unread count takes Arabic\'s plural forms', () => {
    const counted = (unseen: number) => ar.say({ key: 'account.test.counted', values: { user: 'ann@example.com', unseen, folder: 'البريد الوارد' } });
    expect([0, 1, 2, 3, 11, 100].map(counted)).toEqual([
      'تم تسجيل الدخول باسم ann@example.com: في البريد الوارد لا توجد رسائل غير مقروءة.',
      'تم تسجيل الدخول باسم ann@example.com: في البريد الوارد رسالة واحدة غير مقروءة.',
      'تم تسجيل الدخول باسم ann@example.com: في البريد الوارد رسالتان غير مقروءتين.',
      'تم تسجيل الدخول باسم ann@example.com: في البريد الوارد 3 رسائل غير مقروءة.',
      'تم تسجيل الدخول باسم ann@example.com: في البريد الوارد 11 رسالة غير مقروءة.',
      'تم تسجيل الدخول باسم ann@example.com: في البريد الوارد 100 رسالة غير مقروءة.',
    ]);
  });
});

/** This area's keys: the settings checks, account texts, sign-in pages and app-wide texts. */
const ours = (Object.keys(en) as MessageKey[]).filter((key) => /^(account|app|check|signIn)\./.test(key));
/** A value for each placeholder that no check below mistakes for English: digits, or capitals. */
const sample = { address: 'A@B', details: 'X', error: 'X', file: '/X', folder: 'X', host: 'X', id: 'X', max: 5, min: 5, mib: 8, minutes: 5,
  name: 'X', note: 'X', port: '1', provider: 'X', reason: 'X', said: 'X', seconds: 5, status: '502', unseen: 5, user: 'X', words: 'X' };

describe('every text of this area', () => {
  test.each(['ko', 'de', 'ja', 'ar'] as const)('is worded in %s, all placeholders filled', (language) => {
    const words = translatorFor(language);
    for (const key of ours) {
      const text = words.t(key, sample);
      expect(text, key).not.toMatch(/[{}]/);
      expect(text.trim(), key).not.toBe('');
    }
  });

  test('leaves no unaccented English in the pseudo-locale', () => {
    const pseudo = translatorFor('en-XA');
    for (const key of ours) expect(pseudo.t(key, sample).replace(/Mailtray/g, ''), key).not.toMatch(/[a-z]{3,}/);
  });
});
