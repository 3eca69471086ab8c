import { describe, expect, test } from 'vitest';
import { failureAdvice, failureReason, type MailboxFailure } from '../../common/mailbox-failure.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import { errorKinds } from '../../common/protocol.ts';

const english = translatorFor('en');
const korean = translatorFor('ko');

// DESIGN.md, "Why a mailbox fails, as data": one table of what the app says for each kind.
describe('the words for why a mailbox fails', () => {
  test.each<[MailboxFailure, string, string, string]>([
    [{ errorKind: 'auth' }, 'login failed',
      'Check the user name and password of this account in Settings.',
      "Ask the server's operator to check this mailbox's login."],
    [{ errorKind: 'auth', errorFacts: { missing: 'password' } }, 'password needed',
      'Check the user name and password of this account in Settings.',
      "Ask the server's operator to check this mailbox's login."],
    [{ errorKind: 'auth-expired' }, 'sign in again',
      'Sign in to this account again in Settings.',
      "Ask the server's operator to sign this mailbox in again."],
    [{ errorKind: 'certificate' }, 'TLS problem',
      'Check the security (TLS or STARTTLS) and the port of this account in Settings.',
      "Ask the server's operator to check this mailbox's TLS settings."],
    [{ errorKind: 'connection', errorFacts: { host: 'imap.example.com', code: 'ECONNREFUSED' } }, 'cannot connect',
      'Check the host and port in Settings, and that the mail server is up. Mailtray keeps trying.',
      "The server cannot reach this mailbox's mail host. Mailtray keeps trying."],
    [{ errorKind: 'connection', errorFacts: { host: 'imap.exmaple.com', code: 'ENOTFOUND' } }, 'host not found',
      'Check the host name of this account in Settings.',
      "The server cannot find this mailbox's mail host; ask its operator."],
    [{ errorKind: 'folder' }, 'folder not found',
      'Check the folder name of this account in Settings.',
      "Ask the server's operator to check this mailbox's folder."],
    [{ errorKind: 'limit' }, 'too many connections',
      'The mail server takes no more connections now. Mailtray keeps trying; close other mail apps if this stays.',
      'The mail server takes no more connections from the count server now. Mailtray keeps trying.'],
    [{ errorKind: 'setup' }, 'settings problem',
      'Check the settings of this account in Settings.',
      "Ask the server's operator to check this mailbox's settings."],
    [{ errorKind: 'internal' }, 'failing',
      'Mailtray keeps trying. If this stays, check the account in Settings.',
      "Mailtray keeps trying. If this stays, tell the server's operator."],
    // A server older than errorKind, and a kind newer than this app: generic words, the sentence unread.
    [{}, 'failing',
      'Mailtray keeps trying. If this stays, check the account in Settings.',
      "Mailtray keeps trying. If this stays, tell the server's operator."],
    [{ errorKind: 'quota' }, 'failing',
      'Mailtray keeps trying. If this stays, check the account in Settings.',
      "Mailtray keeps trying. If this stays, tell the server's operator."],
  ])('%j: the tray says %j; the window advises %j (bundled) or %j (remote)', (failure, reason, bundled, remote) => {
    expect(failureReason(failure, english)).toBe(reason);
    expect(failureAdvice(failure, 'bundled', english)).toBe(bundled);
    expect(failureAdvice(failure, 'remote', english)).toBe(remote);
  });

  test('every kind of the protocol has words of its own or, for internal, the generic ones', () => {
    for (const errorKind of errorKinds) expect(failureReason({ errorKind }, english)).not.toBe('');
    expect(new Set(errorKinds.map((errorKind) => failureReason({ errorKind }, english))).size).toBe(errorKinds.length);
  });

  test('a Korean user reads why a mailbox fails in Korean, from the kind, whatever the English sentence says', () => {
    expect(failureReason({ errorKind: 'auth' }, korean)).toBe('로그인 실패');
    expect(failureReason({ errorKind: 'connection', errorFacts: { code: 'ENOTFOUND' } }, korean)).toBe('호스트를 찾을 수 없음');
    expect(failureAdvice({ errorKind: 'folder' }, 'bundled', korean)).toBe('설정에서 이 계정의 메일함 이름을 확인하세요.');
    for (const errorKind of errorKinds) expect(failureAdvice({ errorKind }, 'remote', korean)).toMatch(/[가-힣]/);
  });
});
