import { CLOCK_TIME_PATTERN } from './clock-time.ts';
import { MAILBOX_ID_PATTERN, MAX_NAME_LENGTH, MIN_TOKEN_LENGTH } from './protocol.ts';

/**
 * Every rule a settings field must keep, with the sentence the form shows
 * when it does not: the one source of truth for the settings file's schema
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
  message: string;
}

const hostLabel = '[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?';

export const serverUrlRule: TextRule = {
  // Lower-case scheme, a host (no user name), an optional path; no ?query or #part.
  pattern: '^https?://[^\\s/?#@]+(/[^\\s?#]*)?$',
  maxLength: 2000,
  message: 'Write the address like https://mail.example.com: https:// (or http://) and a host, with no user name, ?query or #part.',
};

export const tokenRule: TextRule = {
  pattern: `^\\S{${MIN_TOKEN_LENGTH},}$`,
  maxLength: 1000,
  message: `A token is at least ${MIN_TOKEN_LENGTH} characters with no spaces (the server's operator can make one with: mailtray-server token).`,
};

export const accountIdRule: TextRule = {
  pattern: MAILBOX_ID_PATTERN,
  maxLength: 128,
  message: 'An account id is 1 to 128 of A-Z a-z 0-9 . _ @ + - (and not "." or "..").',
};

export const accountNameRule: TextRule = {
  pattern: '\\S',
  maxLength: MAX_NAME_LENGTH,
  message: `Give the account a name of up to ${MAX_NAME_LENGTH} characters, like Work.`,
};

export const hostRule: TextRule = {
  // A DNS name (a final dot allowed) or an IP address; IPv6 in brackets. The port has its own field.
  pattern: `^(\\[[0-9A-Fa-f:.]+\\]|${hostLabel}(\\.${hostLabel})*\\.?)$`,
  maxLength: 253,
  message: 'Enter only the IMAP server\'s host name, like imap.example.com (the port goes in Port).',
};

export const portRule = {
  minimum: 1,
  maximum: 65535,
  message: 'The port is a whole number from 1 to 65535 (usually 993 for TLS, 143 for STARTTLS).',
} as const;

export const userRule: TextRule = {
  pattern: '\\S',
  maxLength: 500,
  message: 'Enter the user name you log in to this mail server with.',
};

export const passwordRule = {
  maxLength: 1000,
  message: 'A password is text of up to 1000 characters.',
  missing: 'Enter the password for this account.',
} as const;

export const folderRule: TextRule = {
  pattern: '\\S',
  maxLength: 500,
  message: 'Enter the folder to count, usually INBOX.',
};

export const webUrlRule: TextRule = {
  // What a click may open with the OS: a web page or a new mail, nothing else (no javascript:, file:, ...).
  pattern: '^(https?://[^\\s/?#@]+([/?#]\\S*)?|mailto:\\S+)$',
  maxLength: 2000,
  message: 'Use a web address that starts with https:// (or http://), or a mailto: address.',
};

export const oauthClientIdRule: TextRule = {
  pattern: '^\\S+$',
  maxLength: 500,
  message: 'An OAuth client id is one word, as the provider\'s console shows it.',
};

export const caFileRule: TextRule = {
  // A whole path: /..., C:\... or \\server\share\...; the bundled server reads it, from wherever it runs.
  pattern: '^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)\\S',
  maxLength: 1000,
  message: 'Choose the certificate file (the whole path of a PEM file).',
};

export const clockTimeRule: TextRule = {
  pattern: CLOCK_TIME_PATTERN,
  maxLength: 5,
  message: 'Enter a time from 00:00 to 23:59, like 22:00.',
};

export const colourRule: TextRule = {
  pattern: '^#[0-9a-fA-F]{6}$',
  maxLength: 7,
  message: 'Choose a colour from the list.',
};

/** What notifications show, most to least (issue 12: some people do not want subjects on a screen others see). */
export const notificationDetails = ['sender-and-subject', 'sender', 'count'] as const;
export const notificationDetailMessage = 'Choose what notifications show: sender and subject, sender only, or the count only.';

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

/** Rules that join two fields or need what is already saved; checked in code beside the schema. */
export const crossFieldMessages = {
  serverMode: 'Choose the bundled server or a remote one.',
  tokenMissing: "Enter the token the server's operator gave you.",
  tokenForOtherServer: 'Enter the token for this server: the saved one belongs to another server.',
  duplicateId: (id: string) => `Another account already has the id "${id}".`,
  quietHoursSame: 'Quiet hours need an end that differs from the start.',
  tooManyAccounts: `Mailtray watches at most ${MAX_ACCOUNTS} accounts.`,
  onOff: 'Must be on or off.',
  security: 'Choose TLS or STARTTLS.',
  trayIcon: 'Choose Colour, or one colour for a light or a dark panel.',
  provider: 'Choose the mail provider, or Other IMAP.',
  signIn: 'Choose how the account signs in.',
  signInMissing: 'Sign in before saving: press the Sign in button.',
  signInGone: 'That sign-in was not kept (more than 30 minutes ago, or the app restarted); sign in again.',
  signInNotOffered: 'This provider signs in with a password.',
} as const;

/** Whether `value` keeps a text rule, read exactly as the schema reads it. */
export function keepsRule(rule: TextRule, value: string): boolean {
  return value.length <= rule.maxLength && new RegExp(rule.pattern, 'u').test(value);
}
