#!/usr/bin/env node
/**
 * The first hour on a fresh machine: `npm start` and `npm test` run this
 * before anything else, so that those two commands are all the set-up there
 * is. Plain JavaScript, because the machine's own Node may be too old to run
 * anything else of the project.
 *
 *   node scripts/setup.js app|test|server [command [args...]]
 *
 * `server` is the stand-alone server's install (docs/operator-guide.md, "As a systemd
 * service"): Node as below, then only the server's dependencies.
 *
 * 1. Node: when this Node is older than package.json's "engines", the npm
 *    registry's node@24 is installed into .tools/ (once) and put first on PATH.
 * 2. For `test`: the Debian packages the suites talk to (debian-packages.js),
 *    installed with apt-get as root or with sudo; where that cannot be done,
 *    the one apt-get line is printed and nothing runs. Then Cyrus IMAP's .debs,
 *    downloaded and unpacked into .tools/cyrus, never installed (cyrus-debs.js).
 * 3. `npm ci` when node_modules is missing or older than package-lock.json
 *    (`server`: `npm ci --omit=dev`, every time).
 * 4. The command, with that Node first on PATH; its exit code is this one's.
 *
 * Each step does nothing when its work is already done, so `npm test` on a
 * set-up machine goes straight to vitest.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { ensureCyrus } from './cyrus-debs.js';
import { testPackages } from './debian-packages.js';
import { isNewEnough, oldestNode, projectRoot, toolsNode, toolsNodeDir } from './node-check.js';

const [purpose, ...command] = process.argv.slice(2);
const again = { test: 'npm test', app: 'npm start', server: 'node scripts/setup.js server' }[purpose] ?? 'npm start';
const isWindows = process.platform === 'win32';
const say = (line) => process.stdout.write(`mailtray setup: ${line}\n`);
const stop = (sentence) => {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
};

if (!['app', 'test', 'server'].includes(purpose)) stop('usage: node scripts/setup.js app|test|server [command [args...]]');

/** Runs a set-up command in the project folder, its output shown; true if it succeeded. */
function run(file, args, env) {
  // npm is npm.cmd on Windows, which only a shell starts.
  return spawnSync(file, args, { cwd: projectRoot, stdio: 'inherit', env, shell: isWindows }).status === 0;
}

function versionOf(node) {
  if (!existsSync(node)) return undefined;
  return spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim() || undefined;
}

function isOnPath(name, env) {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

// 1. A Node the project supports.
const oldest = oldestNode();
let nodeDir = dirname(process.execPath);
if (!isNewEnough(process.versions.node, oldest)) {
  const found = `Node ${process.versions.node} at ${process.execPath}`;
  if (!isNewEnough(versionOf(toolsNode) ?? '0', oldest)) {
    say(`Mailtray needs Node ${oldest} or newer and found ${found}: installing the npm registry's node@24 into .tools/ (once)`);
    const args = ['install', '--prefix', join(projectRoot, '.tools'), '--no-save', '--no-package-lock', '--no-audit', '--no-fund', 'node@24'];
    if (!run('npm', args, process.env) || !isNewEnough(versionOf(toolsNode) ?? '0', oldest)) {
      stop(`${again} needs Node ${oldest} or newer and found ${found}; installing node@24 into .tools/ failed (npm says why above): install Node 24 from https://nodejs.org and run ${again} again.`);
    }
  }
  nodeDir = toolsNodeDir;
}
// node_modules/.bin too, for when this runs outside npm.
const env = { ...process.env, PATH: [nodeDir, join(projectRoot, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };

// 2. The Debian packages the test suites need (on Debian and its kin; elsewhere there is no dpkg-query).
function missingPackages() {
  const query = spawnSync('dpkg-query', ['-W', '-f', '${Package} ${db:Status-Status}\\n', ...testPackages], { encoding: 'utf8', env });
  if (query.error) return [];
  const installed = new Set(query.stdout.split('\n').filter((line) => line.endsWith(' installed')).map((line) => line.split(' ')[0]));
  return testPackages.filter((name) => !installed.has(name));
}

if (purpose === 'test') {
  const missing = missingPackages();
  if (missing.length > 0) {
    const isRoot = process.getuid?.() === 0;
    const canInstall = isOnPath('apt-get', env) && (isRoot || isOnPath('sudo', env));
    if (canInstall) {
      say(`the test suites need Debian packages that are missing: installing ${missing.join(' ')}`);
      // sudo drops the environment; DEBIAN_FRONTEND goes on its command line.
      const apt = isRoot ? ['apt-get'] : ['sudo', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
      const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
      if (run(apt[0], [...apt.slice(1), 'update', '-q'], aptEnv)) run(apt[0], [...apt.slice(1), 'install', '-y', '-q', ...missing], aptEnv);
    }
    const stillMissing = canInstall ? missingPackages() : missing;
    if (stillMissing.length > 0) {
      stop(`npm test needs Debian packages that are not installed${canInstall ? ' (apt-get failed, see above)' : ''}: run "sudo apt-get install -y ${stillMissing.join(' ')}" and then npm test again.`);
    }
  }
  // Cyrus (the JMAP tests' server) is unpacked, never installed: its packages conflict with Dovecot's.
  const cyrusProblem = ensureCyrus(say);
  if (cyrusProblem) stop(`npm test needs Cyrus IMAP unpacked into .tools/cyrus, and ${cyrusProblem}; fix that and run npm test again.`);
}

// 3. The project's npm packages. npm ci rewrites node_modules/.package-lock.json last.
const installedLock = join(projectRoot, 'node_modules', '.package-lock.json');
if (purpose === 'server') {
  say('installing the server\'s npm packages (npm ci --omit=dev)');
  if (!run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], env)) stop(`npm ci failed (npm says why above); fix that and run ${again} again.`);
} else if (!existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(join(projectRoot, 'package-lock.json')).mtimeMs) {
  say('installing the project\'s npm packages (npm ci)');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'], env)) stop(`npm ci failed (npm says why above); fix that and run ${again} again.`);
}

// 4. The command itself.
if (command.length > 0) {
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env, shell: isWindows });
  child.on('error', (error) => stop(`could not run ${command[0]}: ${error.message}`));
  // kill and systemd signal this process; the command must hear it. Ctrl-C already reaches both.
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
