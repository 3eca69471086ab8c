import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const systemNode = '/usr/bin/node';
const systemVersion = existsSync(systemNode) ? (await run(systemNode, ['-p', 'process.versions.node'])).stdout.trim() : '';
const hasOldSystemNode = systemVersion !== '' && Number(systemVersion.split('.')[0]) < 22;

/** The operator guide's "As a systemd service" commands, as written. */
async function recipe(): Promise<string[]> {
  const guide = await readFile(join(root, 'docs/operator-guide.md'), 'utf8');
  const section = guide.slice(guide.indexOf('\n## As a systemd service'), guide.indexOf('\n## In Docker'));
  return /```sh\n([\s\S]*?)```/.exec(section)![1]!.trim().split('\n').map((line) => line.replace(/\s+#.*$/, ''));
}

/**
 * The recipe on this machine with its own Node (20) first on PATH, in a
 * folder standing in for /: /opt/mailtray, /etc/mailtray and /usr/local/bin
 * move under it, and the systemctl steps are left to the unit's own test.
 * The checkout is copied file by file (git's files, not this one's
 * node_modules), and .tools/ gets this test's Node 24 where setup.js would
 * download the registry's, so the test does not fetch 30 MB each run.
 */
describe.skipIf(!hasOldSystemNode)(`the systemd recipe on the machine's Node ${systemVersion || '(skipped: none older than 22 here)'}`, () => {
  let fakeRoot = '';
  const at = (path: string) => join(fakeRoot, path);
  beforeAll(async () => {
    fakeRoot = await mkdtemp(join(tmpdir(), 'mailtray-recipe-'));
    await mkdir(at('usr/local/bin'), { recursive: true });
  });
  afterAll(() => rm(fakeRoot, { recursive: true, force: true }));

  it('installs a Node that runs the server, and the unit\'s commands check the config and serve with it', async () => {
    const moved = (line: string) => line.replaceAll('/opt/mailtray', at('opt/mailtray')).replaceAll('/etc/mailtray', at('etc/mailtray'))
      .replaceAll('/usr/local/bin', at('usr/local/bin'));
    const steps = (await recipe()).filter((line) => !/^(systemctl|journalctl|cp deploy\/)/.test(line)).map(moved);
    expect(steps[0]).toBe(`cp -r . ${at('opt/mailtray')} && cd ${at('opt/mailtray')}`);
    const { stdout: files } = await run('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 8 << 20 });
    for (const file of files.split('\0').filter(Boolean)) {
      if (!existsSync(join(root, file))) continue;
      await mkdir(dirname(at(`opt/mailtray/${file}`)), { recursive: true });
      await run('cp', ['-p', join(root, file), at(`opt/mailtray/${file}`)]);
    }
    await mkdir(at('opt/mailtray/.tools/node_modules/node/bin'), { recursive: true });
    await symlink(process.execPath, at('opt/mailtray/.tools/node_modules/node/bin/node'));

    const script = ['set -e', `cd ${at('opt/mailtray')}`, ...steps.slice(1)].join('\n');
    const env = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', npm_config_prefer_offline: 'true' };
    const installed = await run('bash', ['-c', script], { env, maxBuffer: 8 << 20 });
    expect(installed.stdout).toContain('installing the server\'s npm packages (npm ci --omit=dev)');
    expect(existsSync(at('opt/mailtray/node_modules/fastify'))).toBe(true);
    expect(existsSync(at('opt/mailtray/node_modules/vitest'))).toBe(false);

    // What an operator writes: the tokens in the environment file, a port of their own.
    const tokens = { ANN_TOKEN: 'ann-token-0123456789', OPS_TOKEN: 'ops-token-0123456789', MAILTRAY_INGEST_TOKEN: 'ingest-token-0123456789' };
    const config = JSON.parse(await readFile(at('etc/mailtray/server.json'), 'utf8')) as { listen: { port: number } };
    config.listen.port = 0;
    await writeFile(at('etc/mailtray/server.json'), JSON.stringify(config));

    // The unit's commands, with the unit's PATH and environment and nothing of this test's.
    const unit = moved(await readFile(join(root, 'deploy/mailtray-server.service'), 'utf8'));
    const setting = (name: string) => unit.split('\n').find((line) => line.startsWith(`${name}=`))!.slice(name.length + 1);
    const unitPath = /^PATH=(.*)$/.exec(unit.split('\n').filter((l) => l.startsWith('Environment=PATH=')).map((l) => l.slice('Environment='.length))[0]!)![1]!;
    const unitEnv = { PATH: unitPath, NODE_ENV: 'production', LOG_FORMAT: 'json', ...tokens };
    const [checkFile, ...checkArgs] = setting('ExecStartPre').split(' ');
    const checked = await run(checkFile!, checkArgs, { env: unitEnv });
    expect(checked.stdout).toContain(`${at('etc/mailtray/server.json')} is good`);

    const [startFile, ...startArgs] = setting('ExecStart').split(' ');
    const server = spawn(startFile!, startArgs, { env: unitEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let log = '';
      server.stderr.on('data', (d: Buffer) => { log += d; });
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          log += d;
          const match = /listening at (http:\/\/[^\s"]+)/.exec(log);
          if (match) resolve(match[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the server exited ${code}: ${log}`)));
      });
      expect(log).toContain(`mailtray-server ${JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version} (sources) listening`);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/v1/counts`, { headers: { Authorization: `Bearer ${tokens.ANN_TOKEN}` } })).status).toBe(200);
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await once(server, 'exit');
    }
  }, 300_000);
});
