import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';
import { sourceTypes } from '../../server/sources/index.ts';

const env = new Proxy({}, { get: (_target, name) => (name === 'MAIL_DB_URL' ? 'postgres://u:p@db.example.com/mail' : `value-of-${String(name)}-from-the-environment`) });

/** The JSON examples in docs/sources.md, as written. */
async function examples(): Promise<unknown[]> {
  const text = await readFile(new URL('../../docs/sources.md', import.meta.url), 'utf8');
  return [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
}

it('every source example in docs/sources.md is a config the server accepts', async () => {
  const known = new Set(sourceTypes.map((t) => t.type));
  const found = await examples();
  expect(found.length).toBeGreaterThanOrEqual(4);
  for (const example of found) {
    const config = example as { sources?: Array<{ type: string }> };
    // A whole config, or one entry of "sources". The IMAP source may live on another branch.
    const sources = (config.sources ?? [example as { type: string }]).filter((s) => known.has(s.type));
    const whole = config.sources ? { ...config, sources } : { sources };
    expect(() => parseConfig(whole, { env: env as NodeJS.ProcessEnv })).not.toThrow();
  }
});
