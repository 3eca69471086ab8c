import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Each file of a folder (relative, `/`-separated) and the files of that folder it imports. */
export type ImportGraph = Map<string, string[]>;

/**
 * The import graph of the `.ts` files under `dir`: static imports, `export ... from`,
 * type-only imports and `import()` alike (TypeScript's own pre-processor reads them),
 * keeping only the imports of other files under `dir`.
 */
export function importGraph(dir: string): ImportGraph {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => f.split(sep).join('/')).sort();
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(dir, file), 'utf8'), true, true);
    const targets = importedFiles
      .filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }) => relative(dir, resolve(dirname(join(dir, file)), fileName)).split(sep).join('/'))
      .filter((target) => known.has(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The circles of a graph (Tarjan's strongly connected components of more than one file, or a file importing itself). */
export function circles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

/**
 * The imports that run up: from a file to one in a higher room. A file's room
 * is its first folder; loose files (no folder) sit below every room. Rooms are
 * listed lowest first.
 */
export function importsUp(graph: ImportGraph, rooms: readonly string[]): string[] {
  const rank = (file: string) => (file.includes('/') ? rooms.indexOf(file.slice(0, file.indexOf('/'))) : -1);
  const up: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) if (rank(target) > rank(file)) up.push(`${file} -> ${target}`);
  }
  return up;
}
