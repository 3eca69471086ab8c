#!/usr/bin/env -S node --max-semi-space-size=2
// A 2 MB young generation: a held poll lives for minutes, and copying thousands of them
// out of a large young generation paused the server for 40-60 ms (see bench/).
//
// Two copies of the server can be here: the compiled one in dist/ (npm run build:server,
// npm run build, npm start), which runs on Node 20.18 and newer, and the TypeScript
// sources, which Node 22.18 and newer run directly (type stripping). The compiled copy
// runs unless a source is newer than it: then the sources run where this Node can, and
// the old copy runs with a warning where it cannot. Plain JavaScript, so that an old
// Node gets as far as saying which Node it needs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = join(root, 'dist/server/cli/cli.js');
const sources = join(root, 'server/cli/cli.ts');
// What Fastify 5 and undici 7 need; the sources need package.json's "engines".
const compiledNeeds = '20.18';
const sourcesNeed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node.replace(/^>=\s*/, '');
const found = `Node ${process.versions.node} at ${process.execPath}`;
const warn = (text) => process.stderr.write(`mailtray-server: ${text}\n`);

function isNewEnough(oldest) {
  const have = process.versions.node.split('.').map(Number);
  const need = oldest.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  return true;
}

/** The most recently changed .ts or .lua file the server is built from, or undefined where the sources are not shipped. */
function newestSource() {
  let newest;
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') || entry.name.endsWith('.lua')) {
        const changed = statSync(path).mtimeMs;
        if (!newest || changed > newest.changed) newest = { path, changed };
      }
    }
  };
  visit(join(root, 'server'));
  visit(join(root, 'common'));
  return newest;
}

const clock = (ms) => new Date(ms).toTimeString().slice(0, 5);

function chooseEntry() {
  const canRunSources = existsSync(sources) && isNewEnough(sourcesNeed);
  if (!existsSync(compiled)) {
    if (canRunSources) return sources;
    return undefined;
  }
  const builtAt = statSync(compiled).mtimeMs;
  const source = newestSource();
  if (!source || source.changed <= builtAt) return compiled;
  const stale = `dist/ (compiled ${clock(builtAt)}) is older than ${relative(root, source.path)} (changed ${clock(source.changed)})`;
  if (canRunSources) {
    warn(`${stale}: running the sources instead; npm run build:server brings dist/ up to date`);
    return sources;
  }
  warn(`${stale}, and ${found} cannot run the sources: running the old compiled copy; npm run build:server brings it up to date`);
  return compiled;
}

const entry = chooseEntry();
if (entry === undefined) {
  // Where scripts/setup.js put the registry's Node 24 (the systemd unit puts it first on PATH).
  const toolsNodeDir = join(root, '.tools/node_modules/node/bin');
  const fix = existsSync(join(toolsNodeDir, 'node'))
    ? `Node 24 is in ${toolsNodeDir}: run export PATH="${toolsNodeDir}:$PATH" and then mailtray-server again`
    : 'install Node 24 (https://nodejs.org), or run node scripts/setup.js server in the checkout (it puts Node 24 in .tools/), or compile the server, then run mailtray-server again';
  warn(`needs Node ${sourcesNeed} or newer to run its TypeScript sources (or Node ${compiledNeeds} or newer once npm run build:server has compiled them), but found ${found}; ${fix}.`);
  process.exit(1);
} else if (entry === compiled && !isNewEnough(compiledNeeds)) {
  warn(`needs Node ${compiledNeeds} or newer, but found ${found}; install Node 24 (https://nodejs.org), then run mailtray-server again.`);
  process.exit(1);
}
await import(pathToFileURL(entry).href);
