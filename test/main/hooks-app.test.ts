import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HookSettings, NotificationSettings, SettingsInput } from '../../main/ipc-contract.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { remoteSettings, startAppUnderTest } from './support/app-under-test.ts';

const cleanups: Array<() => Promise<void>> = [];
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-hooks-app-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function countServer(): Promise<AppServer> {
  const server = await startAppServer();
  cleanups.push(() => server.stop());
  return server;
}

/** A real program: a node script that records its arguments and the MAILTRAY_* it was given, one file per run. */
async function recorder(): Promise<string> {
  const path = join(dir, 'on-new-mail');
  await writeFile(path, `#!${process.execPath}
const fs = require('node:fs');
const out = ${JSON.stringify(join(dir, 'runs'))};
fs.mkdirSync(out, { recursive: true });
const seen = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MAILTRAY_')));
fs.writeFileSync(out + '/' + fs.readdirSync(out).length + '.json', JSON.stringify({ argv: process.argv.slice(2), seen }));
`);
  await chmod(path, 0o755);
  return path;
}

async function runs(): Promise<Array<{ argv: string[]; seen: Record<string, string> }>> {
  const folder = join(dir, 'runs');
  if (!existsSync(folder)) return [];
  const names = (await readdir(folder)).sort((a, b) => parseInt(a) - parseInt(b));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8'))));
}

const quiet = { enabled: false, start: '22:00', end: '07:00' };
const message = (id: string, from: string, subject: string) => ({ id, from, subject, date: '2026-12-05T08:00:00.000Z' });

async function appWith(server: AppServer, hooks: HookSettings | undefined, notifications: Partial<NotificationSettings> = {}, general: SettingsInput['general'] = { launchAtLogin: false }) {
  await server.put('work', { count: 0, messages: [] });
  await server.put('home', { count: 0, messages: [] });
  const lines: string[] = [];
  const settings = remoteSettings(server, {
    notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: quiet, ...notifications },
    general,
    ...(hooks ? { hooks } : {}),
  });
  const started = await startAppUnderTest(cleanups, { settings, burstMs: 50, log: (line) => lines.push(line) });
  await eventually(() => started.shell.payloads('counts:changed').at(-1)?.mailboxes.filter((m) => m.state === 'ok').length === 2);
  return { ...started, lines };
}

const hookOf = (program: string, more: Partial<HookSettings> = {}): HookSettings => ({
  enabled: true, program, args: ['--from-mailtray'], mailboxes: 'all', timeoutSeconds: 10, ...more,
});
const warningsOf = (shell: { payloads: (c: 'status:changed') => Array<{ warnings: Array<{ key: string; values?: object }> }> }) =>
  shell.payloads('status:changed').at(-1)?.warnings ?? [];

