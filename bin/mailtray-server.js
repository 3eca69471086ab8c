#!/usr/bin/env -S node --max-semi-space-size=2
// A 2 MB young generation: a held poll lives for minutes, and copying thousands of them
// out of a large young generation paused the server for 40-60 ms (see bench/).
// The installed command runs the compiled server (npm run build:server);
// a source checkout on Node 22.18+ runs the TypeScript directly (type stripping).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/server/cli.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../server/cli.ts', import.meta.url).href);
