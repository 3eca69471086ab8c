import type { Words } from './i18n/translator.ts';

/**
 * The rules of the new-mail hook and the global shortcut (issue 23), with the
 * sentence the form shows when one is broken: read by the settings schema
 * (main/settings/schema.ts), main's check (main/settings/check-input.ts) and
 * the window's (renderer/settings/hooks-draft.ts), as settings-rules.ts's are.
 */

/** The program: a whole path (/usr/bin/x, C:\..., \\server\...), run as it is, never through a shell. */
export const hookProgramRule = {
  pattern: '^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)[^\\u0000]*$',
  maxLength: 1000,
  message: { key: 'hooks.check.program' } satisfies Words,
} as const;

/** Each argument is passed as it is; a NUL cannot be in a process's argument. */
export const hookArgRule = {
  pattern: '^[^\\u0000]*$',
  maxLength: 1000,
  message: { key: 'hooks.check.args', values: { max: 50 } } satisfies Words,
} as const;

export const MAX_HOOK_ARGS = 50;

/** The hook is killed after this many seconds: 1 to 600 (ten minutes); 10 by default. */
export const hookTimeoutRule = {
  minimum: 1,
  maximum: 600,
  message: { key: 'hooks.check.timeout', values: { max: 600 } } satisfies Words,
} as const;

export const DEFAULT_HOOK_TIMEOUT_SECONDS = 10;

/** The mailboxes the hook runs for: every one, or those ticked; none ticked is a mistake, not "off". */
export const hookMailboxesMessage: Words = { key: 'hooks.check.mailboxes' };

export const shortcutMessage: Words = { key: 'hooks.check.shortcut' };

/** The checks' words, for `checkWordsOf`. */
export const hookChecks: readonly Words[] = [
  hookProgramRule.message, hookArgRule.message, hookTimeoutRule.message, hookMailboxesMessage, shortcutMessage,
];

// Electron's accelerator syntax (https://www.electronjs.org/docs/latest/api/accelerator), case as Electron reads it: any.
const MODIFIERS = ['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta'];
const NAMED_KEYS = [
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
// Keys no one types text with: a global shortcut on one of them alone takes nothing from other programs.
const MEDIA_KEYS = ['volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause'];
const PUNCTUATION = ')!@#$%^&*(:;+=<,_->.?/~`{][|\\}"\'';

function keyKind(part: string): 'plain' | 'lonely' | undefined {
  const lower = part.toLowerCase();
  const fKey = /^f([1-9]|1[0-9]|2[0-4])$/.exec(lower);
  if (fKey) return Number(fKey[1]) >= 13 ? 'lonely' : 'plain';
  if (MEDIA_KEYS.includes(lower)) return 'lonely';
  if (/^[a-z0-9]$/.test(lower) || /^num[0-9]$/.test(lower) || NAMED_KEYS.includes(lower)) return 'plain';
  if (part.length === 1 && PUNCTUATION.includes(part)) return 'plain';
  return undefined;
}

/**
 * Why `text` cannot be the global shortcut, or undefined when it can:
 * Electron's syntax ("CommandOrControl+Shift+M": modifiers, then one key,
 * joined by "+"), with at least one modifier unless the key is one nobody
 * types with (F13 to F24, the media keys), so Mailtray never takes a plain
 * key from every other program. "" is no shortcut, which is fine.
 */
export function shortcutProblem(text: string): Words | undefined {
  if (text === '') return undefined;
  if (text.length > 100 || /\s/.test(text)) return shortcutMessage;
  // "Ctrl++" means Ctrl and the plus key: the last "+" is the key.
  const parts = text.endsWith('++') ? [...text.slice(0, -2).split('+'), '+'] : text.split('+');
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => part.toLowerCase());
  if (modifiers.some((m) => !MODIFIERS.includes(m)) || new Set(modifiers).size !== modifiers.length) return shortcutMessage;
  const kind = keyKind(key);
  if (kind === undefined) return shortcutMessage;
  if (kind === 'plain' && modifiers.every((m) => m === 'shift')) return shortcutMessage;
  return undefined;
}

/** Whether `value` keeps a rule's pattern and length, read as the schema reads it. */
export function keepsHookRule(rule: { pattern: string; maxLength: number }, value: string): boolean {
  return value.length <= rule.maxLength && new RegExp(rule.pattern, 'u').test(value);
}
