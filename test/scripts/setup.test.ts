import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// Plain JavaScript without type declarations: it runs on the machine's Node before anything is installed.
const { testPackages } = (await import(join(root, 'scripts/debian-packages.js'))) as { testPackages: string[] };
const run = promisify(execFile);
// The machine's own Node, older than the project's: what a fresh Debian has.
const systemNode = '/usr/bin/node';
const systemVersion = existsSync(systemNode) ? (await run(systemNode, ['-p', 'process.versions.node'])).stdout.trim() : '';
const hasOldSystemNode = systemVersion !== '' && Number(systemVersion.split('.')[0]) < 22;

/**
 * A copy of the project's set-up files, and a folder of stand-ins for the
 * tools it calls (npm, dpkg-query, apt-get, sudo) that record their calls,
 * first on PATH after the machine's Node 20.
 */
let project = '';
let bin = '';
let calls = '';
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'mailtray-setup-'));
  bin = join(project, 'fake-bin');
  calls = join(project, 'calls.log');
  await mkdir(join(project, 'scripts'));
  await mkdir(bin);
  for (const file of ['package.json', 'package-lock.json', '.npmrc', 'scripts/setup.js', 'scripts/node-check.js', 'scripts/debian-packages.js', 'scripts/cyrus-debs.js']) {
    await copyFile(join(root, file), join(project, file));
  }
  await symlinkNode20(join(bin, 'node'));
  // npm: `install --prefix DIR node@24` puts this test's Node (24) where the registry's package would; `ci` installs nothing.
  await tool('npm', `
case "$1" in
  install) mkdir -p "$3/node_modules/node/bin" && ln -s "${process.execPath}" "$3/node_modules/node/bin/node" ;;
  ci) mkdir -p node_modules && : > node_modules/.package-lock.json ;;
esac`);
  // dpkg-query: every package the suites need is installed except those listed in the file "missing".
  await tool('dpkg-query', `
for name in ${testPackages.join(' ')}; do
  grep -qx "$name" "${project}/missing" 2>/dev/null && continue
  case " $* " in *" $name "*) echo "$name installed" ;; esac
done`);
  // apt-get: fails when the file "apt-fails" exists; else installs what it is asked for, or downloads a .deb per package.
  await tool('apt-get', `
[ -e "${project}/apt-fails" ] && exit 100
[ "$1" = install ] && : > "${project}/missing"
if [ "$1" = download ]; then shift; for name in "$@"; do : > "$name.deb"; done; fi
exit 0`);
  await tool('sudo', 'exec env "$@"');
  // apt-get download leaves a .deb per package; dpkg-deb -x unpacks Cyrus's master and httpd from any of them.
  await tool('dpkg-deb', `
[ "$1" = -x ] || exit 0
mkdir -p "$3/usr/lib/cyrus/bin" && : > "$3/usr/lib/cyrus/bin/master" && : > "$3/usr/lib/cyrus/bin/httpd"`);
  await writeFile(join(project, 'missing'), '');
  await unpackedCyrus();
  await installedPackages();
});
afterEach(() => rm(project, { recursive: true, force: true }));

async function symlinkNode20(path: string): Promise<void> {
  await writeFile(path, `#!/bin/sh\nexec ${systemNode} "$@"\n`);
  await chmod(path, 0o755);
}

/** A stand-in for `name` that logs its arguments, then runs `body`. */
async function tool(name: string, body: string): Promise<void> {
  await writeFile(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${calls}"\n${body}\n`);
  await chmod(join(bin, name), 0o755);
}

/** node_modules as npm ci leaves it: its record newer than package-lock.json. */
async function installedPackages(): Promise<void> {
  await mkdir(join(project, 'node_modules'), { recursive: true });
  await writeFile(join(project, 'node_modules/.package-lock.json'), '{}');
  const past = new Date(Date.now() - 60_000);
  await utimes(join(project, 'package-lock.json'), past, past);
}

/** Cyrus unpacked into .tools/cyrus, as a set-up machine has it. */
async function unpackedCyrus(): Promise<void> {
  const bin = join(project, '.tools/cyrus/usr/lib/cyrus/bin');
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'master'), '');
  await writeFile(join(bin, 'httpd'), '');
}

