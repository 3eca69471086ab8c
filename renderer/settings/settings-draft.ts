import { isClockTime } from '../../common/clock-time.ts';
import { normaliseServerUrl, normaliseWebUrl } from '../../common/server-url.ts';
import {
  accountNameRule, caFileRule, clockTimeRule, colourRule, oauthClientIdRule, crossFieldMessages, folderRule, hostRule, keepsRule, passwordRule, portRule,
  serverUrlRule, tokenRule, userRule, webUrlRule,
} from '../../common/settings-rules.ts';
import type { ProviderId } from '../../common/mail-providers.ts';
import type {
  AccountInput, FieldError, ImapSecurity, MailboxSettings, NotificationSettings, SettingsInput, SettingsView, TrayIconStyle,
} from '../../main/ipc-contract.ts';

/** An account as the form holds it: what was typed, before any checks. */
export interface AccountDraft {
  /** Empty for an account added in this window: it gets an id on save. */
  id: string;
  name: string;
  host: string;
  port: string;
  security: ImapSecurity;
  user: string;
  /** Write-only: empty keeps the saved password. */
  password: string;
  hasSavedPassword: boolean;
  folder: string;
  webUrl: string;
  /** The preset it was made from; 'other' for a server typed in. */
  provider: ProviderId;
  signIn: 'password' | 'oauth2';
  /** A finished sign-in in this window, not saved yet; '' for none. */
  signInId: string;
  /** The address of the saved (or just finished) sign-in; '' for none. */
  signedInAs: string;
  oauthClientId: string;
  ca: string;
}

/** The whole settings form as typed. */
export interface SettingsDraft {
  serverMode: 'bundled' | 'remote';
  url: string;
  /** Write-only: empty keeps the saved token. */
  token: string;
  hasSavedToken: boolean;
  accounts: AccountDraft[];
  notifications: {
    enabled: boolean;
    sound: boolean;
    summaryAtStart: boolean;
    quietEnabled: boolean;
    quietStart: string;
    quietEnd: string;
    detail: NonNullable<NotificationSettings['detail']>;
  };
  launchAtLogin: boolean;
  trayIcon: TrayIconStyle;
  /** Per-mailbox settings as typed; undefined until the Mailboxes section is drawn (the saved ones then stay). */
  mailboxes?: MailboxDraft[];
}

/** One mailbox's settings as the form holds them. */
export interface MailboxDraft {
  id: string;
  muted: boolean;
  inTotal: boolean;
  /** "" for none. */
  colour: string;
  webUrl: string;
}

export type DraftResult = { ok: true; settings: SettingsInput } | { ok: false; errors: FieldError[] };

export const defaultPorts: Record<ImapSecurity, number> = { tls: 993, starttls: 143 };

export function draftFromView(view: SettingsView): SettingsDraft {
  return {
    serverMode: view.server.mode,
    url: view.server.mode === 'remote' ? view.server.url : '',
    token: '',
    hasSavedToken: view.server.mode === 'remote' && view.server.hasToken,
    accounts: view.accounts.map((account) => ({
      id: account.id,
      name: account.name,
      host: account.host,
      port: String(account.port),
      security: account.security,
      user: account.user,
      password: '',
      hasSavedPassword: account.hasPassword,
      folder: account.folder,
      webUrl: account.webUrl ?? '',
      provider: account.provider ?? 'other',
      signIn: account.signIn ?? 'password',
      signInId: '',
      signedInAs: account.signedInAs ?? '',
      oauthClientId: account.oauthClientId ?? '',
      ca: account.ca ?? '',
    })),
    notifications: {
      enabled: view.notifications.enabled,
      sound: view.notifications.sound,
      summaryAtStart: view.notifications.summaryAtStart,
      quietEnabled: view.notifications.quietHours.enabled,
      quietStart: view.notifications.quietHours.start,
      quietEnd: view.notifications.quietHours.end,
      detail: view.notifications.detail ?? 'sender-and-subject',
    },
    launchAtLogin: view.general.launchAtLogin,
    trayIcon: view.general.trayIcon,
    mailboxes: (view.mailboxes ?? []).map(mailboxDraft),
  };
}

export function mailboxDraft(settings: MailboxSettings): MailboxDraft {
  return {
    id: settings.id, muted: settings.muted === true, inTotal: settings.inTotal !== false,
    colour: settings.colour ?? '', webUrl: settings.webUrl ?? '',
  };
}

/** A blank account for the form, with the usual IMAP defaults. */
export function blankAccount(): AccountDraft {
  return {
    id: '', name: '', host: '', port: String(defaultPorts.tls), security: 'tls', user: '',
    password: '', hasSavedPassword: false, folder: 'INBOX', webUrl: '',
    provider: 'other', signIn: 'password', signInId: '', signedInAs: '', oauthClientId: '', ca: '',
  };
}

