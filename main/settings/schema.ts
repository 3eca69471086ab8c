import { filterMessages, filterRules, gmailCategories } from '../../common/count-filter.ts';
import { folderChoiceKinds, MAX_FOLDERS } from '../../common/folder-choice.ts';
import { mailProviders } from '../../common/mail-providers.ts';
import {
  accountIdRule, accountNameRule, caFileRule, clockTimeRule, oauthClientIdRule, crossFieldMessages, folderRule, hostRule, MAX_ACCOUNTS,
  passwordRule, portRule, serverUrlRule, tokenRule, TRAY_ICON_STYLES, userRule, webUrlRule, type TextRule,
  colourRule, LANGUAGE_CHOICES, MAX_MAILBOX_SETTINGS, notificationDetailMessage, notificationDetails,
  mailboxSettingIdRule, MAX_REMOTE_SERVERS, serverKeyRule, serverNameRule,
} from '../../common/settings-rules.ts';
import {
  BADGE_SHOWS, badgeShowsMessage, MAX_SENDERS, reminderRule, scheduleDaysMessage, senderRule, SOUND_CHOICES, soundFileRule, soundMessage,
} from '../../common/mailbox-rule-rules.ts';
import { hookArgRule, hookMailboxesMessage, hookProgramRule, hookTimeoutRule, MAX_HOOK_ARGS, shortcutMessage } from '../../common/hook-rules.ts';

// Two JSON schemas made from the same rules (rules.ts): the settings file as
// saved, and the settings as the window sends them. `errorMessage` is
// ajv-errors' keyword: the catalogue key of the sentence the form shows beside
// that field (check-input.ts turns it back into the rule's `Words`).

const text = (rule: TextRule) => ({ type: 'string', pattern: rule.pattern, maxLength: rule.maxLength, errorMessage: rule.message.key });
const optionalText = (rule: TextRule) => ({ anyOf: [{ const: '' }, text(rule)], errorMessage: rule.message.key });
const onOff = { type: 'boolean', errorMessage: crossFieldMessages.onOff.key };

/** An object with exactly these fields; a missing one is named with its own field's sentence. */
function object(properties: Record<string, object>, required: readonly string[]) {
  const missing = Object.fromEntries(required.map((key) => {
    const message = (properties[key] as { errorMessage?: unknown } | undefined)?.errorMessage;
    // 'check.missing' names the field itself (check-input.ts fills it in).
    return [key, typeof message === 'string' ? message : 'check.missing'];
  }));
  return { type: 'object', additionalProperties: false, required, properties, errorMessage: { required: missing } };
}

const filterList = (rule: typeof filterRules.sender | typeof filterRules.address) => ({
  type: 'array', minItems: 1, maxItems: filterRules.maxEntries,
  items: { type: 'string', pattern: rule.pattern, maxLength: rule.maxLength, errorMessage: rule.message.key },
  errorMessage: { maxItems: filterMessages.tooMany.key, minItems: rule.message.key },
});
/** What counts (common/count-filter.ts): the same parts as the server config's `filter`. */
const countFilter = {
  type: 'object', additionalProperties: false, minProperties: 1,
  properties: {
    from: filterList(filterRules.sender),
    notFrom: filterList(filterRules.sender),
    to: filterList(filterRules.address),
    flagged: { const: true, errorMessage: crossFieldMessages.onOff.key },
    newerThanDays: { type: 'integer', minimum: filterRules.days.minimum, maximum: filterRules.days.maximum, errorMessage: filterRules.days.message.key },
    gmailCategory: { enum: [...gmailCategories], errorMessage: filterMessages.gmailCategory.key },
    // Its syntax (quotes and parentheses closed, one line) is checked in check-input.ts, by the server's own reader.
    search: { type: 'string', minLength: 1, maxLength: filterRules.search.maxLength, errorMessage: filterRules.search.message.key },
  },
  errorMessage: { minProperties: filterMessages.empty.key },
};

