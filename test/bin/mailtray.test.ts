import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';

const bin = join(import.meta.dirname, '../../bin/mailtray.js');
const run = promisify(execFile);
// No settings of whoever runs the tests, and their token out of the way.
const env = { ...process.env, MAILTRAY_USER_DATA: join(tmpdir(), 'mailtray-bin-no-settings'), MAILTRAY_TOKEN: '', LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '' };

async function mailtray(args: string[], extraEnv: Record<string, string> = {}) {
  return run(process.execPath, [bin, ...args], { env: { ...env, ...extraEnv } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
  await server.setCount('work', 2);
});
afterAll(() => server.stop());

// A child Node compiles the app's core at start: seconds of CPU on a busy machine, so the nets are wide.
const START_MS = 60_000;

describe('bin/mailtray.js as a child process', { timeout: 3 * START_MS }, () => {
  it('watch --once prints the state and exits 0 with mail', async () => {
    const result = await mailtray(['watch', '--once', '--format', 'waybar', '--server', server.url], { MAILTRAY_TOKEN: server.token });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ text: '2', class: 'unread', alt: 'unread' });
  });

  it('exits 2 when the server cannot be reached, and 64 on a usage error', async () => {
    const unreachable = await mailtray(['watch', '--once', '--server', 'http://127.0.0.1:9', '--token', 'x']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toBe('Not connected: server unreachable (connection refused)\n');
    expect(await mailtray(['watch', '--server', server.url])).toMatchObject({ code: 64, stderr: expect.stringContaining('--server needs a client token') });
    expect(await mailtray(['wach'])).toMatchObject({ code: 64, stderr: expect.stringContaining('mailtray: no command "wach"') });
    expect(await mailtray([])).toMatchObject({ code: 64 });
  });

  it('watching prints a line per change, and ends cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, 'watch', '--format', 'text', '--server', server.url], {
      env: { ...env, MAILTRAY_TOKEN: server.token }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk; });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await eventually(() => out.includes('2 unread: Work 2\n'), START_MS);
      await server.setCount('home', 1);
      await eventually(() => out.includes('3 unread: Work 2 and Home 1\n'), START_MS);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    await server.setCount('home', 0);
  });
});