/** The settings to send to main, normalised, or every problem with the draft, by field path. */
export function settingsFromDraft(draft: SettingsDraft): DraftResult {
  const errors: FieldError[] = [];
  const problem = (field: string, message: string) => errors.push({ field, message });

  let server: SettingsInput['server'] = { mode: 'bundled' };
  if (draft.serverMode === 'remote') {
    const url = normaliseServerUrl(draft.url);
    if (!url.ok) problem('server.url', url.message);
    if (url.ok && !keepsRule(serverUrlRule, url.url)) problem('server.url', serverUrlRule.message);
    const token = draft.token.trim();
    if (token === '' && !draft.hasSavedToken) problem('server.token', crossFieldMessages.tokenMissing);
    else if (token !== '' && !keepsRule(tokenRule, token)) problem('server.token', tokenRule.message);
    const savedUrl = url.ok ? url.url : draft.url.trim();
    server = token === '' ? { mode: 'remote', url: savedUrl } : { mode: 'remote', url: savedUrl, token };
  }

  const takenIds = new Set(draft.accounts.map((account) => account.id).filter((id) => id !== ''));
  const accounts = draft.accounts.map((account, index) => {
    const input = accountFromDraft(account, (field, message) => problem(`accounts.${index}.${field}`, message));
    if (input.id === '') {
      input.id = newAccountId(input.name, takenIds);
      takenIds.add(input.id);
    }
    return input;
  });

  const n = draft.notifications;
  for (const [field, value] of [['start', n.quietStart], ['end', n.quietEnd]] as const) {
    if (n.quietEnabled && !isClockTime(value)) problem(`notifications.quietHours.${field}`, clockTimeRule.message);
  }
  if (n.quietEnabled && n.quietStart === n.quietEnd && isClockTime(n.quietStart)) {
    problem('notifications.quietHours.end', crossFieldMessages.quietHoursSame);
  }

  const mailboxes = draft.mailboxes?.map((mailbox, index) => {
    const settings: MailboxSettings = { id: mailbox.id };
    if (mailbox.muted) settings.muted = true;
    if (!mailbox.inTotal) settings.inTotal = false;
    if (mailbox.colour !== '') {
      if (keepsRule(colourRule, mailbox.colour)) settings.colour = mailbox.colour;
      else problem(`mailboxes.${index}.colour`, colourRule.message);
    }
    const webUrl = normaliseWebUrl(mailbox.webUrl);
    if (!webUrl.ok) problem(`mailboxes.${index}.webUrl`, webUrl.message);
    else if (webUrl.url !== '' && !keepsRule(webUrlRule, webUrl.url)) problem(`mailboxes.${index}.webUrl`, webUrlRule.message);
    else if (webUrl.url !== '') settings.webUrl = webUrl.url;
    return settings;
  });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      server,
      accounts,
      notifications: {
        enabled: n.enabled,
        sound: n.sound,
        summaryAtStart: n.summaryAtStart,
        detail: n.detail,
        quietHours: {
          enabled: n.quietEnabled,
          // Quiet hours switched off may be left blank: keep sensible times for when they are switched on.
          start: isClockTime(n.quietStart) ? n.quietStart : '22:00',
          end: isClockTime(n.quietEnd) ? n.quietEnd : '07:00',
        },
      },
      general: { launchAtLogin: draft.launchAtLogin, trayIcon: draft.trayIcon },
      ...(mailboxes === undefined ? {} : { mailboxes: mailboxes.filter((m) => Object.keys(m).length > 1) }),
    },
  };
}

/**
 * One account's fields, tidied (trimmed, the web address completed) and
 * checked by the same rules main and the settings file use.
 */
/** One account as main takes it; `problem` hears what is wrong, by the account's field name ("port"). */
export function accountFromDraft(account: AccountDraft, problem: (field: string, message: string) => void): AccountInput {
  const name = account.name.trim();
  if (!keepsRule(accountNameRule, name)) problem('name', accountNameRule.message);

  const host = account.host.trim();
  if (!keepsRule(hostRule, host)) problem('host', hostRule.message);

  const portText = account.port.trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < portRule.minimum || port > portRule.maximum) problem('port', portRule.message);

  const user = account.user.trim();
  if (!keepsRule(userRule, user)) problem('user', userRule.message);

  const isOAuth = account.signIn === 'oauth2';
  if (isOAuth) {
    if (account.signInId === '' && account.signedInAs === '') problem('signIn', crossFieldMessages.signInMissing);
  } else if (account.password === '' && !account.hasSavedPassword) {
    problem('password', passwordRule.missing);
  } else if (account.password.length > passwordRule.maxLength) {
    problem('password', passwordRule.message);
  }
  const oauthClientId = account.oauthClientId.trim();
  if (isOAuth && oauthClientId !== '' && !keepsRule(oauthClientIdRule, oauthClientId)) problem('oauthClientId', oauthClientIdRule.message);
  const ca = account.ca.trim();
  if (ca !== '' && !keepsRule(caFileRule, ca)) problem('ca', caFileRule.message);

  const folder = account.folder.trim();
  if (!keepsRule(folderRule, folder)) problem('folder', folderRule.message);

  const webUrl = normaliseWebUrl(account.webUrl);
  if (!webUrl.ok) problem('webUrl', webUrl.message);
  else if (webUrl.url !== '' && !keepsRule(webUrlRule, webUrl.url)) problem('webUrl', webUrlRule.message);

  const input: AccountInput = { id: account.id, name, host, port, security: account.security, user, folder };
  if (webUrl.ok && webUrl.url !== '') input.webUrl = webUrl.url;
  if (account.provider !== 'other') input.provider = account.provider;
  if (ca !== '') input.ca = ca;
  if (isOAuth) {
    input.signIn = 'oauth2';
    if (account.signInId !== '') input.signInId = account.signInId;
    if (oauthClientId !== '') input.oauthClientId = oauthClientId;
  } else if (account.password !== '') {
    input.password = account.password;
  }
  return input;
}

/** A mailbox id (1 to 128 of A-Z a-z 0-9 . _ @ + -) made from an account's name, unique among `taken`. */
export function newAccountId(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^a-z0-9._@+-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100) || 'account';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}
