import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverRooms } from '../../eslint.config.js';
import { circles, importGraph, importsUp, type ImportGraph } from '../helpers/import-graph.ts';

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));

// The lint rule (eslint.config.js) refuses an import up as it is written; this
// reads the whole graph, so it also sees circles inside a room and dynamic imports.
describe("the server's import graph", () => {
  const graph = importGraph(serverDir);

  it('reads the files and their imports', () => {
    expect(graph.size).toBeGreaterThan(80);
    expect(graph.get('cli/cli.ts')).toContain('run/start.ts');
    // A dynamic import counts as much as a static one.
    expect(graph.get('store/store-config.ts')).toContain('store/redis/redis-store.ts');
  });

  it('has a room in serverRooms for every folder of server/', () => {
    const folders = readdirSync(serverDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.filter((f) => !serverRooms.includes(f))).toEqual([]);
  });

  it('has no circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('has no import running up from a room to a higher one, or from a loose file into a room', () => {
    expect(importsUp(graph, serverRooms)).toEqual([]);
  });
});

describe('the import-graph check', () => {
  const made: ImportGraph = new Map([
    ['log.ts', []],
    ['store/a.ts', ['log.ts', 'store/b.ts']],
    ['store/b.ts', ['http/c.ts']],
    ['http/c.ts', ['store/a.ts']],
  ]);

  it('finds a circle, across rooms or within one', () => {
    expect(circles(made)).toEqual([['http/c.ts', 'store/a.ts', 'store/b.ts']]);
    expect(circles(new Map([['a.ts', ['a.ts']]]))).toEqual([['a.ts']]);
  });

  it('finds an import running up', () => {
    expect(importsUp(made, ['store', 'http'])).toEqual(['store/b.ts -> http/c.ts']);
    expect(importsUp(new Map([['log.ts', ['store/a.ts']], ['store/a.ts', []]]), ['store'])).toEqual(['log.ts -> store/a.ts']);
  });
});
