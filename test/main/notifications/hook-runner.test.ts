import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HookNews } from '../../../main/notifications/hook-plan.ts';
import { HookRunner, type HookOutcome } from '../../../main/notifications/hook-runner.ts';
import { hookLogLine, hookProblemWords } from '../../../main/notifications/hook-words.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { eventually } from '../../helpers/eventually.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

let dir: string;
let runner: HookRunner | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-hook-'));
});
afterEach(async () => {
  runner?.stop();
  runner = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A node script as a program of its own (a shebang naming this node), executable unless told otherwise. */
async function script(name: string, body: string, mode = 0o755): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!${process.execPath}\nconst fs = require('node:fs');\nconst out = ${JSON.stringify(dir)};\n${body}\n`);
  await chmod(path, mode);
  return path;
}

/** Records its arguments and whole environment in <dir>/runs/<n>.json; with a "gate" file named, waits for it first. */
const recorder = () => script('recorder.cjs', `
  fs.mkdirSync(out + '/runs', { recursive: true });
  const gate = process.env.GATE;
  const record = () => {
    const n = fs.readdirSync(out + '/runs').length;
    fs.writeFileSync(out + '/runs/' + n + '.json', JSON.stringify({ argv: process.argv.slice(2), env: process.env, pid: process.pid }));
  };
  if (!gate) record();
  else { fs.writeFileSync(out + '/waiting', String(process.pid)); const t = setInterval(() => { if (fs.existsSync(gate)) { clearInterval(t); record(); } }, 10); }
`);

async function runs(): Promise<Array<{ argv: string[]; env: Record<string, string>; pid: number }>> {
  const folder = join(dir, 'runs');
  if (!existsSync(folder)) return [];
  const names = (await readdir(folder)).sort((a, b) => parseInt(a) - parseInt(b));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8'))));
}

function start(timers = new FakeTimers(1_000), environment: Record<string, string | undefined> = { PATH: process.env.PATH }) {
  const outcomes: HookOutcome[] = [];
  runner = new HookRunner({ timers, onOutcome: (outcome) => outcomes.push(outcome), environment });
  return { runner, outcomes, timers };
}

const news = (added: number, count: number, extra: Partial<HookNews> = {}): HookNews => ({ mailboxId: 'work', mailboxName: 'Work', count, added, ...extra });
const limit = 10_000;

describe('the hook as a real child process', () => {
  it('gets its arguments exactly as written and the news in MAILTRAY_* variables, never through a shell', async () => {
    const program = await recorder();
    const { runner, outcomes } = start(undefined, { PATH: process.env.PATH, MAILTRAY_USER_DATA: '/inherited' });
    const trap = join(dir, 'pwned');
    const args = ['--mailbox', '$MAILTRAY_MAILBOX_ID', `$(touch ${trap})`, `; touch ${trap}`, 'two words', '*'];
    runner.run({ program, args, timeoutMs: limit }, news(2, 7, { sender: 'Alice <alice@example.com>', subject: `\`touch ${trap}\`` }));
    await eventually(() => outcomes.length === 1);

    expect(outcomes[0]).toMatchObject({ mailboxId: 'work', program });
    expect(outcomes[0]!.problem).toBeUndefined();
    const [run] = await runs();
    expect(run!.argv).toEqual(args);
    expect(run!.env).toMatchObject({
      MAILTRAY_EVENT: 'new-mail', MAILTRAY_MAILBOX_ID: 'work', MAILTRAY_MAILBOX_NAME: 'Work', MAILTRAY_COUNT: '7', MAILTRAY_NEW_COUNT: '2',
      MAILTRAY_SENDER: 'Alice <alice@example.com>', MAILTRAY_SUBJECT: `\`touch ${trap}\``,
    });
    expect(run!.env.MAILTRAY_USER_DATA).toBeUndefined();
    // Nothing in an argument or a subject was ever run as a command.
    expect(existsSync(trap)).toBe(false);
  });

  it('one that exits 3 is a failure with its exit code, and what it wrote to stderr goes to the log line', async () => {
    const program = await script('exit3.cjs', `process.stderr.write('cannot reach the lamp\\n'); process.exit(3);`);
    const { runner, outcomes } = start();
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 1));
    await eventually(() => outcomes.length === 1);
    expect(outcomes[0]!.problem).toEqual({ kind: 'exit-code', code: 3 });
    expect(hookLogLine(outcomes[0]!)).toBe(`mailtray: the new-mail hook ${program} (mailbox work) ended with exit code 3; it said: cannot reach the lamp`);
    expect(translatorFor('en').say(hookProblemWords(program, outcomes[0]!.problem!, 'Work')))
      .toBe(`The new-mail hook ${program} ended with exit code 3 (new mail in Work).`);
  });

  it('a path that does not exist is "not found", and the runner carries on', async () => {
    const { runner, outcomes } = start();
    const missing = join(dir, 'no-such-program');
    runner.run({ program: missing, args: [], timeoutMs: limit }, news(1, 1));
    await eventually(() => outcomes.length === 1);
    expect(outcomes[0]!.problem).toEqual({ kind: 'not-found' });
    expect(runner.isRunning('work')).toBe(false);
    expect(translatorFor('en').say(hookProblemWords(missing, outcomes[0]!.problem!, 'Work')))
      .toBe(`The new-mail hook could not find ${missing} (new mail in Work).`);

    // The next news runs the next program: nothing was left stuck.
    const program = await recorder();
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 2));
    await eventually(() => outcomes.length === 2);
    expect(outcomes[1]!.problem).toBeUndefined();
  });

  it('a file that may not be run is "not executable"', async () => {
    const program = await script('plain.cjs', 'process.exit(0);', 0o644);
    const { runner, outcomes } = start();
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 1));
    await eventually(() => outcomes.length === 1);
    expect(outcomes[0]!.problem).toEqual({ kind: 'not-executable', code: 'EACCES' });
  });

  it('one that hangs is stopped at its time limit, with what it started, and said so', async () => {
    const program = await script('hang.cjs', `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      fs.writeFileSync(out + '/started', JSON.stringify([process.pid, child.pid]));
      setInterval(() => {}, 1000);
    `);
    const { runner, outcomes, timers } = start();
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 1));
    const pids: number[] = await eventually(async () => existsSync(join(dir, 'started')) && JSON.parse(await readFile(join(dir, 'started'), 'utf8')));

    timers.advance(limit - 1);
    expect(outcomes).toEqual([]);
    expect(runner.isRunning('work')).toBe(true);
    timers.advance(1);
    await eventually(() => outcomes.length === 1);
    expect(outcomes[0]!.problem).toEqual({ kind: 'timed-out', seconds: 10 });
    // Its whole process group ended: the program and the child it started.
    await eventually(() => pids.every((pid) => !isAlive(pid)));
    expect(translatorFor('en').say(hookProblemWords(program, outcomes[0]!.problem!, 'Work')))
      .toBe(`The new-mail hook ${program} ran longer than 10 seconds and was stopped (new mail in Work).`);
  });

  it('one that ignores SIGTERM is killed after the grace', async () => {
    const program = await script('stubborn.cjs', `
      process.on('SIGTERM', () => {});
      fs.writeFileSync(out + '/started', String(process.pid));
      setInterval(() => {}, 1000);
    `);
    const { runner, outcomes, timers } = start();
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 1));
    await eventually(() => existsSync(join(dir, 'started')));
    timers.advance(limit);
    // Asked to end, it stays: the grace has not passed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcomes).toEqual([]);
    timers.advance(1000);
    await eventually(() => outcomes.length === 1);
    expect(outcomes[0]!.problem).toEqual({ kind: 'timed-out', seconds: 10 });
  });
});

