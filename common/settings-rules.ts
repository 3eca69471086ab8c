import { CLOCK_TIME_PATTERN } from './clock-time.ts';
import { filterChecks } from './count-filter.ts';
import { PSEUDO_LANGUAGE, shippedLanguages, type LanguageChoice } from './i18n/languages.ts';
import type { Words } from './i18n/translator.ts';
import { hookChecks } from './hook-rules.ts';
import { mailboxRuleChecks } from './mailbox-rule-rules.ts';
import { MAILBOX_ID_PATTERN, MAX_NAME_LENGTH, MIN_TOKEN_LENGTH } from './protocol.ts';

/**
 * Every rule a settings field must keep, with the sentence the form shows
 * when it does not (as `Words`: the window says it in its language): the one source of truth for the settings file's schema
 * (main/settings/schema.ts, checked with ajv), main's check of what the
 * window sends (main/settings/check-input.ts), and the window's own check
 * (renderer/settings/settings-draft.ts, account-draft.ts).
 *
 * Patterns are JSON Schema patterns: ECMAScript with the `u` flag, no other
 * flags, so they mean the same in ajv and in `new RegExp(pattern, 'u')`.
 */
export interface TextRule {
  pattern: string;
  maxLength: number;
  message: Words;
}

const hostLabel = '[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?';

export const serverUrlRule: TextRule = {
  // Lower-case scheme, a host (no user name), an optional path; no ?query or #part.
  pattern: '^https?://[^\\s/?#@]+(/[^\\s?#]*)?$',
  maxLength: 2000,
  message: { key: 'check.serverUrl' },
};

export const tokenRule: TextRule = {
  pattern: `^\\S{${MIN_TOKEN_LENGTH},}$`,
  maxLength: 1000,
  message: { key: 'check.token', values: { min: MIN_TOKEN_LENGTH } },
};

export const accountIdRule: TextRule = {
  pattern: MAILBOX_ID_PATTERN,
  maxLength: 128,
  message: { key: 'check.accountId' },
};

/** A remote server's key in the settings (`s1`, `s2`...): made by main, the first part of its mailboxes' app ids. */
export const serverKeyRule: TextRule = {
  pattern: '^s[0-9]{1,6}$',
  maxLength: 7,
  message: { key: 'servers.check.key' },
};

/** A remote server's name as the user gives it ("Work"); left empty, main names it after the host. */
export const serverNameRule: TextRule = {
  pattern: '\\S',
  maxLength: 60,
  message: { key: 'servers.check.name', values: { max: 60 } },
};

/** A per-mailbox setting's id: the bundled server's mailbox id, or `<serverKey>/<id>` for a remote server's (issue 22). */
export const mailboxSettingIdRule: TextRule = {
  pattern: `^(s[0-9]{1,6}/)?${MAILBOX_ID_PATTERN.slice(1, -1)}$`,
  maxLength: 136,
  message: { key: 'check.accountId' },
};

/** How many remote servers the app follows at most, beside the bundled one. */
export const MAX_REMOTE_SERVERS = 10;

export const accountNameRule: TextRule = {
  pattern: '\\S',
  maxLength: MAX_NAME_LENGTH,
  message: { key: 'check.accountName', values: { max: MAX_NAME_LENGTH } },
};

export const hostRule: TextRule = {
  // A DNS name (a final dot allowed) or an IP address; IPv6 in brackets. The port has its own field.
  pattern: `^(\\[[0-9A-Fa-f:.]+\\]|${hostLabel}(\\.${hostLabel})*\\.?)$`,
  maxLength: 253,
  message: { key: 'check.host' },
};

export const portRule = {
  minimum: 1,
  maximum: 65535,
  message: { key: 'check.port' } satisfies Words,
} as const;

export const userRule: TextRule = {
  pattern: '\\S',
  maxLength: 500,
  message: { key: 'check.user' },
};

export const passwordRule = {
  maxLength: 1000,
  // The length as it is written ("1000"), not as a number is ("1,000").
  message: { key: 'check.password', values: { max: '1000' } } satisfies Words,
  missing: { key: 'check.passwordMissing' } satisfies Words,
} as const;

export const folderRule: TextRule = {
  pattern: '\\S',
  maxLength: 500,
  message: { key: 'check.folder' },
};

export const webUrlRule: TextRule = {
  // What a click may open with the OS: a web page or a new mail, nothing else (no javascript:, file:, ...).
  pattern: '^(https?://[^\\s/?#@]+([/?#]\\S*)?|mailto:\\S+)$',
  maxLength: 2000,
  message: { key: 'check.webUrl' },
};

export const oauthClientIdRule: TextRule = {
  pattern: '^\\S+$',
  maxLength: 500,
  message: { key: 'check.oauthClientId' },
};

