import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from './config.schema.json' with { type: 'json' };
import { describe, type ConfigProblem } from '../config-check.ts';

/**
 * The published JSON Schema of the config (server/config/config.schema.json) and the
 * sentences its errors become. The schema checks shapes, types and ranges of
 * every field at once; what a schema cannot say (a variable missing from the
 * environment, a token of the wrong form, an id used twice) server-config.ts checks.
 */
type SchemaNode = Record<string, unknown>;

// strictRequired off: a rule like "one of password, auth, accessToken" requires fields that its object's own properties define.
const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true, strictRequired: false });
// The sentence for a value that does not fit, and fields whose value must never be printed.
ajv.addKeyword({ keyword: 'x-mustBe', schemaType: 'string' });
ajv.addKeyword({ keyword: 'x-secret', schemaType: 'boolean' });
// The sentence for a rule that fails as a whole (a field one kind of entry needs, or must not have), said at the field.
ajv.addKeyword({ keyword: 'x-problem', schemaType: 'string' });
// Rules the schema states for editors and the server's readers also check, in better words ("a token must be at least 16 characters").
ajv.addKeyword({ keyword: 'x-wordedByServer', schemaType: 'boolean' });
ajv.addSchema(schema, 'config');
const validate = ajv.getSchema('config')!;
const validateSource = ajv.getSchema('config#/definitions/source')!;

/** Where each node of the schema sits, so a branch of an anyOf can be checked on its own. */
const pointerOf = new Map<object, string>();
/** The places of the rules marked "x-wordedByServer": their errors are left to the server's readers. */
const serverWorded: string[] = [];
(function walk(node: unknown, pointer: string) {
  if (typeof node !== 'object' || node === null) return;
  pointerOf.set(node, pointer);
  if ((node as SchemaNode)['x-wordedByServer'] === true) serverWorded.push(`${pointer}/`);
  for (const [key, child] of Object.entries(node)) walk(child, `${pointer}/${key}`);
})(schema, '');

function isWordedByServer(error: ErrorObject): boolean {
  const pointer = pointerOf.get(error.parentSchema as object);
  return pointer !== undefined && serverWorded.some((place) => `${pointer}/`.startsWith(place));
}

export { schema as configSchema };

/** Checks a config against the schema, filling in its defaults; every problem, each with its place. */
export function checkAgainstSchema(data: unknown): ConfigProblem[] {
  if (validate(data)) return [];
  return describeErrors(validate.errors ?? [], '', false);
}

/**
 * Checks one `sources` entry on its own, filling in its defaults in place: for a
 * caller that has an entry but no whole config (the app's "Test account"), so
 * the entry gets every check the config file would. `at` is where the entry sits.
 */
export function checkSourceEntry(entry: unknown, at = ''): ConfigProblem[] {
  if (validateSource(entry)) return [];
  return describeErrors(validateSource.errors ?? [], '', false).map((p) => ({ ...p, at: placeUnder(at, p.at) }));
}

/** `sources[0]` and `auth.type` -> `sources[0].auth.type`. */
function placeUnder(at: string, place: string): string {
  if (!at || !place) return at || place;
  return place.startsWith('[') ? `${at}${place}` : `${at}.${place}`;
}

function describeErrors(allErrors: readonly ErrorObject[], base: string, isSecret: boolean): ConfigProblem[] {
  // The place stays clean, so the server's reader runs there and says what is wrong in its own words.
  const errors = allErrors.filter((e) => !isWordedByServer(e));
  const problems: ConfigProblem[] = [];
  const alternatives = errors.filter((e) => e.keyword === 'anyOf');
  // Branch errors of an anyOf sit at or under its place; the anyOf error speaks for them.
  const isBranchError = (e: ErrorObject) => alternatives.some((a) => e !== a && isAtOrUnder(e.instancePath, a.instancePath));
  for (const error of errors) {
    if (error.keyword === 'if' || isBranchError(error)) continue;
    const at = base + error.instancePath;
    const parent = error.parentSchema as SchemaNode;
    const isSecretHere = isSecret || parent['x-secret'] === true;
    const said = parent['x-problem'];
    if (typeof said === 'string') {
      problems.push(problem(error.keyword === 'required' ? `${at}/${String(error.params.missingProperty)}` : at, said));
    } else if (error.keyword === 'anyOf') problems.push(...describeAlternatives(error, at, isSecretHere));
    else if (error.keyword === 'additionalProperties') {
      const fields = Object.keys(parent.properties as object).filter((f) => f !== '$schema' && f !== 'type');
      problems.push(problem(`${at}/${String(error.params.additionalProperty)}`, `unknown field; the fields here are ${fields.join(', ')}`));
    } else if (error.keyword === 'required') {
      const field = String(error.params.missingProperty);
      const fieldSchema = (parent.properties as Record<string, SchemaNode> | undefined)?.[field] ?? {};
      problems.push(problem(`${at}/${field}`, `is missing; it must be ${ruleOf(fieldSchema)}`));
    } else {
      problems.push(problem(at, `must be ${ruleOf(parent)}, not ${describe(error.data, isSecretHere)}`));
    }
  }
  // Two keywords failing on one value (too long and a bad character) make one problem.
  return problems.filter((p, i) => problems.findIndex((q) => q.at === p.at) === i);
}

/**
 * A value that may take several forms ("*" or a list; text or {"env": ...}):
 * when it has the kind of one form, the problems inside that form, else what
 * the forms are.
 */
function describeAlternatives(error: ErrorObject, at: string, isSecret: boolean): ConfigProblem[] {
  const branches = error.schema as SchemaNode[];
  const kind = kindOf(error.data);
  const index = branches.findIndex((branch) => resolve(branch).type === kind);
  if (index >= 0) {
    const check = ajv.getSchema(`config#${pointerOf.get(error.parentSchema as object)}/anyOf/${index}`) as ValidateFunction;
    if (!check(error.data)) return describeErrors(check.errors ?? [], at, isSecret);
  }
  return [problem(at, `must be ${ruleOf(error.parentSchema as SchemaNode)}, not ${describe(error.data, isSecret)}`)];
}

/** What a value must be, in words: the schema's own sentence, or one made from its type and range. */
function ruleOf(node: SchemaNode): string {
  const schemaNode = resolve(node);
  const sentence = node['x-mustBe'] ?? schemaNode['x-mustBe'];
  if (typeof sentence === 'string') return sentence;
  if (Array.isArray(schemaNode.enum)) return `one of ${schemaNode.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (schemaNode.const !== undefined) return JSON.stringify(schemaNode.const);
  switch (schemaNode.type) {
    case 'integer': return `a whole number from ${String(schemaNode.minimum)} to ${String(schemaNode.maximum)}`;
    case 'number': return `a number from ${String(schemaNode.minimum)} to ${String(schemaNode.maximum)}`;
    case 'boolean': return 'true or false';
    case 'string': return 'non-empty text';
    case 'array': return 'a list';
    case 'object': return 'an object';
    default: return 'something else';
  }
}

function resolve(node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return resolve(ref.slice(2).split('/').reduce<SchemaNode>((at, key) => at[key] as SchemaNode, schema as SchemaNode));
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isAtOrUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

/** `/clients/0/mailboxes` -> `clients[0].mailboxes`. */
function problem(pointer: string, text: string): ConfigProblem {
  const at = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((place, part) => (/^\d+$/.test(part) ? `${place}[${part}]` : place ? `${place}.${part}` : part), '');
  return { at, problem: text };
}
