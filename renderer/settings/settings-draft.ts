import { isClockTime } from '../../common/clock-time.ts';
import { normaliseServerUrl, normaliseWebUrl } from '../../common/server-url.ts';
import {
  clockTimeRule, colourRule, crossFieldMessages, keepsRule, MAX_REMOTE_SERVERS, serverNameRule, serverUrlRule, tokenRule, webUrlRule,
} from '../../common/settings-rules.ts';
import type { LanguageChoice } from '../../common/i18n/languages.ts';
import type {
  FieldError, MailboxSettings, NotificationSettings, RemoteServerInput, SettingsInput, SettingsView, TrayIconStyle, UpdateSettings,
} from '../../main/ipc-contract.ts';
import { accountFromDraft, newAccountId, type AccountDraft } from './account-draft.ts';
import { draftOfFilter } from './count-filter-draft.ts';
import {
  optionsDraft, optionsFromDraft, rulesDraft, rulesFromDraft, type MailboxRulesDraft, type NotificationOptionsDraft,
} from './mailbox-rules-draft.ts';
import type { Words } from '../../common/i18n/translator.ts';
import { shortcutProblem } from '../../common/hook-rules.ts';
import { hooksDraft, hooksFromDraft, type HooksDraft } from './hooks-draft.ts';

/** The whole settings form as typed. */
export interface SettingsDraft {
  /** Follow the bundled server (the accounts). */
  followBundled: boolean;
  /** The remote servers, in order. */
  remotes: RemoteDraft[];
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
  /** The global shortcut as typed ("" none), and the one saved: an untouched "none" is not sent. */
  shortcut?: string;
  savedShortcut?: string;
  /** The new-mail hook as typed; `hasSavedHooks`: the settings had one, so even the default is sent. */
  hooks?: HooksDraft;
  hasSavedHooks?: boolean;
}

/** One remote server as the form holds it. */
export interface RemoteDraft {
  /** '' for a server added in this form: main gives it a key. */
  key: string;
  name: string;
  url: string;
  /** Write-only: empty keeps the saved token. */
  token: string;
  hasSavedToken: boolean;
  enabled: boolean;
}

export function blankRemote(): RemoteDraft {
  return { key: '', name: '', url: '', token: '', hasSavedToken: false, enabled: true };
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
    ...serversDraft(view.servers),
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
    shortcut: view.general.shortcut ?? '',
    savedShortcut: view.general.shortcut ?? '',
    hooks: hooksDraft(view.hooks),
    hasSavedHooks: view.hooks !== undefined,
  };
}

/** The servers' part of the draft, as saved: tokens write-only. */
export function serversDraft(servers: SettingsView['servers']): Pick<SettingsDraft, 'followBundled' | 'remotes'> {
  return {
    followBundled: servers.bundled.enabled,
    remotes: servers.remotes.map((remote) => ({
      key: remote.key, name: remote.name, url: remote.url, token: '', hasSavedToken: remote.hasToken, enabled: remote.enabled,
    })),
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

  if (draft.remotes.length > MAX_REMOTE_SERVERS) problem('servers.remotes', crossFieldMessages.tooManyServers);
  const remotes = draft.remotes.map((remote, index): RemoteServerInput => {
    const path = (field: string) => `servers.remotes.${index}.${field}`;
    const url = normaliseServerUrl(remote.url);
    if (!url.ok) problem(path('url'), url.message);
    if (url.ok && !keepsRule(serverUrlRule, url.url)) problem(path('url'), serverUrlRule.message);
    const name = remote.name.trim();
    if (name !== '' && !keepsRule(serverNameRule, name)) problem(path('name'), serverNameRule.message);
    const token = remote.token.trim();
    if (token === '' && !remote.hasSavedToken) problem(path('token'), crossFieldMessages.tokenMissing);
    else if (token !== '' && !keepsRule(tokenRule, token)) problem(path('token'), tokenRule.message);
    const input: RemoteServerInput = { name, url: url.ok ? url.url : remote.url.trim(), enabled: remote.enabled };
    if (remote.key !== '') input.key = remote.key;
    if (token !== '') input.token = token;
    return input;
  });

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

  // In the order of the section tabs (Hooks, then General): the first problem's section is the one shown.
  const hooks = draft.hooks ? hooksFromDraft(draft.hooks, problem) : undefined;
  // A form that never touched the hook sends none, as before it existed; one saved is always sent back.
  const sendsHooks = hooks !== undefined && (draft.hasSavedHooks === true || JSON.stringify(hooks) !== JSON.stringify(hooksFromDraft(hooksDraft(undefined), () => {})));
  const shortcut = draft.shortcut?.trim() ?? '';
  const badShortcut = shortcutProblem(shortcut);
  if (badShortcut) problem('general.shortcut', badShortcut);
  const sendsShortcut = shortcut !== '' || (draft.savedShortcut ?? '') !== '';

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      servers: { bundled: { enabled: draft.followBundled }, remotes },
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
      general: { launchAtLogin: draft.launchAtLogin, trayIcon: draft.trayIcon, language: draft.language, ...(sendsShortcut ? { shortcut } : {}) },
      ...(mailboxes === undefined ? {} : { mailboxes: mailboxes.filter((m) => Object.keys(m).length > 1) }),
      ...(draft.updates ? { updates: { ...draft.updates } } : {}),
      ...(sendsHooks ? { hooks } : {}),
    },
  };
}
