import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { luaFiles } from '../../scripts/lua-generate.ts';

const root = new URL('../../', import.meta.url);

it('the Redis store\'s Lua says what VISIBLE_FIELDS, LOG_LENGTH and lua/head.lua say', async () => {
  const stale: string[] = [];
  for (const [path, text] of await luaFiles(root)) {
    if (await readFile(new URL(path, root), 'utf8') !== text) stale.push(path);
  }
  if (stale.length > 0) expect.fail(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale: run npm run lua:generate`);
});
