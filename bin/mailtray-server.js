#!/usr/bin/env node
// The installed command runs the compiled server (npm run build:server);
// a source checkout on Node 22.18+ runs the TypeScript directly.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/server/cli.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../server/cli.ts', import.meta.url).href);
