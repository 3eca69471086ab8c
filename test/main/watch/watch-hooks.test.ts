import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAppServer, tokens, type AppServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { watchFor, type WatchUnderTest } from './support/watch-run.ts';

let server: AppServer;
let userData: string;
let timers: FakeTimers;
let running: WatchUnderTest | undefined;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-hooks-'));
  timers = new FakeTimers(Date.parse('2026-12-05T12:00:00Z'));
  await server.setCount('work', 0);
  await server.setCount('home', 0);
});
afterEach(async () => {
  running?.stop();
  await running?.done;
  running = undefined;
  await rm(userData, { recursive: true, force: true });
});

/** The app's settings file with a hook on: a node script that records the MAILTRAY_* it was given. */
async function settingsWithHook(): Promise<void> {
  const program = join(userData, 'on-new-mail');
  await writeFile(program, `#!${process.execPath}
const fs = require('node:fs');
const out = ${JSON.stringify(join(userData, 'runs'))};
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(out + '/' + fs.readdirSync(out).length + '.json',
  JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MAILTRAY_')))));
`);
  await chmod(program, 0o755);
  await writeFile(join(userData, 'settings.json'), JSON.stringify({
    version: 4,
    server: { mode: 'bundled', url: '', token: '' },
    accounts: [],
    notifications: { enabled: true, sound: true, summaryAtStart: false, detail: 'sender', quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    general: { launchAtLogin: false, language: 'system' },
    hooks: { enabled: true, program, args: [], mailboxes: ['work'], timeoutSeconds: 5 },
  }));
}

async function runs(): Promise<Array<Record<string, string>>> {
  const folder = join(userData, 'runs');
  if (!existsSync(folder)) return [];
  return Promise.all((await readdir(folder)).sort().map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8'))));
}

function watch(args: string[]): WatchUnderTest {
  running = watchFor([...args, '--format', 'json', '--server', server.url, `--token=${server.token}`], {
    timers, env: { MAILTRAY_USER_DATA: userData },
  });
  return running;
}

const seen = (run: WatchUnderTest, total: number) => eventually(() => run.stdout.lines()
  .some((line) => line.includes('"connection":"live"') && line.includes(`"total":${total},`)));

const lunch = { id: 'm1', from: 'Alice Smith <alice@example.com>', subject: 'Fish & chips?', date: '2026-12-05T11:59:00Z' };

describe('mailtray watch --hooks', () => {
  it('runs the settings\' hook on new mail, as the app does: its mailboxes, what the privacy setting allows', async () => {
    await settingsWithHook();
    const run = watch(['--hooks']);
    await seen(run, 0);
    await server.put('home', { count: 1, messages: [] }, tokens.ingest);
    await server.put('work', { count: 1, messages: [lunch] }, tokens.ingest);
    await seen(run, 2);
    timers.advance(2000);
    const found = await eventually(async () => { const r = await runs(); return r.length === 1 && r; });
    expect(found).toEqual([{
      MAILTRAY_EVENT: 'new-mail', MAILTRAY_MAILBOX_ID: 'work', MAILTRAY_MAILBOX_NAME: 'Work', MAILTRAY_COUNT: '1', MAILTRAY_NEW_COUNT: '1',
      // A server given with --server is named after its host.
      MAILTRAY_SERVER: new URL(server.url).host,
      MAILTRAY_SENDER: 'Alice Smith <alice@example.com>',
    }]);
  });

  it('without --hooks runs nothing: the app, reading the same settings, may run it already', async () => {
    await settingsWithHook();
    const run = watch([]);
    await seen(run, 0);
    await server.put('work', { count: 1, messages: [lunch] }, tokens.ingest);
    await seen(run, 1);
    timers.advance(2000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await runs()).toEqual([]);
  });

  it('refuses --hooks with --once, saying why', async () => {
    const run = watch(['--hooks', '--once']);
    expect(await run.done).toBe(64);
    expect(run.stderr.text).toContain('--hooks is for watching');
  });
});