describe('the new-mail hook in the app', () => {
  it('runs the program on new mail with the mailbox, its counts, sender and subject; never for the counts found at start', async () => {
    const server = await countServer();
    const program = await recorder();
    await appWith(server, hookOf(program));
    expect(await runs()).toEqual([]);

    await server.put('work', { count: 1, messages: [message('m1', 'Alice Smith <alice@example.com>', 'Lunch tomorrow?')] });
    const [run] = await eventually(async () => { const r = await runs(); return r.length === 1 && r; });
    expect(run!.argv).toEqual(['--from-mailtray']);
    expect(run!.seen).toEqual({
      MAILTRAY_EVENT: 'new-mail', MAILTRAY_MAILBOX_ID: 'work', MAILTRAY_MAILBOX_NAME: 'Work', MAILTRAY_SERVER: 'Counts', MAILTRAY_COUNT: '1', MAILTRAY_NEW_COUNT: '1',
      MAILTRAY_SENDER: 'Alice Smith <alice@example.com>', MAILTRAY_SUBJECT: 'Lunch tomorrow?',
    });
  });

  it('sees neither sender nor subject when notifications show the count only, and runs while notifications are off', async () => {
    const server = await countServer();
    const program = await recorder();
    const { shell } = await appWith(server, hookOf(program), { detail: 'count', enabled: false });
    await server.put('work', { count: 2, messages: [message('m1', 'Alice <alice@example.com>', 'Secret plans'), message('m0', 'b@example.com', 'Old')] });
    const [run] = await eventually(async () => { const r = await runs(); return r.length === 1 && r; });
    expect(run!.seen).toEqual({
      MAILTRAY_EVENT: 'new-mail', MAILTRAY_MAILBOX_ID: 'work', MAILTRAY_MAILBOX_NAME: 'Work', MAILTRAY_SERVER: 'Counts', MAILTRAY_COUNT: '2', MAILTRAY_NEW_COUNT: '2',
    });
    expect(shell.notifications).toEqual([]);
  });

  it('runs only for the mailboxes ticked', async () => {
    const server = await countServer();
    const program = await recorder();
    // Ticked in the window by the app's id: the remote server's key, then the server's own id.
    const { shell } = await appWith(server, hookOf(program, { mailboxes: ['s1/home'] }));
    await server.put('work', { count: 1, messages: [message('w1', 'a@example.com', 'Work mail')] });
    await eventually(() => shell.notifications.length === 1);
    await server.put('home', { count: 1, messages: [message('h1', 'b@example.com', 'Home mail')] });
    const found = await eventually(async () => { const r = await runs(); return r.length === 1 && r; });
    expect(found.map((r) => r.seen.MAILTRAY_MAILBOX_ID)).toEqual(['home']);
  });

  it('off by default: no program runs', async () => {
    const server = await countServer();
    await recorder();
    const { shell } = await appWith(server, undefined);
    await server.put('work', { count: 1, messages: [message('w1', 'a@example.com', 'Work mail')] });
    await eventually(() => shell.notifications.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runs()).toEqual([]);
  });

  it('a failing hook is said in words in the window and in the log, and nothing else stops: the notification still comes', async () => {
    const server = await countServer();
    const program = join(dir, 'exit3');
    await writeFile(program, `#!${process.execPath}\nprocess.stderr.write('lamp unreachable');\nprocess.exit(3);\n`);
    await chmod(program, 0o755);
    const { app, shell, lines } = await appWith(server, hookOf(program));
    await server.put('work', { count: 1, messages: [message('m1', 'a@example.com', 'Hi')] });

    await eventually(() => warningsOf(shell).some((w) => w.key === 'hooks.failed.exitCode'));
    expect(warningsOf(shell)).toContainEqual({ key: 'hooks.failed.exitCode', values: { program, mailbox: 'Work', code: 3 } });
    expect(lines).toEqual([`mailtray: the new-mail hook ${program} (mailbox s1/work) ended with exit code 3; it said: lamp unreachable`]);
    expect(shell.notifications).toHaveLength(1);

    // A program that does not exist, next: said as such in place of the old failure.
    const missing = join(dir, 'gone');
    expect(app.saveSettings(remoteSettings(server, { hooks: hookOf(missing) })).ok).toBe(true);
    expect(warningsOf(shell).some((w) => w.key.startsWith('hooks.failed'))).toBe(false);
    await server.put('work', { count: 2, messages: [message('m2', 'a@example.com', 'Again')] });
    await eventually(() => warningsOf(shell).some((w) => w.key === 'hooks.failed.notFound'));

    // A program that works: the warning goes once it ran well.
    const good = await recorder();
    expect(app.saveSettings(remoteSettings(server, { hooks: hookOf(good) })).ok).toBe(true);
    await server.put('work', { count: 3, messages: [message('m3', 'a@example.com', 'Third')] });
    await eventually(async () => (await runs()).length === 1);
    await eventually(() => !warningsOf(shell).some((w) => w.key.startsWith('hooks.')));
  });

  it('refuses a hook turned on without a program, or with a relative path, in the form\'s words', async () => {
    const server = await countServer();
    const { app } = await appWith(server, undefined);
    const bad = app.saveSettings(remoteSettings(server, { hooks: hookOf('') }));
    expect(bad.ok ? [] : bad.errors).toEqual([{ field: 'hooks.program', message: { key: 'hooks.check.program' } }]);
    const relative = app.saveSettings(remoteSettings(server, { hooks: hookOf('bin/on-new-mail', { timeoutSeconds: 0 }) }));
    expect(relative.ok ? [] : relative.errors.map((e) => [e.field, e.message.key])).toEqual([
      ['hooks.program', 'hooks.check.program'], ['hooks.timeoutSeconds', 'hooks.check.timeout'],
    ]);
    // Off, it may keep an empty program: the form keeps what was typed for later.
    expect(app.saveSettings(remoteSettings(server, { hooks: hookOf('', { enabled: false }) })).ok).toBe(true);
  });
});

