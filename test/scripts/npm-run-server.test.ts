import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { testConfig } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { isAlive } from '../helpers/cli-process.ts';

const root = join(import.meta.dirname, '../..');

it.skipIf(process.platform === 'win32')('kill of npm run server stops the server, not only npm (npm passes the signal to the shell only)', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'mailtray-npm-server-'));
  const file = join(folder, 'server.json');
  await writeFile(file, JSON.stringify(testConfig()));
  const npm = spawn('npm', ['run', 'server', '--', '--config', file, '--port', '0'], {
    cwd: root, env: { ...process.env, LOG_FORMAT: 'json' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverPid = 0;
  try {
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      npm.stdout.on('data', (d: Buffer) => {
        log += d;
        const match = /"pid":(\d+).*listening at (http:\/\/[^\s"]+)/.exec(log);
        if (match) {
          serverPid = Number(match[1]);
          resolve(match[2]!);
        }
      });
      npm.once('exit', (code) => reject(new Error(`npm exited ${code}: ${log}`)));
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    npm.kill('SIGTERM');
    await once(npm, 'exit');
    await eventually(() => !isAlive(serverPid), 5000).catch(() => {});
    expect(isAlive(serverPid)).toBe(false);
  } finally {
    // Before the fix the server outlived npm: stop it by its own pid.
    if (serverPid && isAlive(serverPid)) process.kill(serverPid, 'SIGKILL');
    await rm(folder, { recursive: true, force: true });
  }
});
