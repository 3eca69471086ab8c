import type { Words } from '../../common/i18n/translator.ts';
import {
  DEFAULT_HOOK_TIMEOUT_SECONDS, hookArgRule, hookMailboxesMessage, hookProgramRule, hookTimeoutRule, keepsHookRule, MAX_HOOK_ARGS,
} from '../../common/hook-rules.ts';
import type { HookSettings } from '../../main/ipc-contract.ts';

/** The new-mail hook as the form holds it (issue 23). */
export interface HooksDraft {
  enabled: boolean;
  program: string;
  /** As typed: one argument per line. */
  args: string;
  scope: 'all' | 'some';
  /** The mailboxes ticked, for scope 'some'. */
  mailboxes: string[];
  /** As typed. */
  timeoutSeconds: string;
}

export function hooksDraft(hooks: HookSettings | undefined): HooksDraft {
  return {
    enabled: hooks?.enabled === true,
    program: hooks?.program ?? '',
    args: (hooks?.args ?? []).join('\n'),
    scope: hooks === undefined || hooks.mailboxes === 'all' ? 'all' : 'some',
    mailboxes: hooks === undefined || hooks.mailboxes === 'all' ? [] : [...hooks.mailboxes],
    timeoutSeconds: String(hooks?.timeoutSeconds ?? DEFAULT_HOOK_TIMEOUT_SECONDS),
  };
}

/** One argument per line, as written; blank lines are not arguments. */
export function argsOfText(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

/** The hook to save, each problem named by its field ("hooks.program"). Off, it keeps what was typed. */
export function hooksFromDraft(draft: HooksDraft, problem: (field: string, message: Words) => void): HookSettings {
  const program = draft.program.trim();
  if ((draft.enabled || program !== '') && !keepsHookRule(hookProgramRule, program)) problem('hooks.program', hookProgramRule.message);
  const args = argsOfText(draft.args);
  if (args.length > MAX_HOOK_ARGS || args.some((arg) => !keepsHookRule(hookArgRule, arg))) problem('hooks.args', hookArgRule.message);
  const timeout = draft.timeoutSeconds.trim();
  const seconds = /^\d+$/.test(timeout) ? Number(timeout) : Number.NaN;
  if (!(seconds >= hookTimeoutRule.minimum && seconds <= hookTimeoutRule.maximum)) problem('hooks.timeoutSeconds', hookTimeoutRule.message);
  if (draft.scope === 'some' && draft.mailboxes.length === 0) problem('hooks.mailboxes', hookMailboxesMessage);
  return {
    enabled: draft.enabled,
    program,
    args,
    mailboxes: draft.scope === 'all' ? 'all' : [...new Set(draft.mailboxes)],
    timeoutSeconds: Number.isFinite(seconds) ? seconds : DEFAULT_HOOK_TIMEOUT_SECONDS,
  };
}
