import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);
const systemNode = '/usr/bin/node';
const systemVersion = existsSync(systemNode) ? (await run(systemNode, ['-p', 'process.versions.node'])).stdout.trim() : '';
const hasOldSystemNode = systemVersion !== '' && Number(systemVersion.split('.')[0]) < 22;

describe.skipIf(!hasOldSystemNode)(`npm scripts on the machine's Node ${systemVersion || '(skipped: it is not older than 22 here)'}`, () => {
  // npm start and npm test bring their own Node (test/scripts/setup.test.ts); these say what is wrong.
  it.each(['server', 'screenshot', 'app'])('npm run %s says in one sentence which Node it needs, which it found where, and what to run', async (script) => {
    const failed = await run('npm', ['run', '--silent', script, '--', '--config', 'examples/server.json'], { cwd: root, env: { ...process.env, PATH: '/usr/bin:/bin' } })
      .then(() => undefined, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(failed?.code).toBe(1);
    const lines = failed!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^npm run ${script} needs Node 22\\.18 or newer, but found Node ${systemVersion.replaceAll('.', '\\.')} at /usr/bin/node; .*export PATH="${root}/\\.tools/node_modules/node/bin:\\$PATH".*npm run ${script}`));
    expect(failed!.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });
});
