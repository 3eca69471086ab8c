import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Linux: the text of the desktop entry of the user's default mail client, as
 * `xdg-mime query default x-scheme-handler/mailto` names it, found in the XDG
 * data folders; undefined when none is set or it cannot be read.
 */
export async function linuxMailClientEntry(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  let id: string;
  try {
    const { stdout } = await run('xdg-mime', ['query', 'default', 'x-scheme-handler/mailto'], { env, timeout: 5000 });
    id = stdout.trim().split('\n')[0]?.trim() ?? '';
  } catch {
    return undefined;
  }
  if (!/^[\w.-]+\.desktop$/.test(id)) return undefined;
  for (const path of desktopEntryPaths(id, env)) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      // Not in this folder; try the next.
    }
  }
  return undefined;
}

/**
 * Where a desktop file id may live (XDG Base Directory and Desktop Entry
 * specs): each data folder's applications/, user's first; a `-` in the id may
 * stand for a sub-folder (`kde-kmail.desktop` in applications/kde/kmail.desktop).
 */
export function desktopEntryPaths(id: string, env: NodeJS.ProcessEnv): string[] {
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  const dataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  const variants = [id];
  const segments = id.split('-');
  for (let i = 1; i < segments.length; i++) variants.push(join(...segments.slice(0, i), segments.slice(i).join('-')));
  return [dataHome, ...dataDirs].flatMap((dir) => variants.map((name) => join(dir, 'applications', name)));
}
