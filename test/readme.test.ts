import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parseConfig } from '../server/config/server-config.ts';

// Every {"env": "NAME"} in the examples reads a value; a database URL must look like one.
const env = new Proxy({}, {
  get: (_target, name) => (String(name).endsWith('DB_URL') ? 'postgres://u:p@db.example.com/mail'
    : String(name).endsWith('REDIS_URL') ? 'redis://redis.example.com:6379'
      : `value-of-${String(name)}-from-the-environment`),
}) as NodeJS.ProcessEnv;

/** The JSON blocks of the README, as written. */
async function jsonBlocks(): Promise<unknown[]> {
  const text = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
}

it('every config example in the README is one the server accepts, whole or as one source entry', async () => {
  const configs = (await jsonBlocks()).filter((block) => !('cursor' in (block as object)));
  expect(configs.length).toBeGreaterThanOrEqual(6);
  for (const example of configs) {
    const isSourceEntry = 'type' in (example as object);
    try {
      parseConfig(isSourceEntry ? { sources: [example] } : example, { env });
    } catch (error) {
      // A CA file is read at start; the example's path exists on the operator's server, not here.
      expect((error as Error).message, JSON.stringify(example).slice(0, 80)).toMatch(/^sources\[\d+\]\.ca: cannot read/);
    }
  }
});

it('every counts-file and SQL example declares the mailboxes it feeds, so a source down from the start shows its error', async () => {
  const sources = (await jsonBlocks()).flatMap((block) => {
    const { type, sources: list } = block as { type?: string; sources?: Array<{ type: string }> };
    return type === undefined ? list ?? [] : [block as { type: string }];
  });
  const findsIds = sources.filter((source) => source.type === 'counts-file' || source.type === 'sql');
  expect(findsIds.length).toBeGreaterThanOrEqual(4);
  for (const source of findsIds) expect((source as { mailboxes?: string[] }).mailboxes?.length, JSON.stringify(source)).toBeGreaterThan(0);
});

it('the example config in examples/ is one the server accepts', async () => {
  const text = await readFile(new URL('../examples/server.json', import.meta.url), 'utf8');
  expect(parseConfig(JSON.parse(text), { env }).clients).toHaveLength(2);
});
