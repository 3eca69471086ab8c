import type { Words } from './i18n/translator.ts';

/**
 * The rules of the per-mailbox notification settings (issue 23) and the
 * notification options beside them, with the sentence the form shows: read
 * by the settings schema (main/settings/schema.ts) and the window's check
 * (renderer/settings/settings-draft.ts), as `settings-rules.ts`'s are.
 */

/** An address ("alice@example.com") or a domain ("example.com", "@example.com"), as matched against `from`. */
export const senderRule = {
  pattern: '^(@|[^\\s@<>,;"]+@)?[^\\s@<>,;".]+(\\.[^\\s@<>,;".]+)+$',
  maxLength: 254,
  message: { key: 'rules.check.sender' } satisfies Words,
} as const;

export const MAX_SENDERS = 200;

/** A sound file the user chose: a whole path, as the OS's file chooser gives it. */
export const soundFileRule = {
  pattern: '^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)\\S',
  maxLength: 1000,
  message: { key: 'rules.check.soundFile' } satisfies Words,
} as const;

/** Reminders every 1 to 1440 minutes (a day); 0 is none. */
export const reminderRule = {
  minimum: 0,
  maximum: 1440,
  message: { key: 'rules.check.reminderMinutes', values: { max: 1440 } } satisfies Words,
} as const;

export const scheduleDaysMessage: Words = { key: 'rules.check.scheduleDays' };
export const soundMessage: Words = { key: 'rules.check.sound' };
export const badgeShowsMessage: Words = { key: 'rules.check.badgeShows' };

export const SOUND_CHOICES = ['default', 'none', 'system', 'chime', 'bell', 'drop', 'file'] as const;
export const BADGE_SHOWS = ['unread', 'new-since-seen'] as const;

/** The checks' words, for `checkWordsOf`. */
export const mailboxRuleChecks: readonly Words[] = [
  senderRule.message, soundFileRule.message, reminderRule.message, scheduleDaysMessage, soundMessage, badgeShowsMessage,
];

/** A list of senders as typed: one per line or separated by commas, blanks dropped. */
export function sendersOfText(text: string): string[] {
  return text.split(/[\n,;]+/).map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Whether `value` keeps a rule's pattern and length, read as the schema reads it. */
export function keepsRule(rule: { pattern: string; maxLength: number }, value: string): boolean {
  return value.length <= rule.maxLength && new RegExp(rule.pattern, 'u').test(value);
}
