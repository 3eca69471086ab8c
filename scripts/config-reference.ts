/**
 * Writes docs/config-reference.md from the config's JSON Schema, the one
 * description of the config: every field with its type, the values it takes,
 * its default and its meaning, and the rules between fields. A test renders
 * it again and fails when the page is stale.
 *
 *   npm run docs:config
 */
import { readFile, writeFile } from 'node:fs/promises';

/** The schema, from the checkout: the one place to change when it moves. */
export const SCHEMA_PATH = 'server/config/config.schema.json';
/** The page this writes, from the checkout. */
export const REFERENCE_PATH = 'docs/config-reference.md';

/** The part of JSON Schema (draft-07) the config's schema uses. */
export interface Schema {
  $ref?: string;
  type?: string;
  title?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  definitions?: Record<string, Schema>;
  'x-mustBe'?: string;
  'x-secret'?: boolean;
}

/** A section of the page: a heading, its lead and the table of one object's fields. */
interface Section {
  title: string;
  depth: number;
  lead: string[];
  object: Schema;
}

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
const list = (words: string[], last = 'or') =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
/** The schema's prose as Markdown: a `<id>` outside code is text, not an HTML tag. */
const prose = (text: string) => text.split('`').map((part, i) => (i % 2 === 0 ? part.replaceAll('<', '&lt;') : part)).join('`');
/** A table cell: one line, and a `|` that does not end the cell. */
const cell = (text: string) => prose(text).replaceAll('\n', ' ').replaceAll('|', '\\|');
/** Sentences joined, each ended. */
const sentences = (texts: string[]) => texts.filter((text) => text !== '').map((text) => (/[.!?)]$/.test(text) ? text : `${text}.`)).join(' ');
/** A heading's anchor as GitHub makes it (test/readme.test.ts checks links the same way). */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replaceAll(' ', '-');

