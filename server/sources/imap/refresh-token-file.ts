import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/**
 * A stand-alone server's memory of a rotated refresh token: a JSON file,
 * mode 0600, holding the newest token and the sha256 of the config's token it
 * replaces. The config's token wins once it is a different one (the operator
 * signed in again); until then the file's newer token is the one that works.
 */
interface StateFile {
  replaces: string;
  refreshToken: string;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The refresh token to start with: the file's, when it replaced this very config token; else the config's. */
export function startingRefreshToken(path: string | undefined, configToken: string): string {
  if (path === undefined) return configToken;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as Partial<StateFile>;
    if (state.replaces === digest(configToken) && typeof state.refreshToken === 'string' && state.refreshToken) {
      return state.refreshToken;
    }
  } catch {
    // No file yet (or a broken one): the config's token is all there is.
  }
  return configToken;
}

/** Writes the new token beside the old file and renames it over, so a crash leaves one whole file. */
export async function keepRefreshToken(path: string, configToken: string, refreshToken: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(`${JSON.stringify({ replaces: digest(configToken), refreshToken } satisfies StateFile)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}
