import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { hookEnvironment } from '../../main/notifications/hook-plan.ts';
import { HookRunner, type HookOutcome } from '../../main/notifications/hook-runner.ts';
import { realTimers } from '../../common/timers.ts';
import { eventually } from '../helpers/eventually.ts';

// docs/user-guide.md, "Run a program on new mail", checked: its example script runs as a hook and
// writes what the page says, and its table names exactly the variables a hook can be given.
const page = await readFile(join(import.meta.dirname, '../../docs/user-guide.md'), 'utf8');
const section = page.slice(page.indexOf('### Run a program on new mail'), page.indexOf('### A shortcut that opens the window'));

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

it('the example script, run as the hook, keeps a line per burst in ~/mail.log', async () => {
  const script = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  expect(script.startsWith('#!/bin/sh\n')).toBe(true);
  dir = await mkdtemp(join(tmpdir(), 'mailtray-hook-doc-'));
  const program = join(dir, 'on-new-mail');
  await writeFile(program, script);
  await chmod(program, 0o755);
  const outcomes: HookOutcome[] = [];
  const runner = new HookRunner({ timers: realTimers, onOutcome: (o) => outcomes.push(o), environment: { PATH: process.env.PATH, HOME: dir } });
  const command = { program, args: [], timeoutMs: 10_000 };
  runner.run(command, { mailboxId: 'work', mailboxName: 'Work', count: 7, added: 2 });
  await eventually(() => outcomes.length === 1);
  runner.run(command, { mailboxId: 'home', mailboxName: 'Home', count: 1, added: 1 });
  await eventually(() => outcomes.length === 2);
  expect(outcomes.map((o) => o.problem)).toEqual([undefined, undefined]);
  expect(await readFile(join(dir, 'mail.log'), 'utf8')).toBe('Work: 2 new, 7 unread\nHome: 1 new, 1 unread\n');
});

it('the table of what a hook can see names every MAILTRAY_* variable it can be given, and no other', () => {
  const documented = [...section.matchAll(/^\| `(MAILTRAY_\w+)` \|/gm)].map((m) => m[1]).sort();
  const given = Object.keys(hookEnvironment({ mailboxId: 's1/w', mailboxName: 'W', remote: { serverName: 'Office', mailboxId: 'w' }, count: 1, added: 1, sender: 's', subject: 't' }, {})).sort();
  expect(documented).toEqual(given);
});
