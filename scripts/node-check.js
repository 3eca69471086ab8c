#!/usr/bin/env node
/**
 * Is this Node new enough for Mailtray? Plain JavaScript, so that an old Node
 * gets to say so: on Node 20 a .ts entry point dies with
 * ERR_UNKNOWN_FILE_EXTENSION and vitest with "Map.groupBy is not a function",
 * neither of which names the Node it needed.
 *
 *   node scripts/node-check.js "npm run server"   # exits 1 with one sentence if too old
 *
 * The oldest Node is package.json's "engines" (22.18 runs TypeScript without a flag).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** Where `npm start` and `npm test` put the registry's node@24 when the machine's Node is too old. */
export const toolsNodeDir = join(projectRoot, '.tools', 'node_modules', 'node', 'bin');
export const toolsNode = join(toolsNodeDir, process.platform === 'win32' ? 'node.exe' : 'node');

/** "22.18" from package.json's `"engines": {"node": ">=22.18"}`. */
export function oldestNode() {
  const { engines } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines.node.trim());
  if (!match) throw new Error(`package.json "engines.node" should read ">=X.Y", not ${engines.node}`);
  return match[1];
}

/** Whether Node `version` ("20.20.2" or "v20.20.2") is `oldest` or newer. */
export function isNewEnough(version, oldest) {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = oldest.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

/** The one sentence for `command` run on a Node that is too old: what it needs, what it found where, what to run. */
export function tooOldSentence(command, oldest, found = { version: process.versions.node, path: process.execPath }) {
  const usePath = `export PATH="${toolsNodeDir}:$PATH"`;
  const fix = existsSync(toolsNode)
    ? `Node 24 is in .tools/, so run ${usePath} and then ${command} again`
    : `install Node 24 (https://nodejs.org), or run npm test once (it puts Node 24 in .tools/) and then ${usePath} before ${command}`;
  return `${command} needs Node ${oldest} or newer, but found Node ${found.version} at ${found.path}; ${fix}.`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'Mailtray';
  const oldest = oldestNode();
  if (!isNewEnough(process.versions.node, oldest)) {
    process.stderr.write(`${tooOldSentence(command, oldest)}\n`);
    process.exit(1);
  }
}
