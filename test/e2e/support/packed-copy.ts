/**
 * The app as electron-builder packs it: `npm run build`, then the files
 * electron-builder.yml's `files` names (and nothing else) copied to a
 * temporary folder, its production dependencies installed there by
 * `npm ci --omit=dev`, and the stand-in Electron (../stand-in/electron.ts)
 * as its node_modules/electron. electron-builder packs node_modules itself,
 * production dependencies only; Electron is not among them (it is the
 * binary), which is why the stand-in goes in its place.
 */
import { execFile } from 'node:child_process';
import { copyFile, glob, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, matchesGlob } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
export const root = fileURLToPath(new URL('../../..', import.meta.url));
const standIn = new URL('../stand-in/electron.ts', import.meta.url).href;

export interface PackedCopy {
  dir: string;
  /** The packed files, relative to `dir` (node_modules not included). */
  files: string[];
  remove(): Promise<void>;
}

/** The paths electron-builder.yml's `files` selects: its patterns in order, a `!` one taking away. */
export async function packedFiles(): Promise<string[]> {
  const config = parse(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
  const chosen = new Set<string>();
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      for (const file of chosen) if (matchesGlob(file, pattern.slice(1))) chosen.delete(file);
    } else {
      for await (const entry of glob(pattern, { cwd: root, withFileTypes: true })) {
        if (entry.isFile()) chosen.add(join(entry.parentPath, entry.name).slice(root.length).replace(/^\//, ''));
      }
    }
  }
  return [...chosen].sort();
}

export async function makePackedCopy(): Promise<PackedCopy> {
  // Windows: npm is npm.cmd, which only a shell runs.
  const shell = process.platform === 'win32';
  await run('npm', ['run', 'build'], { cwd: root, shell, maxBuffer: 16 * 1024 * 1024 });
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-packed-'));
  const files = await packedFiles();
  for (const file of files) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await copyFile(join(root, file), join(dir, file));
  }
  // The lock file only to install from; it is not packed, so it goes again.
  await copyFile(join(root, 'package-lock.json'), join(dir, 'package-lock.json'));
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, shell, maxBuffer: 16 * 1024 * 1024 });
  await rm(join(dir, 'package-lock.json'));
  const electronDir = join(dir, 'node_modules', 'electron');
  await mkdir(electronDir);
  await writeFile(join(electronDir, 'package.json'), `${JSON.stringify({ name: 'electron', type: 'module', exports: './index.js' })}\n`);
  await writeFile(join(electronDir, 'index.js'), `// The shipped-app test's stand-in (test/e2e/stand-in/electron.ts).\nexport * from '${standIn}';\nexport { default } from '${standIn}';\n`);
  return { dir, files, remove: () => rm(dir, { recursive: true, force: true }) };
}
