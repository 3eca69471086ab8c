/**
 * Copies the Redis store's Lua (server/store/redis/lua/*.lua) beside the
 * compiled server in dist/, where redis-scripts.ts reads it: tsc compiles
 * only TypeScript. Run by npm run build:server and build:main.
 *
 *   node scripts/copy-lua.ts
 */
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await cp(`${root}/server/store/redis/lua`, `${root}/dist/server/store/redis/lua`, { recursive: true });
console.log('copied server/store/redis/lua/ to dist/server/store/redis/lua/');
