import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };

/** The version the server reports (`--version`, the start line), from package.json. */
export const serverVersion: string = packageJson.version;

/**
 * Which copy of the server runs, for the start line: "sources" when Node runs
 * the TypeScript, "compiled 14:02" when it runs dist/ (built then), so that an
 * operator who edited server/*.ts sees whether the edit is what runs.
 */
export const serverBuild: string = buildOf(import.meta.url, new Date());

export function buildOf(moduleUrl: string, now: Date): string {
  if (moduleUrl.endsWith('.ts')) return 'sources';
  let builtAt: Date;
  try {
    builtAt = statSync(fileURLToPath(moduleUrl)).mtime;
  } catch {
    return 'compiled';
  }
  const time = `${String(builtAt.getHours()).padStart(2, '0')}:${String(builtAt.getMinutes()).padStart(2, '0')}`;
  const isToday = builtAt.toDateString() === now.toDateString();
  return `compiled ${isToday ? time : `${builtAt.getFullYear()}-${String(builtAt.getMonth() + 1).padStart(2, '0')}-${String(builtAt.getDate()).padStart(2, '0')} ${time}`}`;
}
