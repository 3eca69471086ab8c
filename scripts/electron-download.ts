/**
 * Where Electron's binary comes from and where @electron/get caches it, and
 * what to tell a person when the download fails. Mirrors @electron/get's own
 * rules (artifact-utils.js, Cache.js) so the advice names the exact file and
 * folder it would use.
 */
import { createHash } from 'node:crypto';
import { join, posix } from 'node:path';

const GITHUB_RELEASES = 'https://github.com/electron/electron/releases/download/';

export interface ElectronDownload {
  /** The zip @electron/get fetches. */
  url: string;
  fileName: string;
  /** Where a copy of that zip is looked for before any download. */
  cacheFolder: string;
}

export interface Machine {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  home: string;
}

export function electronDownload(version: string, { platform, arch, env, home }: Machine): ElectronDownload {
  const tag = `v${version.replace(/^v/, '')}`;
  const base = env.npm_config_electron_mirror || env.ELECTRON_MIRROR || GITHUB_RELEASES;
  const dir = (env.npm_config_electron_custom_dir || env.ELECTRON_CUSTOM_DIR || tag).replace('{{ version }}', tag.slice(1));
  const fileName = `electron-${tag}-${platform}-${arch}.zip`;
  const url = `${base}${dir}/${fileName}`;
  const parent = new URL(url);
  parent.pathname = posix.dirname(parent.pathname);
  const key = createHash('sha256').update(parent.toString()).digest('hex');
  return { url, fileName, cacheFolder: join(env.electron_config_cache || cacheRoot(platform, env, home), key) };
}

/** env-paths' cache folder for "electron", as @electron/get uses it. */
function cacheRoot(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'electron');
}

/** What went wrong, in a few words, from the installer's output (its first line is the error). */
export function whatFailed(output: string): string {
  const text = output.trim();
  const code = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+)\b/.exec(text)?.[1];
  if (/HTTPError|\b404\b|Not Found/i.test(text)) return 'the server answered that there is no such file (HTTP 404)';
  if (/checksum|sha256/i.test(text)) return 'the downloaded file did not match its checksum';
  if (code) return `no connection to the download server (${code})`;
  if (/fetch failed|socket|network|timed? ?out/i.test(text)) return 'no connection to the download server';
  return text.split('\n')[0] || 'the download stopped without saying why';
}

/** The message `npm start` prints instead of a stack trace when Electron's binary cannot be had. */
export function downloadFailureMessage(version: string, output: string, download: ElectronDownload): string {
  return [
    `Mailtray needs Electron ${version}, whose binary is downloaded on first start, and the download failed:`,
    `  ${whatFailed(output)}`,
    `  (from ${download.url})`,
    '',
    'What you can do:',
    '  - Check the network connection, then run npm start again.',
    '  - Download from a mirror instead, for example:',
    '      ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    `  - Or copy ${download.fileName} from a machine that can download it`,
    `    (${GITHUB_RELEASES}v${version.replace(/^v/, '')}/${download.fileName}) into Electron's cache folder:`,
    `      ${download.cacheFolder}`,
    '    and run npm start again.',
  ].join('\n');
}
