import { isClockTime } from '../../common/clock-time.ts';
import { normaliseServerUrl, normaliseWebUrl } from '../../common/server-url.ts';
import { clockTimeRule, colourRule, crossFieldMessages, keepsRule, serverUrlRule, tokenRule, webUrlRule } from '../../common/settings-rules.ts';
import type { LanguageChoice } from '../../common/i18n/languages.ts';
import type { FieldError, MailboxSettings, NotificationSettings, SettingsInput, SettingsView, TrayIconStyle, UpdateSettings } from '../../main/ipc-contract.ts';
import { accountFromDraft, newAccountId, type AccountDraft } from './account-draft.ts';
import { draftOfFilter } from './count-filter-draft.ts';
import {
  optionsDraft, optionsFromDraft, rulesDraft, rulesFromDraft, type MailboxRulesDraft, type NotificationOptionsDraft,
} from './mailbox-rules-draft.ts';
import type { Words } from '../../common/i18n/translator.ts';

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
    /** Stay on screen, reminders, what the badge shows, no "0", the attention cue (issue 23); left out keeps the saved ones. */
    options?: NotificationOptionsDraft;
  };
  launchAtLogin: boolean;
  trayIcon: TrayIconStyle;
  language: LanguageChoice;
  /** Per-mailbox settings as typed; undefined until the Mailboxes section is drawn (the saved ones then stay). */
  mailboxes?: MailboxDraft[];
  /** Update checks and automatic downloads (issue 23); left out keeps the saved ones. */
  updates?: UpdateSettings;
}

/** One mailbox's settings as the form holds them. */
export interface MailboxDraft {
  id: string;
  muted: boolean;
  inTotal: boolean;
  /** "" for none. */
  colour: string;
  webUrl: string;
  /** Sound, schedule, senders (issue 23); left out: none. */
  rules?: MailboxRulesDraft;
}

export type DraftResult = { ok: true; settings: SettingsInput } | { ok: false; errors: FieldError[] };

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
      folders: [...account.folders],
      folderChoice: account.folderChoice,
      knownFolders: account.knownFolders ? [...account.knownFolders] : undefined,
      webUrl: account.webUrl ?? '',
      provider: account.provider ?? 'other',
      protocol: account.protocol ?? 'imap',
      signIn: account.signIn ?? 'password',
      signInId: '',
      signedInAs: account.signedInAs ?? '',
      oauthClientId: account.oauthClientId ?? '',
      ca: account.ca ?? '',
      countFilter: draftOfFilter(account.countFilter),
    })),
    notifications: {
      enabled: view.notifications.enabled,
      sound: view.notifications.sound,
      summaryAtStart: view.notifications.summaryAtStart,
      quietEnabled: view.notifications.quietHours.enabled,
      quietStart: view.notifications.quietHours.start,
      quietEnd: view.notifications.quietHours.end,
      detail: view.notifications.detail ?? 'sender-and-subject',
      // Main sends them from settings version 3 on; a view without them saves without them (the saved ones stay).
      ...(view.notifications.stayOnScreen === undefined ? {} : { options: optionsDraft(view.notifications) }),
    },
    launchAtLogin: view.general.launchAtLogin,
    trayIcon: view.general.trayIcon,
    language: view.general.language,
    mailboxes: (view.mailboxes ?? []).map(mailboxDraft),
    ...(view.updates ? { updates: { ...view.updates } } : {}),
  };
}

export function mailboxDraft(settings: MailboxSettings): MailboxDraft {
  return {
    id: settings.id, muted: settings.muted === true, inTotal: settings.inTotal !== false,
    colour: settings.colour ?? '', webUrl: settings.webUrl ?? '', rules: rulesDraft(settings),
  };
}

/** The settings to send to main, normalised, or every problem with the draft, by field path. */
export function settingsFromDraft(draft: SettingsDraft): DraftResult {
  const errors: FieldError[] = [];
  const problem = (field: string, message: Words) => errors.push({ field, message });

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
    return mailbox.rules ? { ...settings, ...rulesFromDraft(mailbox.rules, `mailboxes.${index}`, problem) } : settings;
  });

  const options = n.options ? optionsFromDraft(n.options, problem) : {};

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
        ...options,
      },
      general: { launchAtLogin: draft.launchAtLogin, trayIcon: draft.trayIcon, language: draft.language },
      ...(mailboxes === undefined ? {} : { mailboxes: mailboxes.filter((m) => Object.keys(m).length > 1) }),
      ...(draft.updates ? { updates: { ...draft.updates } } : {}),
    },
  };
}
