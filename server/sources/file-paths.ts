import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** A path from the config: `~` and `~/...` mean the home folder, as in a shell. */
export function expandPath(path: string, home: string = homedir()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return resolve(path);
}

const reasons: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

/** Why a file operation failed, in words a person can act on. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === undefined ? undefined : reasons[code];
  if (reason) return `${reason} (${code})`;
  return code ?? (error as Error).message ?? String(error);
}
