/**
 * Builds the parts of main that tsc does not (tsc -p tsconfig.build.json
 * compiles main/ and server/ to dist/ as ES modules):
 * - the preload, bundled into one CommonJS file, dist/main/preload.cjs,
 *   because a sandboxed preload can be neither an ES module nor require our files;
 * - the placeholder page, copied to dist/main/placeholder/.
 *
 *   node scripts/build-main.ts
 */
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

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
console.log('built dist/main/preload.cjs and dist/main/placeholder/');
