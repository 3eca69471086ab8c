/**
 * The mail providers a user can pick instead of typing a host name: where
 * their IMAP server is, and how an account signs in there. Server (the
 * `"provider"` of an IMAP source's OAuth2 auth) and app (the account form's
 * presets, the sign-in) read this one table.
 */
import type { MessageKey } from './i18n/catalogues/en.ts';
import type { Translator } from './i18n/translator.ts';

export type ProviderId = 'google' | 'microsoft' | 'microsoft-graph' | 'icloud' | 'yahoo' | 'fastmail' | 'naver' | 'daum' | 'other';

/** How an account's mail is read: IMAP (the default, when an account has none), JMAP, or Microsoft Graph's REST API. */
export type AccountProtocol = 'imap' | 'jmap' | 'graph';

export interface OAuthEndpoints {
  /** Where OpenID discovery starts (`/.well-known/openid-configuration`). */
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** What the mail access needs, and nothing more; kept for every refresh. */
  mailScope: string;
  /** Asked for at sign-in only, to learn which address signed in. */
  identityScope: string;
  /** Extra query parameters for the authorization request (Google needs these to hand out a refresh token). */
  authorizationParams: Record<string, string>;
}

export interface MailProvider {
  id: ProviderId;
  /** As the account form lists it: a brand name, the same in every language ("Other IMAP" is worded by `providerName`). */
  label: string;
  /** Left out: IMAP. */
  protocol?: AccountProtocol;
  /** Empty for "Other IMAP": the user types it. */
  host: string;
  port: number;
  security: 'tls' | 'starttls';
  /** `oauth2`: a "Sign in with ..." button; `password`: a password field (an app password where the provider demands one). */
  signIn: 'oauth2' | 'password';
  oauth?: OAuthEndpoints;
  /** Said under the password field (a catalogue key): what to turn on at the provider first, and where to make an app password. */
  passwordHint?: MessageKey;
  /** The web mail address, offered as the mailbox's address. */
  webUrl?: string;
}

export const mailProviders: readonly MailProvider[] = [
  {
    id: 'google', label: 'Gmail / Google Workspace', host: 'imap.gmail.com', port: 993, security: 'tls', signIn: 'oauth2',
    oauth: {
      issuer: 'https://accounts.google.com',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      mailScope: 'https://mail.google.com/',
      identityScope: 'openid email',
      // Google gives a refresh token only for offline access, and again only when consent is asked anew.
      authorizationParams: { access_type: 'offline', prompt: 'consent' },
    },
    webUrl: 'https://mail.google.com/',
  },
  {
    id: 'microsoft', label: 'Outlook.com / Microsoft 365', host: 'outlook.office365.com', port: 993, security: 'tls', signIn: 'oauth2',
    oauth: {
      // "common": personal and work or school accounts alike; the issuer names the tenant after sign-in.
      issuer: 'https://login.microsoftonline.com/common/v2.0',
      authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      mailScope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
      identityScope: 'openid email',
      authorizationParams: { prompt: 'select_account' },
    },
    webUrl: 'https://outlook.live.com/mail/',
  },
  {
    // The same sign-in as Microsoft's IMAP, for Graph's REST API: for tenants that turned IMAP off, and for marking read without IMAP.
    id: 'microsoft-graph', label: 'Microsoft 365 (Graph)', protocol: 'graph', host: 'graph.microsoft.com', port: 443, security: 'tls', signIn: 'oauth2',
    oauth: {
      issuer: 'https://login.microsoftonline.com/common/v2.0',
      authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      // Mail.ReadWrite, not Mail.Read: marking read is a PATCH of isRead.
      mailScope: 'https://graph.microsoft.com/Mail.ReadWrite offline_access',
      identityScope: 'openid email',
      authorizationParams: { prompt: 'select_account' },
    },
    webUrl: 'https://outlook.office.com/mail/',
  },
  {
    id: 'icloud', label: 'iCloud', host: 'imap.mail.me.com', port: 993, security: 'tls', signIn: 'password',
    passwordHint: 'account.provider.icloud.hint',
    webUrl: 'https://www.icloud.com/mail/',
  },
  {
    id: 'yahoo', label: 'Yahoo', host: 'imap.mail.yahoo.com', port: 993, security: 'tls', signIn: 'password',
    passwordHint: 'account.provider.yahoo.hint',
    webUrl: 'https://mail.yahoo.com/',
  },
  {
    id: 'fastmail', label: 'Fastmail', host: 'imap.fastmail.com', port: 993, security: 'tls', signIn: 'password',
    passwordHint: 'account.provider.fastmail.hint',
    webUrl: 'https://app.fastmail.com/',
  },
  {
    // Naver and Daum ship with IMAP off: the account is refused until the user turns it on in the web mail.
    id: 'naver', label: 'Naver Mail', host: 'imap.naver.com', port: 993, security: 'tls', signIn: 'password',
    passwordHint: 'account.provider.naver.hint',
    webUrl: 'https://mail.naver.com/',
  },
  {
    id: 'daum', label: 'Daum / Kakao Mail', host: 'imap.daum.net', port: 993, security: 'tls', signIn: 'password',
    passwordHint: 'account.provider.daum.hint',
    webUrl: 'https://mail.daum.net/',
  },
  { id: 'other', label: 'Other IMAP', host: '', port: 993, security: 'tls', signIn: 'password' },
];

export function mailProvider(id: ProviderId): MailProvider {
  return mailProviders.find((p) => p.id === id)!;
}

/** The provider as the account form names it: its brand, or "Other IMAP" in the person's language. */
export function providerName(provider: MailProvider, words: Translator): string {
  return provider.id === 'other' ? words.t('account.provider.other.name') : provider.label;
}

/** How an account or provider reads mail: IMAP unless it says otherwise. */
export function protocolOf(item: { protocol?: AccountProtocol | undefined }): AccountProtocol {
  return item.protocol ?? 'imap';
}

/**
 * The providers a stand-alone server's config may name in `"auth": {"provider": ...}`: the IMAP ones
 * (a Graph source names "microsoft", whose token endpoint it shares, and takes Graph's scope itself).
 */
export const oauthProviderIds = mailProviders.filter((p) => p.oauth && protocolOf(p) === 'imap').map((p) => p.id);

/** The Graph provider's scope: what a graph source asks for when its config names none. */
export const graphMailScope = mailProvider('microsoft-graph').oauth!.mailScope;