const accountFields = {
  id: { ...text(accountIdRule), not: { enum: ['.', '..'] } },
  name: text(accountNameRule),
  host: text(hostRule),
  port: { type: 'integer', minimum: portRule.minimum, maximum: portRule.maximum, errorMessage: portRule.message.key },
  security: { enum: ['tls', 'starttls'], errorMessage: crossFieldMessages.security.key },
  user: text(userRule),
  folders: {
    type: 'array', minItems: 1, maxItems: MAX_FOLDERS, items: text(folderRule), errorMessage: crossFieldMessages.foldersMissing.key,
  },
  folderChoice: { enum: [...folderChoiceKinds], errorMessage: crossFieldMessages.folderChoice.key },
  knownFolders: { type: 'array', maxItems: MAX_FOLDERS, items: { type: 'string', maxLength: folderRule.maxLength } },
  webUrl: optionalText(webUrlRule),
  provider: { enum: mailProviders.map((p) => p.id), errorMessage: crossFieldMessages.provider.key },
  signIn: { enum: ['password', 'oauth2'], errorMessage: crossFieldMessages.signIn.key },
  // Follows the provider the form chose; a value no provider has is the provider's mistake.
  protocol: { enum: ['imap', 'jmap', 'graph'], errorMessage: crossFieldMessages.provider.key },
  oauthClientId: optionalText(oauthClientIdRule),
  ca: optionalText(caFileRule),
  countFilter,
};
/** A saved browser sign-in: the client it was made with, and its sealed refresh token. */
const savedSignIn = object({
  clientId: { type: 'string', minLength: 1 },
  clientSecret: { type: 'string' },
  refreshToken: { type: 'string', minLength: 1 },
  address: { type: 'string', maxLength: 500 },
}, ['clientId', 'refreshToken']);
const accountRequired = ['id', 'name', 'host', 'port', 'security', 'user', 'folders', 'folderChoice'];
const accounts = (item: object) => ({
  type: 'array', maxItems: MAX_ACCOUNTS, items: item, errorMessage: { maxItems: crossFieldMessages.tooManyAccounts.key },
});

const time = text(clockTimeRule);
const notifications = object({
  enabled: onOff,
  sound: onOff,
  summaryAtStart: onOff,
  detail: { enum: notificationDetails, errorMessage: notificationDetailMessage.key },
  quietHours: object({ enabled: onOff, start: time, end: time }, ['enabled', 'start', 'end']),
  stayOnScreen: onOff,
  reminderMinutes: { type: 'integer', minimum: reminderRule.minimum, maximum: reminderRule.maximum, errorMessage: reminderRule.message.key },
  badgeShows: { enum: [...BADGE_SHOWS], errorMessage: badgeShowsMessage.key },
  hideZeroCount: onOff,
  attentionCue: onOff,
  respectDnd: onOff,
  tellAfterDnd: onOff,
}, ['enabled', 'sound', 'summaryAtStart', 'quietHours']);

// Per-mailbox notification rules (issue 23): sound, weekday schedule, senders that always or never notify.
const senders = { type: 'array', maxItems: MAX_SENDERS, items: text(senderRule), errorMessage: { maxItems: senderRule.message.key } };
const mailboxRules = {
  sound: { enum: [...SOUND_CHOICES], errorMessage: soundMessage.key },
  soundFile: text(soundFileRule),
  schedule: object({
    days: {
      type: 'array', maxItems: 7, uniqueItems: true, items: { type: 'integer', minimum: 0, maximum: 6 }, errorMessage: scheduleDaysMessage.key,
    },
    start: time,
    end: time,
  }, ['days', 'start', 'end']),
  importantSenders: senders,
  importantInQuiet: onOff,
  neverSenders: senders,
};

// Per-mailbox settings: mute, the total, a colour, and a web address for a remote server's mailbox.
const mailboxSettings = {
  type: 'array',
  maxItems: MAX_MAILBOX_SETTINGS,
  items: object({
    id: { ...text(mailboxSettingIdRule), not: { enum: ['.', '..'] } },
    muted: onOff,
    inTotal: onOff,
    colour: text(colourRule),
    webUrl: text(webUrlRule),
    ...mailboxRules,
  }, ['id']),
};
// Update checks and automatic downloads (issue 23): both or neither, as the window's Updates section sends them.
const updates = object({ check: onOff, autoDownload: onOff }, ['check', 'autoDownload']);
const generalFields = {
  launchAtLogin: onOff,
  trayIcon: { enum: [...TRAY_ICON_STYLES], errorMessage: crossFieldMessages.trayIcon.key },
  language: { enum: [...LANGUAGE_CHOICES], errorMessage: crossFieldMessages.language.key },
  // Electron's accelerator syntax is checked in code (check-input.ts, common/hook-rules.ts); the file only keeps it bounded.
  shortcut: { type: 'string', maxLength: 100, errorMessage: shortcutMessage.key },
};