export const caFileRule: TextRule = {
  // A whole path: /..., C:\... or \\server\share\...; the bundled server reads it, from wherever it runs.
  pattern: '^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)\\S',
  maxLength: 1000,
  message: { key: 'check.caFile' },
};

export const clockTimeRule: TextRule = {
  pattern: CLOCK_TIME_PATTERN,
  maxLength: 5,
  message: { key: 'check.clockTime' },
};

export const colourRule: TextRule = {
  pattern: '^#[0-9a-fA-F]{6}$',
  maxLength: 7,
  message: { key: 'check.colour' },
};

/** What notifications show, most to least (issue 12: some people do not want subjects on a screen others see). */
export const notificationDetails = ['sender-and-subject', 'sender', 'count'] as const;
export const notificationDetailMessage: Words = { key: 'check.notificationDetail' };

/** Colours a mailbox can have in the window and on the tray icon's dot: distinct on light and dark panels. */
export const mailboxColours: ReadonlyArray<{ name: string; value: string }> = [
  { name: 'Blue', value: '#1a73e8' },
  { name: 'Red', value: '#d93025' },
  { name: 'Green', value: '#188038' },
  { name: 'Orange', value: '#e8710a' },
  { name: 'Purple', value: '#9334e6' },
  { name: 'Teal', value: '#129eaf' },
  { name: 'Pink', value: '#d01884' },
  { name: 'Grey', value: '#80868b' },
];

export const MAX_ACCOUNTS = 50;
/** Settings for this many mailboxes at most (a remote server may show many). */
export const MAX_MAILBOX_SETTINGS = 1000;

/** The tray icon's styles, with their names in Settings. */
export const TRAY_ICON_STYLES = ['colour', 'light-panel', 'dark-panel'] as const;
export const trayIconStyleNames: Record<(typeof TRAY_ICON_STYLES)[number], string> = {
  colour: 'Colour',
  'light-panel': 'One colour, for a light panel',
  'dark-panel': 'One colour, for a dark panel',
};

/**
 * What the language setting may hold: the system's, a shipped language, or
 * the pseudo-locale (chosen by name in the file for testing; the window does
 * not offer it).
 */
export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['system', ...shippedLanguages, PSEUDO_LANGUAGE];

/** Rules that join two fields or need what is already saved; checked in code beside the schema. */
export const crossFieldMessages = {
  serverMode: { key: 'check.serverMode' },
  tokenMissing: { key: 'check.tokenMissing' },
  tokenForOtherServer: { key: 'check.tokenForOtherServer' },
  quietHoursSame: { key: 'check.quietHoursSame' },
  tooManyAccounts: { key: 'check.tooManyAccounts', values: { max: MAX_ACCOUNTS } },
  onOff: { key: 'check.onOff' },
  security: { key: 'check.security' },
  trayIcon: { key: 'check.trayIcon' },
  provider: { key: 'check.provider' },
  language: { key: 'check.language' },
  signIn: { key: 'check.signIn' },
  signInMissing: { key: 'check.signInMissing' },
  signInGone: { key: 'check.signInGone' },
  signInNotOffered: { key: 'check.signInNotOffered' },
  /** An account counts no folder (the picker's ticks all off). */
  foldersMissing: { key: 'folders.check.none' },
  folderChoice: { key: 'folders.check.choice' },
  tooManyServers: { key: 'servers.check.tooMany', values: { max: MAX_REMOTE_SERVERS } },
  duplicateId: (id: string): Words => ({ key: 'check.duplicateId', values: { id } }),
} as const satisfies Record<string, Words | ((id: string) => Words)>;

const schemaChecks: readonly Words[] = [
  serverUrlRule, tokenRule, accountIdRule, accountNameRule, hostRule, portRule, userRule, passwordRule, folderRule, webUrlRule,
  oauthClientIdRule, caFileRule, clockTimeRule, colourRule, serverKeyRule, serverNameRule, mailboxSettingIdRule,
].map((rule): Words => rule.message).concat(passwordRule.missing, notificationDetailMessage,
  Object.values(crossFieldMessages).filter((words) => typeof words !== 'function'), mailboxRuleChecks, filterChecks, hookChecks);

/**
 * A check's words from the catalogue key the settings schema carries as its
 * message (ajv-errors' messages are strings), with the rule's own values.
 */
export function checkWordsOf(key: string): Words | undefined {
  return schemaChecks.find((words) => words.key === key);
}

/** Whether `value` keeps a text rule, read exactly as the schema reads it. */
export function keepsRule(rule: TextRule, value: string): boolean {
  return value.length <= rule.maxLength && new RegExp(rule.pattern, 'u').test(value);
}
