import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parseConfig } from '../server/config/server-config.ts';

// Every {"env": "NAME"} in the examples reads a value; a database URL must look like one.
const env = new Proxy({}, {
  get: (_target, name) => (String(name).endsWith('DB_URL') ? 'postgres://u:p@db.example.com/mail'
    : String(name).endsWith('REDIS_URL') ? 'redis://redis.example.com:6379'
      : `value-of-${String(name)}-from-the-environment`),
}) as NodeJS.ProcessEnv;

const root = new URL('../', import.meta.url);

/** The README and every page of docs/, by their path from the checkout. */
async function docs(): Promise<Array<{ path: string; text: string }>> {
  const pages = (await readdir(new URL('docs/', root))).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`);
  return Promise.all(['README.md', ...pages].map(async (path) => ({ path, text: await readFile(new URL(path, root), 'utf8') })));
}

/** The JSON blocks of the README and docs/, as written, each with the page it is on. */
async function jsonBlocks(): Promise<Array<{ path: string; block: unknown }>> {
  return (await docs()).flatMap(({ path, text }) =>
    [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => ({ path, block: JSON.parse(m[1]!) as unknown })));
}

it('every config example in the README and docs/ is one the server accepts, whole or as one source entry', async () => {
  // Answers (with a cursor) are the protocol's examples, not configs.
  const configs = (await jsonBlocks()).filter(({ block }) => !('cursor' in (block as object)));
  expect(configs.length).toBeGreaterThanOrEqual(6);
  for (const { path, block: example } of configs) {
    const isSourceEntry = 'type' in (example as object);
    try {
      parseConfig(isSourceEntry ? { sources: [example] } : example, { env });
    } catch (error) {
      // A CA file is read at start; the example's path exists on the operator's server, not here.
      expect((error as Error).message, `${path}: ${JSON.stringify(example).slice(0, 80)}`).toMatch(/^sources\[\d+\]\.ca: cannot read/);
    }
  }
});

it('every counts-file and SQL example declares the mailboxes it feeds, so a source down from the start shows its error', async () => {
  const sources = (await jsonBlocks()).flatMap(({ block }) => {
    const { type, sources: list } = block as { type?: string; sources?: Array<{ type: string }> };
    return type === undefined ? list ?? [] : [block as { type: string }];
  });
  const findsIds = sources.filter((source) => source.type === 'counts-file' || source.type === 'sql');
  expect(findsIds.length).toBeGreaterThanOrEqual(4);
  for (const source of findsIds) expect((source as { mailboxes?: string[] }).mailboxes?.length, JSON.stringify(source)).toBeGreaterThan(0);
});

it('the README stays one a newcomer reads in a minute: at most 200 lines, pointing into docs/', async () => {
  const readme = (await docs()).find(({ path }) => path === 'README.md')!.text;
  expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  expect(readme).toContain('](docs/protocol.md)');
});

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replaceAll(' ', '-');

/** The headings of a page, outside its fenced blocks. */
const headingsOf = (text: string) => text.split(/^```.*$/m).filter((_part, i) => i % 2 === 0)
  .flatMap((part) => [...part.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));

it('every link between the README and docs/ reaches a file, and a heading there when it names one', async () => {
  const pages = await docs();
  const anchors = new Map(pages.map(({ path, text }) => [path, new Set(headingsOf(text))]));
  const broken: string[] = [];
  for (const { path, text } of pages) {
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(link!)) continue;
      const [file, heading] = link!.split('#');
      const target = file ? new URL(file, new URL(path, root)) : new URL(path, root);
      const targetPath = target.href.slice(root.href.length);
      if (!existsSync(target)) broken.push(`${path}: ${link} (no such file)`);
      else if (heading !== undefined && !anchors.get(targetPath)?.has(heading)) broken.push(`${path}: ${link} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});

it('every source file the README and docs/ name exists, so a moved file cannot leave a page pointing nowhere', async () => {
  const missing: string[] = [];
  let named = 0;
  for (const { path, text } of await docs()) {
    for (const [, file] of text.matchAll(/`((?:server|main|renderer|common|bench|scripts|test|bin|examples|deploy)\/[\w./-]+\.(?:ts|js|json|lua|service))`/g)) {
      named += 1;
      if (!existsSync(new URL(file!, root))) missing.push(`${path}: ${file}`);
    }
  }
  expect(named).toBeGreaterThan(20);
  expect(missing).toEqual([]);
});

it('every section of docs/protocol.md is named by the protocol suite that checks it', async () => {
  const protocol = (await docs()).find(({ path }) => path === 'docs/protocol.md')!.text;
  const sections = [...protocol.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((title) => title !== 'Contents');
  const suite = new URL('server/', new URL('test/', root));
  const files = (await readdir(suite, { recursive: true })).filter((name) => name.endsWith('.ts'));
  const namings = (await Promise.all(files.map((name) => readFile(new URL(name, suite), 'utf8'))))
    .flatMap((text) => text.split('\n').filter((line) => line.includes('docs/protocol.md')));
  expect(sections.length).toBeGreaterThanOrEqual(6);
  expect(sections.filter((title) => !namings.some((line) => line.includes(`"${title}"`)))).toEqual([]);
});

it('the example config in examples/ is one the server accepts', async () => {
  const text = await readFile(new URL('../examples/server.json', import.meta.url), 'utf8');
  expect(parseConfig(JSON.parse(text), { env }).clients).toHaveLength(2);
});
