import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { mailProvider, mailProviders, oauthProviderIds, protocolOf, providerName, type ProviderId } from '../../common/mail-providers.ts';

const english = translatorFor('en');
const korean = translatorFor('ko');
/** The hint under the password field, in `words`' language. */
const hint = (id: ProviderId, words = english) => words.t(mailProvider(id).passwordHint!);

describe('the mail provider presets', () => {
  it.each([
    ['google', 'Gmail / Google Workspace', 'imap.gmail.com', 993, 'tls', 'oauth2'],
    ['microsoft', 'Outlook.com / Microsoft 365', 'outlook.office365.com', 993, 'tls', 'oauth2'],
    ['icloud', 'iCloud', 'imap.mail.me.com', 993, 'tls', 'password'],
    ['yahoo', 'Yahoo', 'imap.mail.yahoo.com', 993, 'tls', 'password'],
    ['fastmail', 'Fastmail', 'imap.fastmail.com', 993, 'tls', 'password'],
    ['naver', 'Naver Mail', 'imap.naver.com', 993, 'tls', 'password'],
    ['daum', 'Daum / Kakao Mail', 'imap.daum.net', 993, 'tls', 'password'],
    ['other', 'Other IMAP', '', 993, 'tls', 'password'],
  ] as const)('%s: "%s" is %s:%i, %s, signing in with %s', (id, label, host, port, security, signIn) => {
    expect(mailProvider(id)).toMatchObject({ id, label, host, port, security, signIn });
  });

  it('lists the providers in the order the form shows them, Other IMAP last', () => {
    expect(mailProviders.map((p) => p.id)).toEqual(['google', 'microsoft', 'microsoft-graph', 'icloud', 'yahoo', 'fastmail', 'naver', 'daum', 'other']);
  });

  it('asks Google and Microsoft for mail access that lasts (a refresh token), over HTTPS', () => {
    expect(mailProvider('google').oauth).toMatchObject({
      mailScope: 'https://mail.google.com/', tokenUrl: 'https://oauth2.googleapis.com/token',
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
    });
    expect(mailProvider('microsoft').oauth).toMatchObject({
      mailScope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    });
    for (const id of oauthProviderIds) {
      const { issuer, authorizationUrl, tokenUrl } = mailProvider(id).oauth!;
      for (const url of [issuer, authorizationUrl, tokenUrl]) expect(new URL(url).protocol).toBe('https:');
    }
    expect(oauthProviderIds).toEqual(['google', 'microsoft']);
  });

  it('offers Microsoft 365 through Graph beside its IMAP: the same sign-in, Graph\'s mail scope (read and mark read), not for IMAP entries', () => {
    const graph = mailProvider('microsoft-graph');
    expect(graph).toMatchObject({ label: 'Microsoft 365 (Graph)', protocol: 'graph', signIn: 'oauth2' });
    expect(protocolOf(graph)).toBe('graph');
    expect(protocolOf(mailProvider('microsoft'))).toBe('imap');
    expect(graph.oauth).toMatchObject({
      mailScope: 'https://graph.microsoft.com/Mail.ReadWrite offline_access',
      tokenUrl: mailProvider('microsoft').oauth!.tokenUrl,
      authorizationUrl: mailProvider('microsoft').oauth!.authorizationUrl,
    });
    // An IMAP source's "provider" may not name it: its scope would not open IMAP.
    expect(oauthProviderIds).not.toContain('microsoft-graph');
  });

  it('tells where to make an app password for each provider that demands one', () => {
    for (const id of ['icloud', 'yahoo', 'fastmail', 'naver', 'daum'] as const) expect(hint(id)).toMatch(/app(-specific)? password/);
  });

  it('tells Naver and Daum users to turn IMAP on first, since both ship with it off', () => {
    expect(hint('naver')).toMatch(/^Naver Mail needs IMAP turned on: .*POP3\/IMAP settings.*2-step verification/);
    expect(hint('daum')).toMatch(/^Daum Mail needs IMAP turned on: .*IMAP\/POP3.*Kakao accounts/);
    expect(mailProvider('naver').webUrl).toBe('https://mail.naver.com/');
    expect(mailProvider('daum').webUrl).toBe('https://mail.daum.net/');
  });

  it('says the hints in Korean as Naver and Daum say them, and names "Other IMAP" in the language, brands as they are', () => {
    expect(hint('naver', korean)).toBe('네이버 메일에서 IMAP을 켜야 합니다: 네이버 메일의 환경설정 → POP3/IMAP 설정에서 IMAP/SMTP 사용을 켜세요. '
      + '2단계 인증을 쓰면 애플리케이션 비밀번호를 사용하세요: 네이버ID의 보안설정 → 2단계 인증에서 만들 수 있습니다.');
    expect(hint('daum', korean)).toMatch(/^Daum 메일에서 IMAP을 켜야 합니다: Daum 메일의 환경설정 → IMAP\/POP3에서 .*앱 비밀번호/);
    expect(hint('yahoo', korean)).toMatch(/앱 비밀번호/);
    expect(providerName(mailProvider('other'), korean)).toBe('기타 IMAP');
    expect(providerName(mailProvider('other'), english)).toBe('Other IMAP');
    expect(providerName(mailProvider('naver'), korean)).toBe('Naver Mail');
  });

  it('leaves no English in the hints in the pseudo-locale', () => {
    const pseudo = translatorFor('en-XA');
    for (const provider of mailProviders.filter((p) => p.passwordHint)) {
      expect(pseudo.t(provider.passwordHint!).replace(/\{[^}]*\}/g, '')).not.toMatch(/[a-z]{3,}/);
    }
  });
});