/** Renders the page from the parsed schema; the same schema gives the same bytes. */
export function renderConfigReference(schema: Schema): string {
  const definitions = schema.definitions ?? {};
  const resolve = (node: Schema): Schema => {
    if (node.$ref === undefined) return node;
    const name = node.$ref.replace('#/definitions/', '');
    const target = definitions[name];
    if (target === undefined) throw new Error(`${SCHEMA_PATH}: no definition ${node.$ref}`);
    // What the referring node says (its default, its meaning) wins over the definition's.
    const { $ref: _ref, ...own } = node;
    return { ...resolve(target), ...own };
  };
  /** A field's schema with its allOf's first part folded in: a $ref plus the checks the server words itself. */
  const field = (node: Schema): Schema => {
    const resolved = resolve(node);
    const first = resolved.allOf?.[0];
    if (first === undefined || resolved.properties !== undefined) return resolved;
    const { allOf: _allOf, ...own } = resolved;
    return { ...field(first), ...own };
  };

  const typeOf = (node: Schema): string => {
    const f = field(node);
    if (f.const !== undefined) return code(f.const);
    if (f.enum !== undefined) return 'text';
    if (f.anyOf !== undefined) return list(f.anyOf.map((part) => typeOf(part)));
    if (f.type === 'array') return f.items === undefined ? 'list' : `list of ${typeOf(f.items)}`;
    if (f.type === 'object' && f.properties !== undefined && Object.keys(f.properties).length === 1 && f.required?.[0] === 'env') {
      return '`{"env": "NAME"}`';
    }
    return { string: 'text', integer: 'integer', number: 'number', boolean: 'true or false', object: 'object' }[f.type ?? ''] ?? 'any';
  };

  const allowedOf = (node: Schema): string => {
    const f = field(node);
    if (f['x-mustBe'] !== undefined) return f['x-mustBe'];
    if (f.enum !== undefined) return list(f.enum.map(code));
    const words: string[] = [];
    if (f.minimum !== undefined && f.maximum !== undefined) words.push(`${f.minimum} to ${f.maximum}`);
    if (f.minLength !== undefined || f.maxLength !== undefined) {
      words.push(f.maxLength === undefined ? `at least ${f.minLength} characters` : `${f.minLength ?? 0} to ${f.maxLength} characters`);
    }
    if (f.pattern !== undefined && f.pattern !== '\\S') words.push(`matching ${code(f.pattern)}`);
    if (f.minItems !== undefined) words.push(`at least ${f.minItems} ${f.minItems === 1 ? 'entry' : 'entries'}`);
    if (f.type === 'array' && f.items !== undefined && words.length === 0) {
      const item = allowedOf(f.items);
      if (item !== '') words.push(`each ${item}`);
    }
    return words.join(', ');
  };

  /** One side of a rule, in words: `mailbox`, `security` is `"none"`, `mailboxes` without `folders`. */
  const condition = (node: Schema): string => {
    const consts = Object.entries(node.properties ?? {}).filter(([, p]) => p.const !== undefined);
    const named = [
      ...consts.map(([name, p]) => `${code(name)} is ${code(p.const)}`),
      ...(node.required ?? []).filter((name) => !consts.some(([n]) => n === name)).map(code),
    ];
    const without = node.not === undefined ? '' : ` without ${negated(node.not)}`;
    return `${list(named, 'and')}${without}`;
  };
  const negated = (node: Schema) => (node.anyOf !== undefined ? list(node.anyOf.map(condition)) : condition(node));
  /** What a rule asks for: fields required (with their least size), or `none of ...` for a not or fields no value fits. */
  const consequence = (node: Schema): string => {
    if (node.not !== undefined) return `none of ${negated(node.not)}`;
    const forbidden = Object.entries(node.properties ?? {}).filter(([, p]) => p.not !== undefined && Object.keys(p.not).length === 0);
    if (forbidden.length > 0) return `none of ${list(forbidden.map(([name]) => code(name)))}`;
    if (node.oneOf !== undefined) return `exactly one of ${list(node.oneOf.map(condition))}`;
    const sizeOf = (name: string) => {
      const least = node.properties?.[name]?.minItems;
      return least === undefined ? '' : ` (at least ${least} ${least === 1 ? 'entry' : 'entries'})`;
    };
    return `${list((node.required ?? []).map((name) => `${code(name)}${sizeOf(name)}`), 'and')} required`;
  };
  /** A rule between an object's fields (oneOf, anyOf of requireds, if/then/else), in words. */
  const ruleOf = (rule: Schema): string | undefined => {
    if (rule.oneOf !== undefined) return `exactly one of ${list(rule.oneOf.map(condition))}`;
    if (rule.anyOf !== undefined && rule.anyOf.every((part) => part.required !== undefined)) return `at least one of ${list(rule.anyOf.map(condition))}`;
    if (rule.if !== undefined && rule.then !== undefined) {
      const otherwise = rule.else === undefined ? '' : `; otherwise ${consequence(rule.else)}`;
      return `when ${condition(rule.if)}: ${consequence(rule.then)}${otherwise}`;
    }
    return undefined;
  };

  const sections: Section[] = [];
  /** An object's section, then the sections of the objects among its fields; kind names a source's type. */
  const walk = (path: string, kind: string, depth: number, node: Schema, lead: string[]) => {
    const object = resolve(node);
    sections.push({ title: `${path}${kind}`, depth, lead, object });
    for (const [name, child] of Object.entries(object.properties ?? {})) {
      const f = field(child);
      const nested = f.type === 'array' && f.items !== undefined ? resolve(f.items) : f;
      if (nested.type !== 'object' || nested.properties === undefined || typeOf(child).includes('"env"')) continue;
      const meaning = [nested.description ?? f.description ?? ''];
      walk(`${path}.${name}${f.type === 'array' ? '[]' : ''}`, kind, Math.min(depth + 1, 4), nested, meaning);
    }
  };

  const sourceKinds = (sources: Schema) => {
    const source = resolve(sources.items!);
    return (source.allOf ?? []).map((rule) => {
      const type = rule.if?.properties?.type?.const as string;
      // The entry's type is required by the source itself, before its kind picks the rest.
      const then = resolve(rule.then!);
      return { type, object: { ...then, required: [...source.required ?? [], ...then.required ?? []] } };
    });
  };
  sections.push({ title: 'The top level', depth: 2, lead: ['The file is one JSON object with these fields; any other is refused.'], object: schema });
  for (const [name, node] of Object.entries(schema.properties ?? {})) {
    const f = field(node);
    if (name === 'sources') {
      const kinds = sourceKinds(f);
      const lead = [node.description ?? '', `Each entry's ${code('type')} (${list(kinds.map(({ type }) => code(type)))}) picks the fields it takes, below.`];
      sections.push({ title: 'sources[]', depth: 2, lead, object: {} });
      for (const { type, object } of kinds) walk('sources[]', ` (type ${type})`, 3, object, []);
    } else if (f.type === 'array' && f.items !== undefined) walk(`${name}[]`, '', 2, f.items, [node.description ?? '']);
    else if (f.type === 'object') walk(name, '', 2, node, [node.description ?? '']);
  }
  /** The top level's fields link to their sections. */
  const sectionOf = new Map(sections.map(({ title }) => [title.replace(/\[\]$/, ''), title]));

  const lines = [
    '# Config reference',
    '',
    `<!-- Generated by npm run docs:config from ${SCHEMA_PATH}: edit the schema, then run it again. -->`,
    '',
    `Every field of the count server's config file, generated from \`${SCHEMA_PATH}\`, the one`,
    'description of the config (the server checks a file against it at start and in `mailtray-server check`).',
    'The [operator guide](operator-guide.md#the-config-file) shows a whole config and what each part is for.',
    '',
    '## Contents',
    '',
    ...sections.map(({ title, depth }) => `${'  '.repeat(depth - 2)}- [${title}](#${anchorOf(title)})`),
    '',
  ];
  for (const { title, depth, lead, object } of sections) {
    lines.push(`${'#'.repeat(depth)} ${title}`, '');
    for (const text of lead.filter((line) => line !== '')) lines.push(prose(text), '');
    const fields = Object.entries(object.properties ?? {});
    if (fields.length > 0) {
      lines.push('| field | type | values | default | meaning |', '|---|---|---|---|---|');
      for (const [name, node] of fields) {
        const f = field(node);
        const required = object.required?.includes(name) ?? false;
        const fallback = f.default === undefined ? '' : code(f.default);
        const title = object === schema ? sectionOf.get(name) : undefined;
        const shown = title === undefined ? code(name) : `[${code(name)}](#${anchorOf(title)})`;
        const meaning = sentences([f.description ?? '', f['x-secret'] === true ? 'Its value is never printed.' : '']);
        const row = [shown, typeOf(node), allowedOf(node), required ? '**required**' : fallback, meaning];
        lines.push(`| ${row.map(cell).join(' | ')} |`);
      }
      lines.push('');
    }
    const rules = (object.allOf ?? []).flatMap((rule) => {
      const words = ruleOf(rule);
      if (words === undefined) return [];
      return [rule.description === undefined ? `- ${words}.` : `- ${prose(rule.description.replace(/\.$/, ''))} (${words}).`];
    });
    if (rules.length > 0) lines.push('Between these fields:', '', ...rules, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The page as it should read for the schema in the checkout at root. */
export async function configReference(root: URL): Promise<string> {
  return renderConfigReference(JSON.parse(await readFile(new URL(SCHEMA_PATH, root), 'utf8')) as Schema);
}

if (import.meta.main) {
  const root = new URL('..', import.meta.url);
  await writeFile(new URL(REFERENCE_PATH, root), await configReference(root));
  console.log(`wrote ${REFERENCE_PATH} from ${SCHEMA_PATH}`);
}