/** `npm test` as package.json runs it, with a command that says which Node it got. */
async function setup(purpose = 'test') {
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: project };
  const args = [join(project, 'scripts/setup.js'), purpose, 'node', '-p', '`tests run on Node ${process.versions.node}`'];
  return run(join(bin, 'node'), args, { cwd: project, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const loggedCalls = async () => (existsSync(calls) ? (await readFile(calls, 'utf8')).trim().split('\n') : []);

describe.skipIf(!hasOldSystemNode)(`npm test on a machine whose Node is ${systemVersion || 'not old (skipped)'}`, () => {
  it('installs the registry\'s node@24 into .tools/ once, says why in one line, and runs the tests on it', async () => {
    const first = await setup();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Mailtray needs Node 22.18 or newer and found Node ${systemVersion} at ${systemNode}: installing the npm registry's node@24 into .tools/ (once)`);
    expect(first.stdout).toContain(`tests run on Node ${process.versions.node}`);
    expect(await loggedCalls()).toContainEqual(`npm install --prefix ${join(project, '.tools')} --no-save --no-package-lock --no-audit --no-fund node@24`);

    await rm(calls);
    const second = await setup();
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('installing');
    expect(second.stdout).toContain(`tests run on Node ${process.versions.node}`);
    expect((await loggedCalls()).filter((call) => call.startsWith('npm'))).toEqual([]);
  });

  it('runs npm ci with that Node when node_modules is missing or older than package-lock.json, and not otherwise', async () => {
    await rm(join(project, 'node_modules'), { recursive: true });
    expect((await setup()).stdout).toContain('installing the project\'s npm packages (npm ci)');
    expect(await loggedCalls()).toContain('npm ci --no-audit --no-fund');

    await rm(calls);
    expect((await setup()).code).toBe(0);
    expect(await loggedCalls()).not.toContain('npm ci --no-audit --no-fund');

    const later = new Date(Date.now() + 60_000);
    await utimes(join(project, 'package-lock.json'), later, later);
    await setup();
    expect(await loggedCalls()).toContain('npm ci --no-audit --no-fund');
  });

  it('installs the Debian packages the suites need that are missing, with apt-get, before the tests run', async () => {
    await writeFile(join(project, 'missing'), 'redis-server\nlua-cjson\n');
    const result = await setup();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('installing lua-cjson redis-server');
    const apt = (await loggedCalls()).filter((call) => call.includes('apt-get'));
    expect(apt.at(-1)).toMatch(/apt-get install -y -q lua-cjson redis-server$/);
    expect(result.stdout).toContain('tests run on Node');
  });

  it('where apt-get cannot install them, prints the one apt-get line and runs no test', async () => {
    await writeFile(join(project, 'missing'), 'redis-server\nlua-cjson\n');
    await writeFile(join(project, 'apt-fails'), '');
    const result = await setup();
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('tests run on Node');
    expect(result.stderr.trim().split('\n')).toEqual([
      'npm test needs Debian packages that are not installed (apt-get failed, see above): run "sudo apt-get install -y lua-cjson redis-server" and then npm test again.',
    ]);
  });

  it('unpacks Cyrus IMAP (the JMAP tests\' server) into .tools/cyrus when missing, with apt-get download and dpkg-deb -x, never installing it', async () => {
    await rm(join(project, '.tools/cyrus'), { recursive: true });
    const result = await setup();
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('unpacking cyrus-common cyrus-imapd cyrus-caldav into .tools/cyrus');
    const calls = await loggedCalls();
    expect(calls).toContain('apt-get download cyrus-common cyrus-imapd cyrus-caldav');
    expect(calls.filter((call) => call.startsWith('dpkg-deb -x')).map((call) => call.split(' ')[2]!.split('/').at(-1)))
      .toEqual(['cyrus-caldav.deb', 'cyrus-common.deb', 'cyrus-imapd.deb']);
    expect(calls.filter((call) => / install .*cyrus|dpkg -i/.test(call))).toEqual([]);
    expect(existsSync(join(project, '.tools/cyrus/usr/lib/cyrus/bin/httpd'))).toBe(true);

    await rm(join(project, 'calls.log'));
    expect((await setup()).code).toBe(0);
    expect((await loggedCalls()).filter((call) => call.includes('download'))).toEqual([]);
  });

  it('npm start needs no Debian packages: the app runs without the test suites\' servers', async () => {
    await writeFile(join(project, 'missing'), 'redis-server\n');
    const result = await setup('app');
    expect(result.code).toBe(0);
    expect((await loggedCalls()).filter((call) => call.includes('apt-get'))).toEqual([]);
  });
});

describe('the README\'s two commands are the set-up', () => {
  it('npm start and npm test run the set-up first, and .ci/run runs npm test', async () => {
    const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe('node scripts/setup.js app npm run app');
    // Where Electron cannot be downloaded, npm start has built everything before it says so.
    expect(scripts.app!.indexOf('npm run build')).toBeGreaterThan(-1);
    expect(scripts.app!.indexOf('npm run build')).toBeLessThan(scripts.app!.indexOf('scripts/ensure-electron.ts'));
    expect(scripts.test).toBe('node scripts/setup.js test vitest run');
    const ci = (await readFile(join(root, '.ci/run'), 'utf8')).split('\n').filter((line) => !line.startsWith('#'));
    expect(ci).toContain('npm test');
    expect(ci.join('\n')).not.toContain('apt-get');
  });
});
