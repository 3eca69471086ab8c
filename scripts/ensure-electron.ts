/**
 * Makes sure Electron's binary is there before `npm start` builds and runs
 * the app. The electron package downloads it on first use; when that fails
 * it prints a stack trace and advice that cannot work offline. This says what
 * failed and what to do, and exits 1. It speaks English, as the server's CLI
 * does: it prints to the terminal of whoever runs `npm start` (a developer),
 * never to the app's user, whose installed app carries its Electron.
 *
 *   node scripts/ensure-electron.ts [electron package folder]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { downloadFailureMessage, electronDownload } from './electron-download.ts';

const packageDir = process.argv[2] ?? dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };

function isInstalled(): boolean {
  const pathFile = join(packageDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

if (!isInstalled()) {
  console.log(`Downloading Electron ${version} (once)...`);
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (install.status !== 0 || !isInstalled()) {
    const download = electronDownload(version, { platform: process.platform, arch: process.arch, env: process.env, home: homedir() });
    console.error(downloadFailureMessage(version, `${install.stderr ?? ''}${install.error?.message ?? ''}`, download));
    process.exit(1);
  }
}
