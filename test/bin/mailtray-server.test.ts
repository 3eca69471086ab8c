import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const systemNode = '/usr/bin/node';
const systemVersion = existsSync(systemNode) ? (await run(systemNode, ['-p', 'process.versions.node'])).stdout.trim() : '';
const hasOldSystemNode = systemVersion !== '' && Number(systemVersion.split('.')[0]) < 22;

/**
 * An installed mailtray-server: the real bin, package.json, sources and
 * dependencies, and a stand-in for the compiled copy in dist/ that says it ran.
 */
let installed = '';
const compiled = () => join(installed, 'dist/server/cli/cli.js');
beforeEach(async () => {
  installed = await mkdtemp(join(tmpdir(), 'mailtray-bin-'));
  await mkdir(join(installed, 'bin'));
  await copyFile(join(root, 'bin/mailtray-server.js'), join(installed, 'bin/mailtray-server.js'));
  await copyFile(join(root, 'package.json'), join(installed, 'package.json'));
  for (const folder of ['server', 'common', 'node_modules']) await symlink(join(root, folder), join(installed, folder));
  await mkdir(join(installed, 'dist/server/cli'), { recursive: true });
  await writeFile(compiled(), 'console.log("the compiled copy ran");\n');
});
afterEach(() => rm(installed, { recursive: true, force: true }));

async function mailtrayServer(node: string, args: string[]) {
  return run(node, [join(installed, 'bin/mailtray-server.js'), ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

async function compiledAt(when: Date): Promise<void> {
  await utimes(compiled(), when, when);
}

describe('mailtray-server with a compiled copy in dist/', () => {
  it('runs the compiled copy, without a word, when it is newer than every source', async () => {
    await compiledAt(new Date(Date.now() + 3_600_000));
    const result = await mailtrayServer(process.execPath, ['--version']);
    expect(result.stdout).toBe('the compiled copy ran\n');
    expect(result.stderr).toBe('');
  });

  it('runs the sources, and says why, when a server file was edited after the last build', async () => {
    await compiledAt(new Date('2026-01-02T03:04:00Z'));
    const result = await mailtrayServer(process.execPath, ['--version']);
    expect(result.stdout).toMatch(/^mailtray-server \d+\.\d+\.\d+\n$/);
    expect(result.stderr).toMatch(/^mailtray-server: dist\/ \(compiled \d\d:\d\d\) is older than (server|common)\/\S+\.(ts|lua) \(changed \d\d:\d\d\): running the sources instead; npm run build:server brings dist\/ up to date\n$/);
  });

  it.skipIf(!hasOldSystemNode)(`on Node ${systemVersion || '20 (skipped: none here)'}, which cannot run the sources, runs the old compiled copy with a warning`, async () => {
    await compiledAt(new Date('2026-01-02T03:04:00Z'));
    const result = await mailtrayServer(systemNode, ['--version']);
    expect(result.stdout).toBe('the compiled copy ran\n');
    expect(result.stderr).toContain(`and Node ${systemVersion} at ${systemNode} cannot run the sources: running the old compiled copy; npm run build:server brings it up to date`);
  });
});

describe.skipIf(!hasOldSystemNode)(`mailtray-server on Node ${systemVersion || '20 (skipped: none here)'} without a compiled copy`, () => {
  it('says in one sentence which Node it needs, which it found where, and what to do', async () => {
    await rm(join(installed, 'dist'), { recursive: true });
    const result = await mailtrayServer(systemNode, ['--config', 'server.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`mailtray-server: needs Node 22.18 or newer to run its TypeScript sources (or Node 20.18 or newer once npm run build:server has compiled them), but found Node ${systemVersion} at ${systemNode}; install Node 24 (https://nodejs.org), or run node scripts/setup.js server in the checkout (it puts Node 24 in .tools/), or compile the server, then run mailtray-server again.\n`);
  });
});
