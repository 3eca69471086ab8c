/**
 * Records the files the app process reads or looks for through node:fs
 * (readFileSync, existsSync, statSync, readFile), so the test can check that
 * each one the entry names is in the packed set. The module loader's own
 * reads are not seen: a missing module fails the start by itself.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import { record } from './recorder.ts';

type Fn = (...args: never[]) => unknown;

function pathOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target instanceof URL && target.protocol === 'file:') return fileURLToPath(target);
  return undefined;
}

function watch<T extends object>(module: T, name: keyof T & string, label: string): void {
  const original = module[name] as Fn;
  const wrapped = function (this: unknown, ...args: never[]) {
    const path = pathOf(args[0]);
    if (path !== undefined) record('fs', label, path);
    return original.apply(this, args);
  };
  Object.assign(module, { [name]: wrapped });
}

export function recordFileReads(): void {
  watch(fs, 'readFileSync', 'readFileSync');
  watch(fs, 'existsSync', 'existsSync');
  watch(fs, 'statSync', 'statSync');
  watch(fs.promises, 'readFile', 'readFile');
  // So `import { readFileSync } from 'node:fs'` in the app gets the watched one too.
  syncBuiltinESMExports();
}
