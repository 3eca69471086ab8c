import { inspect } from 'node:util';

/**
 * A password or access token. It prints as `[hidden]` however it is logged or
 * serialized, so a config object that ends up in a log line leaks nothing.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) { this.#value = value; }
  reveal(): string { return this.#value; }
  toString(): string { return '[hidden]'; }
  toJSON(): string { return '[hidden]'; }
  [inspect.custom](): string { return '[hidden]'; }
}