describe('the global shortcut', () => {
  it('is off by default: nothing is asked of the system', async () => {
    const server = await countServer();
    const { shell } = await appWith(server, undefined);
    expect(shell.shortcuts).toEqual([]);
  });

  it('a saved shortcut is registered at start, opens the window when pressed, and is given back at stop', async () => {
    const server = await countServer();
    const { app, shell } = await appWith(server, undefined, {}, { launchAtLogin: false, shortcut: 'CommandOrControl+Shift+M' });
    expect(shell.shortcuts).toEqual(['CommandOrControl+Shift+M']);
    shell.pressShortcut!();
    expect(shell.windowShown).toBe(1);
    await app.stop();
    expect(shell.shortcuts).toEqual(['CommandOrControl+Shift+M', undefined]);
  });

  it('one the system refuses (another program holds it) is said in the window until another is chosen', async () => {
    const server = await countServer();
    const { app, shell } = await appWith(server, undefined);
    shell.takenShortcuts.add('Alt+M');
    const saved = app.saveSettings(remoteSettings(server, { general: { launchAtLogin: false, shortcut: 'Alt+M' } }));
    expect(saved.ok).toBe(true);
    expect(warningsOf(shell)).toContainEqual({ key: 'hooks.shortcut.refused', values: { shortcut: 'Alt+M' } });
    expect(app.snapshot().status.warnings).toContainEqual({ key: 'hooks.shortcut.refused', values: { shortcut: 'Alt+M' } });

    app.saveSettings(remoteSettings(server, { general: { launchAtLogin: false, shortcut: 'Super+Alt+M' } }));
    expect(shell.shortcuts.at(-1)).toBe('Super+Alt+M');
    expect(warningsOf(shell).some((w) => w.key === 'hooks.shortcut.refused')).toBe(false);
    // Left out by the window: the saved one stays; emptied: given back.
    app.saveSettings(remoteSettings(server, { general: { launchAtLogin: false } }));
    expect(shell.shortcuts.at(-1)).toBe('Super+Alt+M');
    app.saveSettings(remoteSettings(server, { general: { launchAtLogin: false, shortcut: '' } }));
    expect(shell.shortcuts.at(-1)).toBeUndefined();
    expect(shell.pressShortcut).toBeUndefined();
  });

  it.each(['M', 'Shift+M', 'Ctrl+Ctrl+M', 'Ctrl+Shift', 'Hyper+M', 'Ctrl M'])('refuses "%s" with the shortcut\'s sentence, asking nothing of the system', async (shortcut) => {
    const server = await countServer();
    const { app, shell } = await appWith(server, undefined);
    const result = app.saveSettings(remoteSettings(server, { general: { launchAtLogin: false, shortcut } }));
    expect(result.ok ? [] : result.errors).toEqual([{ field: 'general.shortcut', message: { key: 'hooks.check.shortcut' } }]);
    expect(shell.shortcuts).toEqual([]);
  });
});
