/**
 * Builds the parts of main that tsc does not (tsc -p tsconfig.build.json
 * compiles main/ and server/ to dist/ as ES modules):
 * - the preload, bundled into one CommonJS file, dist/main/preload.cjs,
 *   because a sandboxed preload can be neither an ES module nor require our files;
 * - the placeholder page, copied to dist/main/placeholder/;
 * - the OAuth client ids from the build's environment (MAILTRAY_GOOGLE_CLIENT_ID,
 *   MAILTRAY_GOOGLE_CLIENT_SECRET, MAILTRAY_MICROSOFT_CLIENT_ID), written to
 *   dist/main/oauth-clients.json, which electron-builder packs with the app.
 *
 *   node scripts/build-main.ts
 */
import { cp, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { oauthClientsFromEnv } from '../main/oauth/oauth-clients.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/main',
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'chrome140',
    lib: { entry: 'main/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rolldownOptions: { external: ['electron'] },
  },
});
await cp(`${root}/main/placeholder`, `${root}/dist/main/placeholder`, { recursive: true });
const clients = oauthClientsFromEnv(process.env);
await writeFile(`${root}/dist/main/oauth-clients.json`, `${JSON.stringify(clients, null, 2)}\n`);
const named = Object.keys(clients).join(', ') || 'none: users enter their own';
console.log(`built dist/main/preload.cjs, dist/main/placeholder/ and dist/main/oauth-clients.json (OAuth clients: ${named})`);
