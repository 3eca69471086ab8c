import type { Words } from '../../common/i18n/translator.ts';
import type { HookOutcome, HookProblem } from './hook-runner.ts';

/** A failed run of the new-mail hook, in the window's words (shown with the other warnings until a run succeeds). */
export function hookProblemWords(program: string, problem: HookProblem, mailbox: string): Words {
  switch (problem.kind) {
    case 'not-found': return { key: 'hooks.failed.notFound', values: { program, mailbox } };
    case 'not-executable': return { key: 'hooks.failed.notExecutable', values: { program, mailbox } };
    case 'exit-code': return { key: 'hooks.failed.exitCode', values: { program, mailbox, code: problem.code } };
    case 'signal': return { key: 'hooks.failed.signal', values: { program, mailbox, signal: problem.signal } };
    case 'timed-out': return { key: 'hooks.failed.timedOut', values: { program, mailbox, seconds: problem.seconds } };
    case 'other': return { key: 'hooks.failed.other', values: { program, mailbox, reason: problem.reason } };
  }
}

const logReasons: { [K in HookProblem['kind']]: (problem: Extract<HookProblem, { kind: K }>) => string } = {
  'not-found': () => 'not found (or the interpreter its first line names is not)',
  'not-executable': (p) => `may not be run (${p.code})`,
  'exit-code': (p) => `ended with exit code ${p.code}`,
  signal: (p) => `was ended by ${p.signal}`,
  'timed-out': (p) => `ran longer than ${p.seconds} s and was stopped`,
  other: (p) => `could not run: ${p.reason}`,
};

/** The log's line for a failed run (English, as the app's log is), with the end of its stderr; undefined for a run that went well. */
export function hookLogLine(outcome: HookOutcome): string | undefined {
  const { problem } = outcome;
  if (!problem) return undefined;
  const reason = (logReasons[problem.kind] as (p: HookProblem) => string)(problem);
  const stderr = outcome.stderr === '' ? '' : `; it said: ${outcome.stderr.split('\n').slice(-3).join(' | ')}`;
  return `mailtray: the new-mail hook ${outcome.program} (mailbox ${outcome.mailboxId}) ${reason}${stderr}`;
}
