import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileProblem } from './file-paths.ts';
import type { UnseenFile } from './maildir-messages.ts';

/** A folder that could not be read: which one, and why. */
export class FolderError extends Error {
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
    this.problem = problem;
  }
}

/**
 * True for a message in `cur/` that has not been seen. Its name ends in an info
 * part, `:2,` and the flags in ASCII order (`1234:2,FS`); `S` is seen
 * (https://cr.yp.to/proto/maildir.html). A name with no info part has no flags.
 */
export function isUnseen(name: string): boolean {
  const info = name.lastIndexOf(':2,');
  return info < 0 || !name.includes('S', info + 3);
}

/** Dot-files are not messages (some tools leave `.nfs*` or `.DS_Store` behind). */
function isMessage(name: string): boolean {
  return !name.startsWith('.');
}

/** The unread messages of one Maildir folder: everything in `new/` and the unseen ones in `cur/`. */
export async function unseenFiles(folder: string): Promise<UnseenFile[]> {
  const [fresh, current] = await Promise.all([list(join(folder, 'new')), list(join(folder, 'cur'))]);
  const unseen: UnseenFile[] = [];
  for (const name of fresh) if (isMessage(name)) unseen.push({ folder, dir: 'new', name });
  for (const name of current) if (isMessage(name) && isUnseen(name)) unseen.push({ folder, dir: 'cur', name });
  return unseen;
}

export async function countUnread(folder: string): Promise<number> {
  return (await unseenFiles(folder)).length;
}

async function list(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    throw new FolderError(path, fileProblem(error));
  }
}
