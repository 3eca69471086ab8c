import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { configReference, REFERENCE_PATH, renderConfigReference, SCHEMA_PATH, type Schema } from '../../scripts/config-reference.ts';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(await readFile(new URL(SCHEMA_PATH, root), 'utf8')) as Schema;

it(`${REFERENCE_PATH} says what ${SCHEMA_PATH} says`, async () => {
  const written = await readFile(new URL(REFERENCE_PATH, root), 'utf8');
  if (written !== await configReference(root)) expect.fail(`${REFERENCE_PATH} is stale: run npm run docs:config`);
});

/** Every object of the schema, wherever it is nested. */
function objects(node: unknown): Schema[] {
  if (node === null || typeof node !== 'object') return [];
  const children = Object.values(node).flatMap(objects);
  return 'properties' in node ? [node as Schema, ...children] : children;
}

it('the page has a row for every field of every object in the schema, and every rule between fields', () => {
  const page = renderConfigReference(schema);
  // A secret's {"env": "NAME"} is written as a type, in the rows of the fields that take one.
  const missing = objects(schema).flatMap((object) => Object.keys(object.properties!))
    .filter((name) => !page.includes(`| \`${name}\` |`) && !page.includes(`| [\`${name}\`](`))
    .filter((name) => !(name === 'env' && page.includes('`{"env": "NAME"}`')));
  expect(missing).toEqual([]);
  const rules = objects(schema).flatMap((object) => object.allOf ?? [])
    .filter((rule) => rule.description !== undefined && (rule.if ?? rule.oneOf ?? rule.anyOf));
  expect(rules.length).toBeGreaterThanOrEqual(5);
  for (const rule of rules) expect(page).toContain(rule.description!.replace(/\.$/, ''));
});

it('the page has no ```json block, since the README test reads each as a whole config', () => {
  expect(renderConfigReference(schema)).not.toContain('```');
});

const tiny = (object: Schema): Schema => ({ type: 'object', properties: { thing: { type: 'object', ...object } } });

it.each<[string, Schema, string]>([
  ['a oneOf of required fields', { properties: { a: {}, b: {} }, allOf: [{ oneOf: [{ required: ['a'] }, { required: ['b'] }] }] },
    '- exactly one of `a` or `b`.'],
  ['a oneOf with a not', { properties: { a: {}, b: {}, c: {} }, allOf: [{ oneOf: [{ required: ['a'] }, { required: ['b'], not: { required: ['c'] } }] }] },
    '- exactly one of `a` or `b` without `c`.'],
  ['an anyOf of required fields', { properties: { a: {}, b: {} }, allOf: [{ anyOf: [{ required: ['a'] }, { required: ['b'] }] }] },
    '- at least one of `a` or `b`.'],
  ['an if/then/else, with its own words first',
    { properties: { a: { enum: ['x', 'y'] }, b: {} }, allOf: [{ description: 'B with y.', if: { properties: { a: { const: 'x' } } }, then: { not: { required: ['b'] } }, else: { required: ['b'] } }] },
    '- B with y (when `a` is `x`: none of `b`; otherwise `b` required).'],
  ['a pattern with a bar, kept in its cell', { properties: { a: { type: 'string', pattern: '^(x|y)$' } } },
    '| `a` | text | matching `^(x\\|y)$` |  |  |'],
  ['a range, a default and a required field', { required: ['a'], properties: { a: { type: 'integer', minimum: 1, maximum: 9, default: 3 } } },
    '| `a` | integer | 1 to 9 | **required** |  |'],
  ['a secret whose meaning names a <placeholder>', { properties: { a: { type: 'string', 'x-secret': true, description: 'As `<hex>` or <hex>' } } },
    '| `a` | text |  |  | As `<hex>` or &lt;hex>. Its value is never printed. |'],
])('the page words %s', (_case, object, line) => {
  expect(renderConfigReference(tiny(object)).split('\n')).toContain(line);
});
