import { MAX_NAME_LENGTH, type ErrorFacts, type MailboxUpdate } from '../../common/protocol.ts';
import type { SourceContext } from './source.ts';
import type { Logger } from '../log.ts';

/**
 * A mailbox's error is sent in every answer to every client that sees it, and
 * a source's problem is logged: a 1 MB line in a counts file must not become a
 * 2 MB answer or a 1 MB log line. So errors are cut to this length, and
 * problems quote at most a short excerpt of what they read.
 */
export const MAX_ERROR_LENGTH = 300;
const EXCERPT_LENGTH = 40;
const MAX_ERROR_FACTS = 8;

export function boundErrorText(text: string): string {
  return text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 3)}...`;
}

/** Facts go out beside the error in every answer too: a few, each as short as a mailbox name. */
export function boundErrorFacts(facts: ErrorFacts): ErrorFacts {
  const entries = Object.entries(facts).slice(0, MAX_ERROR_FACTS);
  return Object.fromEntries(entries.map(([key, value]) => [key.slice(0, MAX_NAME_LENGTH), value.slice(0, MAX_NAME_LENGTH)]));
}

/** `"alice 3 4"`, or `"a long line tha"... (1048576 characters)`: a value quoted in a problem. */
export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  if (text.length <= EXCERPT_LENGTH) return typeof value === 'string' ? JSON.stringify(text) : text;
  const start = text.slice(0, EXCERPT_LENGTH);
  return `${typeof value === 'string' ? JSON.stringify(start) : start}... (${text.length} characters)`;
}

/** The context a source runs in, with every error it sets and every line it logs bounded. */
export function withBoundedErrors(context: SourceContext): SourceContext {
  const bound = (update: MailboxUpdate): MailboxUpdate => {
    if (update.error === undefined && update.errorFacts === undefined) return update;
    const bounded = { ...update };
    if (update.error !== undefined) bounded.error = boundErrorText(update.error);
    if (update.errorFacts !== undefined) bounded.errorFacts = boundErrorFacts(update.errorFacts);
    return bounded;
  };
  const { store, log } = context;
  const boundedStore = new Proxy(store, {
    get(target, key) {
      if (key === 'setMany') return (updates: readonly MailboxUpdate[]) => target.setMany(updates.map(bound));
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const line = (write: Logger['info']) => (obj: object | string, msg?: string) =>
    (typeof obj === 'string' ? write(boundErrorText(obj)) : write(obj, msg === undefined ? undefined : boundErrorText(msg)));
  const boundedLog: Logger = { debug: line(log.debug.bind(log)), info: line(log.info.bind(log)), warn: line(log.warn.bind(log)), error: line(log.error.bind(log)) };
  return { ...context, store: boundedStore, log: boundedLog };
}