describe('at most one run per mailbox at a time', () => {
  it('news that comes while it runs waits, merged into one run that starts when the first ends', async () => {
    const program = await recorder();
    const gate = join(dir, 'gate');
    const { runner, outcomes } = start(undefined, { PATH: process.env.PATH, GATE: gate });
    const command = { program, args: [], timeoutMs: limit };
    runner.run(command, news(1, 1, { sender: 'a@example.com', subject: 'A' }));
    await eventually(() => existsSync(join(dir, 'waiting')));
    runner.run(command, news(2, 3, { sender: 'b@example.com', subject: 'B' }));
    runner.run(command, news(1, 4));
    // Another mailbox is not held up by this one.
    runner.run(command, { ...news(5, 5), mailboxId: 'home', mailboxName: 'Home' });
    expect(runner.isRunning('work')).toBe(true);

    await writeFile(gate, '');
    await eventually(() => outcomes.length === 3);
    const recorded = await runs();
    expect(recorded).toHaveLength(3);
    const work = recorded.filter((r) => r.env.MAILTRAY_MAILBOX_ID === 'work').map((r) => r.env);
    expect(work.map((env) => [env.MAILTRAY_COUNT, env.MAILTRAY_NEW_COUNT, env.MAILTRAY_SENDER])).toEqual([
      ['1', '1', 'a@example.com'],
      // The two that waited: 3 new in all, the newest count, the newest message named.
      ['4', '3', 'b@example.com'],
    ]);
    expect(outcomes.every((o) => o.problem === undefined)).toBe(true);
  });

  it('stopping ends the running program and drops what waited', async () => {
    const program = await recorder();
    const gate = join(dir, 'gate');
    const { runner, outcomes } = start(undefined, { PATH: process.env.PATH, GATE: gate });
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 1));
    // The file exists before its pid is written in it: an empty read would be pid 0, the test's own group, alive for ever.
    const pid = await eventually(async () => existsSync(join(dir, 'waiting')) && Number(await readFile(join(dir, 'waiting'), 'utf8')) || undefined);
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 2));
    runner.stop();
    await eventually(() => outcomes.length === 1);
    await eventually(() => !isAlive(pid));
    await writeFile(gate, '');
    runner.run({ program, args: [], timeoutMs: limit }, news(1, 3));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await runs()).toEqual([]);
    expect(outcomes).toHaveLength(1);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
