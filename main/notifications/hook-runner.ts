import { spawn, type ChildProcess } from 'node:child_process';
import type { Timers } from '../../common/timers.ts';
import { hookEnvironment, mergeHookNews, type HookCommand, type HookNews } from './hook-plan.ts';

/** How a run ended: fine, or why not, in facts the app turns into words (hook-words.ts). */
export type HookProblem =
  | { kind: 'not-found' }
  | { kind: 'not-executable'; code: string }
  | { kind: 'exit-code'; code: number }
  | { kind: 'signal'; signal: string }
  | { kind: 'timed-out'; seconds: number }
  | { kind: 'other'; reason: string };

export interface HookOutcome {
  mailboxId: string;
  program: string;
  /** When it ended (the runner's clock). */
  at: number;
  problem?: HookProblem;
  /** The end of what it wrote to stderr, for the log. */
  stderr: string;
}

export interface HookRunnerOptions {
  timers: Timers;
  onOutcome(outcome: HookOutcome): void;
  /** The environment the program inherits (without MAILTRAY_*, hook-plan.ts); the app's own by default. */
  environment?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  /** After the time limit a program is asked to end (SIGTERM); this long after, it is killed. */
  graceMs?: number;
}

interface Running {
  child: ChildProcess;
  pending?: { command: HookCommand; news: HookNews };
}

const STDERR_KEPT = 2000;

/**
 * Runs the new-mail hook as a real child process: the program itself with
 * its arguments (no shell: nothing in a subject or a name is ever read as a
 * command), killed at its time limit, at most one run per mailbox at a time;
 * news that comes meanwhile waits, merged into one run that starts when the
 * running one ends. A failure is an outcome, never a throw.
 */
export class HookRunner {
  readonly #options: HookRunnerOptions;
  readonly #running = new Map<string, Running>();
  #stopped = false;

  constructor(options: HookRunnerOptions) {
    this.#options = options;
  }

  /** Runs the hook for one mailbox's news, or has it wait for the run under way for that mailbox. */
  run(command: HookCommand, news: HookNews): void {
    if (this.#stopped) return;
    const running = this.#running.get(news.mailboxId);
    if (running) {
      running.pending = { command, news: running.pending ? mergeHookNews(running.pending.news, news) : news };
      return;
    }
    this.#start(command, news);
  }

  /** Whether a run for this mailbox is under way. */
  isRunning(mailboxId: string): boolean {
    return this.#running.has(mailboxId);
  }

  /** The app stops: running programs are ended, waiting runs dropped. */
  stop(): void {
    this.#stopped = true;
    for (const running of this.#running.values()) {
      delete running.pending;
      this.#signal(running.child, 'SIGTERM');
    }
  }

  #start(command: HookCommand, news: HookNews): void {
    const { timers } = this.#options;
    const platform = this.#options.platform ?? process.platform;
    const env = hookEnvironment(news, this.#options.environment ?? process.env);
    let child: ChildProcess;
    try {
      child = spawn(command.program, [...command.args], {
        env,
        shell: false,
        stdio: ['ignore', 'ignore', 'pipe'],
        windowsHide: true,
        // Its own process group on Linux and macOS, so the time limit ends what it started too.
        detached: platform !== 'win32',
      });
    } catch (error) {
      // Windows refuses .bat and .cmd without a shell (EINVAL); a NUL in an argument throws here too.
      this.#report(command, news, { kind: 'not-executable', code: (error as NodeJS.ErrnoException).code ?? 'EINVAL' }, '');
      return;
    }
    const running: Running = { child };
    this.#running.set(news.mailboxId, running);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-STDERR_KEPT); });
    let timedOut = false;
    let cancelKill: (() => void) | undefined;
    const cancelLimit = timers.after(command.timeoutMs, () => {
      timedOut = true;
      this.#signal(child, 'SIGTERM');
      cancelKill = timers.after(this.#options.graceMs ?? 1000, () => this.#signal(child, 'SIGKILL'));
    });
    let settled = false;
    const settle = (problem: HookProblem | undefined) => {
      if (settled) return;
      settled = true;
      cancelLimit();
      cancelKill?.();
      this.#running.delete(news.mailboxId);
      this.#report(command, news, problem, stderr.trim());
      const next = running.pending;
      if (next && !this.#stopped) this.#start(next.command, next.news);
    };
    child.on('error', (error: NodeJS.ErrnoException) => settle(spawnProblem(error)));
    child.on('close', (code, signal) => {
      if (timedOut) settle({ kind: 'timed-out', seconds: Math.round(command.timeoutMs / 1000) });
      else if (signal) settle({ kind: 'signal', signal });
      else if (code !== 0 && code !== null) settle({ kind: 'exit-code', code });
      else settle(undefined);
    });
  }

  #signal(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      // The group (negative pid) where the child leads one; on Windows the child alone (TerminateProcess).
      if ((this.#options.platform ?? process.platform) !== 'win32') process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      child.kill(signal);
    }
  }

  #report(command: HookCommand, news: HookNews, problem: HookProblem | undefined, stderr: string): void {
    const outcome: HookOutcome = { mailboxId: news.mailboxId, program: command.program, at: this.#options.timers.now(), stderr };
    if (problem) outcome.problem = problem;
    this.#options.onOutcome(outcome);
  }
}

function spawnProblem(error: NodeJS.ErrnoException): HookProblem {
  if (error.code === 'ENOENT') return { kind: 'not-found' };
  if (error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'ENOEXEC' || error.code === 'EISDIR') {
    return { kind: 'not-executable', code: error.code };
  }
  return { kind: 'other', reason: error.message };
}
