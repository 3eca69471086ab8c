import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const npmrc = await readFile(join(root, '.npmrc'), 'utf8');

describe('a new user\'s Node', () => {
  it('an old Node is refused by npm itself: the project asks npm to be strict about "engines"', () => {
    expect(npmrc).toMatch(/^engine-strict=true$/m);
  });

  it.each(['20.19.0', '22.11.0'])('Node %s is too old (it cannot run the .ts files npm start and the tests run)', (version) => {
    expect(semver.satisfies(version, pkg.engines.node)).toBe(false);
  });

  it('the Node running these tests, and Node 24, are enough', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
    expect(semver.satisfies('24.0.0', pkg.engines.node)).toBe(true);
  });

  it('with that setting this npm stops an install with a plain message naming the required and the actual Node', async () => {
    // A project needing a Node newer than this one, with the same .npmrc: what a Node 20 user of Mailtray gets.
    const dir = await mkdtemp(join(tmpdir(), 'mailtray-engines-'));
    try {
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'needs-newer-node', version: '1.0.0', engines: { node: `>=${semver.major(process.version) + 1}` } }));
      await writeFile(join(dir, '.npmrc'), npmrc);
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const failed = await run(npm, ['install', '--no-audit', '--no-fund'], { cwd: dir, shell: process.platform === 'win32' })
        .then(() => undefined, (error: { code: number; stderr: string }) => error);
      expect(failed?.code).not.toBe(0);
      expect(failed!.stderr).toMatch(/Unsupported engine/);
      expect(failed!.stderr).toContain(`Required: {"node":">=${semver.major(process.version) + 1}"}`);
      expect(failed!.stderr).toContain(`"node":"${process.version}"`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
