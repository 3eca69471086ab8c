#!/usr/bin/env node
// `mailtray watch`: the app's counts in a terminal or a status bar (docs/watch.md).
// As bin/mailtray-server.js: the TypeScript sources where this Node runs them (22.18
// and newer strip types), else the compiled copy in dist/ (npm run build:main).
// Plain JavaScript, so that an old Node gets as far as saying which Node it needs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = join(root, 'main/watch/cli.ts');
const compiled = join(root, 'dist/main/watch/cli.js');
const sourcesNeed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node.replace(/^>=\s*/, '');

function isNewEnough(oldest) {
  const have = process.versions.node.split('.').map(Number);
  const need = oldest.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  return true;
}

const entry = existsSync(sources) && isNewEnough(sourcesNeed) ? sources : existsSync(compiled) ? compiled : undefined;
if (entry === undefined) {
  process.stderr.write(`mailtray: needs Node ${sourcesNeed} or newer (found ${process.versions.node} at ${process.execPath}), or the compiled copy (npm run build:main)\n`);
  process.exit(64);
}
await import(pathToFileURL(entry).href);
