import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFailureMessage, electronDownload, whatFailed } from '../../scripts/electron-download.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

describe('where Electron\'s binary comes from', () => {
  const machine = { platform: 'linux' as const, arch: 'x64', env: {}, home: '/home/ann' };

  it('from GitHub, cached in ~/.cache/electron/<sha256 of the release folder>/ as @electron/get does', () => {
    const download = electronDownload('45.4.1', machine);
    expect(download.url).toBe('https://github.com/electron/electron/releases/download/v45.4.1/electron-v45.4.1-linux-x64.zip');
    expect(download.fileName).toBe('electron-v45.4.1-linux-x64.zip');
    // sha256("https://github.com/electron/electron/releases/download/v45.4.1")
    expect(download.cacheFolder).toMatch(/^\/home\/ann\/\.cache\/electron\/[0-9a-f]{64}$/);
  });

  it('from ELECTRON_MIRROR when set, with its own cache folder', () => {
    const download = electronDownload('45.4.1', { ...machine, env: { ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' } });
    expect(download.url).toBe('https://npmmirror.com/mirrors/electron/v45.4.1/electron-v45.4.1-linux-x64.zip');
    expect(download.cacheFolder).not.toBe(electronDownload('45.4.1', machine).cacheFolder);
  });

  it.each([
    ['darwin', {}, '/Users/ann/Library/Caches/electron/'],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'C:\\Users\\ann\\AppData\\Local/electron/Cache/'],
    ['linux', { XDG_CACHE_HOME: '/tmp/cache' }, '/tmp/cache/electron/'],
    ['linux', { electron_config_cache: '/srv/electron-cache' }, '/srv/electron-cache/'],
  ] as const)('on %s with %j the cache is under %s', (platform, env, folder) => {
    const home = platform === 'darwin' ? '/Users/ann' : '/home/ann';
    expect(electronDownload('45.4.1', { platform, arch: 'arm64', env, home }).cacheFolder.startsWith(folder)).toBe(true);
  });
});

describe('what failed, in words', () => {
  it.each([
    ['TypeError: fetch failed\n    at node:internal/deps/undici/undici:15845:13', 'no connection to the download server'],
    ['Error: getaddrinfo ENOTFOUND github.com', 'no connection to the download server (ENOTFOUND)'],
    ['RequestError: connect ECONNREFUSED 127.0.0.1:9', 'no connection to the download server (ECONNREFUSED)'],
    ['HTTPError: Response code 404 (Not Found) for https://mirror/v45.4.1/electron-v45.4.1-linux-x64.zip', 'the server answered that there is no such file (HTTP 404)'],
    ['Error: Generated checksum for "electron-v45.4.1-linux-x64.zip" did not match expected checksum.', 'the downloaded file did not match its checksum'],
    ['Error: EACCES: permission denied, mkdir \'/x\'\n    at stack', 'Error: EACCES: permission denied, mkdir \'/x\''],
  ])('%j reads "%s"', (output, words) => {
    expect(whatFailed(output)).toBe(words);
  });

  it('the message names the file, the mirror variable and the cache folder, and no stack', () => {
    const download = electronDownload('45.4.1', { platform: 'linux', arch: 'x64', env: {}, home: '/home/ann' });
    const message = downloadFailureMessage('45.4.1', 'TypeError: fetch failed\n    at x (y.js:1:1)', download);
    expect(message).toContain('no connection to the download server');
    expect(message).toContain('ELECTRON_MIRROR=');
    expect(message).toContain(download.cacheFolder);
    expect(message).toContain('electron-v45.4.1-linux-x64.zip');
    expect(message).not.toMatch(/^\s+at /m);
  });
});

describe('npm start when Electron\'s binary cannot be downloaded', () => {
  // A copy of the electron package without its binary, and a mirror where nothing listens.
  let dir = '';
  let deadMirror = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailtray-electron-'));
    const packageDir = join(dir, 'electron');
    await mkdir(packageDir);
    for (const file of ['package.json', 'install.js', 'checksums.json']) await copyFile(join(root, 'node_modules/electron', file), join(packageDir, file));
    await symlink(join(root, 'node_modules'), join(packageDir, 'node_modules'));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    deadMirror = `http://127.0.0.1:${(closed.address() as { port: number }).port}/`;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says what failed and what to do, without a stack trace, and exits 1', async () => {
    const cache = join(dir, 'cache');
    const failed = await run(process.execPath, ['scripts/ensure-electron.ts', join(dir, 'electron')], {
      cwd: root,
      env: { ...process.env, ELECTRON_MIRROR: deadMirror, electron_config_cache: cache },
    }).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    expect(failed!.stderr).toContain('the download failed');
    expect(failed!.stderr).toContain('no connection to the download server');
    expect(failed!.stderr).toContain(`${deadMirror}v`);
    expect(failed!.stderr).toContain(join(cache, ''));
    expect(failed!.stderr).not.toMatch(/^\s+at /m);
    // Nothing half-installed is left that the next start would take for the binary.
    expect(await readdir(join(dir, 'electron'))).not.toContain('path.txt');
  });
});