// The new-mail hook (issue 23): a program and its arguments, never a shell line; off by default.
const hooks = object({
  enabled: onOff,
  program: { anyOf: [{ const: '' }, { type: 'string', pattern: hookProgramRule.pattern, maxLength: hookProgramRule.maxLength }], errorMessage: hookProgramRule.message.key },
  args: {
    type: 'array', maxItems: MAX_HOOK_ARGS, items: { type: 'string', pattern: hookArgRule.pattern, maxLength: hookArgRule.maxLength },
    errorMessage: hookArgRule.message.key,
  },
  mailboxes: {
    // The app's mailbox ids, as the per-mailbox settings have them: a remote server's as `<server key>/<id>`.
    anyOf: [{ const: 'all' }, { type: 'array', minItems: 1, maxItems: MAX_MAILBOX_SETTINGS, uniqueItems: true, items: text(mailboxSettingIdRule) }],
    errorMessage: hookMailboxesMessage.key,
  },
  timeoutSeconds: { type: 'integer', minimum: hookTimeoutRule.minimum, maximum: hookTimeoutRule.maximum, errorMessage: hookTimeoutRule.message.key },
}, ['enabled', 'program', 'args', 'mailboxes', 'timeoutSeconds']);
// The file always has a language (migrate.ts gives older files 'system'); the window may leave it out to keep it.
const storedGeneral = object(generalFields, ['launchAtLogin', 'language']);
const general = object(generalFields, ['launchAtLogin']);
// The servers the app follows (issue 22): the bundled one on or off, and the remote ones in order.
const servers = (remote: object) => object({
  bundled: object({ enabled: onOff }, ['enabled']),
  remotes: { type: 'array', maxItems: MAX_REMOTE_SERVERS, items: remote, errorMessage: { maxItems: crossFieldMessages.tooManyServers.key } },
}, ['bundled', 'remotes']);

/**
 * The settings file's JSON schema, by top-level key, as electron-store (conf)
 * takes it: every write is checked against it, so a bad value never reaches
 * the disk. Field names follow `StoredSettings`; secrets are sealed text.
 */
export const settingsSchema = {
  version: { type: 'integer', minimum: 1 },
  servers: servers(object({
    key: text(serverKeyRule),
    name: text(serverNameRule),
    url: text(serverUrlRule),
    token: { type: 'string' },
    enabled: onOff,
  }, ['key', 'name', 'url', 'token', 'enabled'])),
  accounts: accounts(object({ ...accountFields, password: { type: 'string' }, oauth: savedSignIn }, [...accountRequired, 'password'])),
  notifications,
  general: storedGeneral,
  mailboxes: mailboxSettings,
  updates,
  hooks,
  snoozedUntil: { type: 'integer', minimum: 0 },
  migrationProblems: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 1000 } },
};

/**
 * Settings as the window sends them (`SettingsInput`): the same fields and
 * rules, with a plain password or token that may be left out to keep the
 * saved one; a remote server without a key is a new one (main gives it one),
 * and one without a name is named after its host.
 */
export const settingsInputSchema = object({
  servers: servers(object({
    key: text(serverKeyRule),
    name: optionalText(serverNameRule),
    url: text(serverUrlRule),
    token: text(tokenRule),
    enabled: onOff,
  }, ['url', 'enabled'])),
  accounts: accounts(object({
    ...accountFields,
    password: { type: 'string', maxLength: passwordRule.maxLength, errorMessage: passwordRule.message.key },
    signInId: { type: 'string', maxLength: 100, errorMessage: crossFieldMessages.signInGone.key },
  }, accountRequired)),
  notifications,
  general,
  mailboxes: mailboxSettings,
  updates,
  hooks,
}, ['servers', 'accounts', 'notifications', 'general']);

/** The keyword ajv must know in the schemas above, besides its own. */
export const SCHEMA_KEYWORDS = ['errorMessage'];
