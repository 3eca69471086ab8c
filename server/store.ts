import type { Cursor } from './cursor.ts';
import type { CountsAnswer, MailboxState, MailboxUpdate } from '../common/protocol.ts';

/** Which mailboxes a client may see: a list of ids, or `*` for all. */
export type View = '*' | readonly string[];

export interface DeclaredMailbox {
  id: string;
  name: string;
}

export interface StoreStats {
  mailboxes: Record<MailboxState, number>;
  changes: number;
}

/**
 * Where counts live. The HTTP app, the ingest routes and every source talk to
 * this and nothing else, so a shared (Redis) store can stand in for memory.
 */
export interface Store {
  /** Names mailboxes from the config; they are `pending` until a count arrives. */
  declare(mailboxes: readonly DeclaredMailbox[]): Promise<void>;
  /** Removes mailboxes a reloaded config no longer has; watchers that saw them are woken. */
  forget(ids: readonly string[]): Promise<void>;
  /** Applies one update; true when anything a client can see changed. */
  set(update: MailboxUpdate): Promise<boolean>;
  /** Applies all updates, then wakes watchers once; returns the ids that changed. */
  setMany(updates: readonly MailboxUpdate[]): Promise<string[]>;
  /** The whole current state of the mailboxes in the view, with its cursor. */
  snapshot(view: View): Promise<CountsAnswer>;
  /** The view's cursor now. */
  cursor(view: View): Promise<Cursor>;
  /**
   * Calls `onChange` once, as soon as the view's cursor is no longer `since`
   * (at once if it already is not). Returns a function that cancels the watch.
   */
  watch(view: View, since: Cursor, onChange: () => void): () => void;
  stats(): StoreStats;
  close(): Promise<void>;
}

export class StoreFullError extends Error {}
