/**
 * Config problems, and the one reader the schema (config.schema.json) leaves
 * to the server: a secret, which may come from the environment. It takes the
 * value and where it sits (`sources[0].password`) and throws a ConfigError
 * that names both. Types, ranges, choices and defaults are the schema's alone.
 */
/** One mistake in the config: where it is (`clients[0].mailboxes`, '' for the whole file) and what is wrong. */
export interface ConfigProblem {
  at: string;
  problem: string;
  /** The `{"env": NAME}` variable that was not set: a reload cannot fix that, only a restart reads the environment. */
  unsetVariable?: string;
}

/** The config's problems, all of them, one per line in the message. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(at: string, problem: string);
  constructor(problems: readonly ConfigProblem[]);
  constructor(atOrProblems: string | readonly ConfigProblem[], problem = '') {
    const problems = typeof atOrProblems === 'string' ? [{ at: atOrProblems, problem }] : atOrProblems;
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }

  /** The first problem's place. */
  get at(): string {
    return this.problems[0]?.at ?? '';
  }
}

export function formatProblem({ at, problem }: ConfigProblem): string {
  return at ? `${at}: ${problem}` : problem;
}

export type JsonObject = Record<string, unknown>;

/**
 * A value as a problem quotes it: short text in full, long text cut. A secret
 * is only named by its kind ("a number"), so a password typed as a number is
 * not printed in a log or on a terminal.
 */
export function describe(value: unknown, isSecret = false): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  if (isSecret) return typeof value === 'string' ? 'that text' : typeof value === 'boolean' ? 'true or false' : `a ${typeof value}`;
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function readObject(value: unknown, at: string, allowed: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(at, `must be an object, not ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(join(at, key), `unknown field; the fields here are ${allowed.join(', ')}`);
    }
  }
  return value as JsonObject;
}

function readString(value: unknown, at: string, options: { maxLength?: number } = {}): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(at, `must be non-empty text, not ${describe(value)}`);
  const maxLength = options.maxLength ?? 1000;
  if (value.length > maxLength) throw new ConfigError(at, `must be at most ${maxLength} characters`);
  return value;
}

/**
 * A secret written plain or as `{"env": "NAME"}`; the environment is read now,
 * so a missing variable stops the start rather than the first login.
 */
export function readSecret(value: unknown, at: string, env: NodeJS.ProcessEnv): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const name = readString(readObject(value, at, ['env']).env, join(at, 'env'));
    const secret = env[name];
    if (secret === undefined || secret === '') throw new ConfigError([{ at, problem: `the environment variable ${name} is not set`, unsetVariable: name }]);
    return secret;
  }
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(at, `must be text or {"env": "NAME"}, not ${describe(value, true)}`);
  }
  return value;
}

export function join(at: string, key: string | number): string {
  if (typeof key === 'number') return `${at}[${key}]`;
  return at ? `${at}.${key}` : key;
}
