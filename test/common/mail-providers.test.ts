import { describe, expect, it } from 'vitest';
import { mailProvider, mailProviders, oauthProviderIds } from '../../common/mail-providers.ts';

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
    expect(mailProviders.map((p) => p.id)).toEqual(['google', 'microsoft', 'icloud', 'yahoo', 'fastmail', 'naver', 'daum', 'other']);
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

  it('tells where to make an app password for each provider that demands one', () => {
    for (const id of ['icloud', 'yahoo', 'fastmail', 'naver', 'daum'] as const) expect(mailProvider(id).passwordHint).toMatch(/app(-specific)? password/);
  });

  it('tells Naver and Daum users to turn IMAP on first, since both ship with it off', () => {
    expect(mailProvider('naver').passwordHint).toMatch(/^Naver Mail needs IMAP turned on: .*POP3\/IMAP settings.*2-step verification/);
    expect(mailProvider('daum').passwordHint).toMatch(/^Daum Mail needs IMAP turned on: .*IMAP\/POP3.*Kakao accounts/);
    expect(mailProvider('naver').webUrl).toBe('https://mail.naver.com/');
    expect(mailProvider('daum').webUrl).toBe('https://mail.daum.net/');
  });
});
