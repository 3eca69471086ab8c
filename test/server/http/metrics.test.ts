import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/run/start.ts';
import { eventually } from '../../helpers/eventually.ts';
import { startSourceServer } from '../../helpers/source-server.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-metrics-'));
  const good = join(dir, 'annika-maildir');
  for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(good, sub), { recursive: true });
  server = await startSourceServer([
    { type: 'maildir', path: good, mailbox: 'annika' },
    { type: 'maildir', path: join(dir, 'bertil-maildir-that-is-missing'), mailbox: 'bertil' },
    // Nothing listens on port 9 here: the IMAP source fails to connect.
    { type: 'imap', host: '127.0.0.1', port: 9, security: 'none', user: 'cecilia@example.org', password: 'hunter2-secret', mailbox: 'cecilia' },
  ]);
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
const value = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1]);

it('/metrics counts sources and mailboxes by state, without a token', async () => {
  await eventually(async () => value(await metrics(), 'mailtray_sources{state="error"}') === 2);
  const text = await metrics();
  expect(value(text, 'mailtray_sources{state="ok"}')).toBe(1);
  expect(value(text, 'mailtray_mailboxes{state="ok"}')).toBe(1);
  expect(value(text, 'mailtray_mailboxes{state="error"}')).toBe(2);
  expect(value(text, 'mailtray_held_polls')).toBe(0);
});

it('/metrics names no mailbox, user, host, path or password', async () => {
  const text = await metrics();
  for (const secret of ['annika', 'bertil', 'cecilia', 'example.org', '127.0.0.1', 'hunter2', dir]) {
    expect(text).not.toContain(secret);
  }
});

// Debian's prometheus package ships promtool; .ci/run installs it, so CI never skips this.
const promtool = ['/usr/bin/promtool', '/usr/local/bin/promtool'].find((path) => existsSync(path));

it.skipIf(promtool === undefined && !process.env.CI)('/metrics passes `promtool check metrics`, as a Prometheus operator would check it (skipped where promtool is missing)', async () => {
  await eventually(async () => value(await metrics(), 'mailtray_sources{state="error"}') === 2);
  const text = await metrics();
  if (promtool === undefined) throw new Error('promtool is missing: install Debian\'s prometheus package (.ci/run does)');
  const checked = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(promtool, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
  expect(checked).toEqual({ code: 0, output: '' });
});
