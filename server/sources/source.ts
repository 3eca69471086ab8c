import type { JsonObject } from '../config-check.ts';
import type { Logger } from '../log.ts';
import type { DeclaredMailbox, Store } from '../store/store.ts';

export type SourceState = 'ok' | 'pending' | 'error';

export interface SourceContext {
  /** Sources write counts with `setOne(store, update)` or `store.setMany`, with `state: 'error'` and an `error` when failing. */
  store: Store;
  log: Logger;
  /** How many of a mailbox's newest unseen messages to report (`limits.messagesPerMailbox`); 0 for none. Default 5. */
  messagesPerMailbox?: number;
  /**
   * The provider rotated an OAuth2 refresh token. The bundled server hands it
   * to the app, which seals it with the account; unset (stand-alone), a source
   * keeps it in its `stateFile`.
   */
  onRefreshToken?: (mailboxIds: string[], refreshToken: string) => void;
}

/** What /healthz says of a source: its type, its place in the config, its state and why it fails. */
export interface SourceReport {
  type: string;
  at: string;
  state: SourceState;
  error?: string;
  /** A remark on a source that works, which an operator should know: "this server reports new mail late; ...". */
  note?: string;
}
/** Which messages to mark read: some by their ids, or every unseen one. */
export type MarkRequest = { ids: readonly string[] } | { all: true };

/**
 * What marking did: how many were marked; why this source may never do it
 * (`refused`, a 403); or why it failed now (`failed`, a 409: the source's own
 * sentence, the one its mailbox shows as `error`).
 */
export type MarkOutcome = { marked: number } | { refused: string } | { failed: string }
  /** The source runs on another instance that could not be asked or did not answer in time (a 503: try again). */
  | { unavailable: string };

/** A running watcher of one mailbox source. */
export interface Source {
  /** Starts watching; failures become mailbox states, never rejections. */
  start(): Promise<void>;
  /** Stops watching and closes every connection and file handle. */
  stop(): Promise<void>;
  state(): SourceState;
  /** Why it fails, for sources that can fail before they know any mailbox (a missing counts file, a database down). */
  problem?(): string | undefined;
  /** Something an operator should know of a source that works (it is no error: its mailboxes stay `ok`), for /healthz. */
  note?(): string | undefined;
  /**
   * Marks messages of one of its mailboxes seen at the source; ids it does not
   * know (read or deleted meanwhile) are skipped, not an error. Left out by
   * sources that cannot.
   */
  markRead?(mailboxId: string, request: MarkRequest): Promise<MarkOutcome>;
}

/** One kind of source (`"type": "imap"` in the config): how to read its config and how to run it. */
export interface SourceType<Config> {
  type: string;
  /**
   * Reads the source's config entry after config.schema.json checked it and filled in its defaults
   * (the schema is the one home of types, ranges and choices): only what a schema cannot say, such as
   * secrets from the environment, files and the rules the schema marks x-wordedByServer. Throws
   * ConfigError with its place on a problem.
   */
  parse(raw: JsonObject, at: string, env: NodeJS.ProcessEnv): Config;
  /** The mailboxes it feeds that are known from the config alone; they start `pending`. */
  mailboxes(config: Config): DeclaredMailbox[];
  /** Whether it may also feed mailboxes it only finds when it runs (ids in a file, rows of a query). */
  findsMailboxes?: boolean;
  /** Whether its sources can mark messages read (Source.markRead): known from the config, before one runs here. */
  canMarkRead?: boolean;
  create(config: Config, context: SourceContext): Source;
}

/** A source entry of the config, read and ready to start. */
export interface ConfiguredSource {
  type: string;
  /**
   * A hash of its config entry as written: a reload keeps a source running whose
   * entry did not change, and in a shared store it names the source's lease
   * (the same on every instance reading the same entry).
   */
  key: string;
  /** Its place in the config, `sources[2]`: how logs, warnings and /healthz name it. */
  at: string;
  mailboxes: DeclaredMailbox[];
  findsMailboxes: boolean;
  /** Its type's canMarkRead: another instance may mark its messages read through the one running it. */
  canMarkRead?: boolean;
  create(context: SourceContext): Source;
}
