import type { Cursor } from './cursor.ts';
import type { CountsAnswer, MailboxState, MailboxUpdate } from '../../common/protocol.ts';

/** Which mailboxes a client may see: a list of ids, or `*` for all. */
export type View = '*' | readonly string[];

export interface DeclaredMailbox {
  id: string;
  name: string;
}

export interface StoreStats {
  mailboxes: Record<MailboxState, number>;
  changes: number;
  /** A worker's copy of the primary's store (server/workers/): the batches of writes it received, and the writes in them. */
  copy?: { batches: number; patches: number };
}

/**
 * Where counts live: what every store does. The HTTP app, the ingest routes
 * and every source talk to this, so a shared (Redis) store can stand in for
 * memory. What only some stores can do is handed out beside it where the
 * store is opened (OpenedStore), never asked of the store by its callers.
 */
export interface Store {
  /** Names mailboxes from the config; they are `pending` until a count arrives. */
  declare(mailboxes: readonly DeclaredMailbox[]): Promise<void>;
  /** Removes mailboxes a reloaded config no longer has; watchers that saw them are woken. */
  forget(ids: readonly string[]): Promise<void>;
  /** Applies all updates, then wakes watchers once; returns the ids that changed. */
  setMany(updates: readonly MailboxUpdate[]): Promise<string[]>;
  /** The whole current state of the mailboxes in the view, with its cursor. */
  snapshot(view: View): Promise<CountsAnswer>;
  /**
   * Delta answers: the view's mailboxes changed after change number `sinceSeq`,
   * with a cursor that carries the change number now. `isWhole` (and every
   * mailbox of the view) when the store cannot tell: no `sinceSeq`, or one
   * older than the changes it remembers.
   */
  changes(view: View, sinceSeq: number | undefined): Promise<ChangesAnswer>;
  /** The view's cursor now. */
  cursor(view: View): Promise<Cursor>;
  /**
   * The key that seals delta cursors' change numbers (delta-cursor.ts) in
   * `epoch`: one per epoch, the same on every instance and worker of the store
   * and across their restarts. Undefined when `epoch` is no longer the store's.
   */
  deltaKeyOf(epoch: string): Promise<Buffer | undefined>;
  /**
   * Calls `onChange` once, as soon as the view's cursor is no longer `since`
   * (at once if it already is not). Returns a function that cancels the watch.
   */
  watch(view: View, since: Cursor, onChange: () => void): () => void;
  /** Whether the store can be written and its changes reach this instance; /healthz asks. */
  health(): Promise<StoreHealth>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

/** Applies one update; true when anything a client can see changed. The one `set` of every store. */
export async function setOne(store: Store, update: MailboxUpdate): Promise<boolean> {
  return (await store.setMany([update])).length > 0;
}

/**
 * The two reads the poll path (counts-poll.ts) needs beyond the core. Every
 * store that serves polls has them; what they do depends on where its state is.
 */
export interface PollReads {
  /**
   * The same as `snapshot`, at once, from a store that holds its state in this
   * process: a change that wakes 15,000 polls then answers them without a
   * promise for each. Undefined where the state is elsewhere (Redis).
   */
  snapshotNow(view: View): CountsAnswer | undefined;
  /**
   * The view's cursor once this store has caught up with `since`, which another
   * process of the same server may have made first (a worker's copy of the
   * memory store waits briefly for it). A store that cannot lag answers its cursor now.
   */
  caughtUp(view: View, since: Cursor): Promise<Cursor>;
}

/** A store as the HTTP app serves polls from it. */
export type ServedStore = Store & PollReads;

/**
 * A store as `openStore` (store-config.ts) hands it out: the store, and what
 * only a store shared by many instances (Redis) has, for the code that uses it.
 */
export interface OpenedStore {
  store: ServedStore;
  /** Shared store only: sources run under these, one instance at a time (leased-runner.ts). */
  leases?: Leases;
  /** Shared store only: revoked signed-token ids, for the token check of every instance. */
  denyList?: DenyList;
}

export interface ChangesAnswer {
  answer: CountsAnswer;
  isWhole: boolean;
}

export type StoreHealth = { status: 'ok' } | { status: 'degraded'; reason: string };

/**
 * Renewable claims on a name (a source's key), held by one instance at a time
 * in a shared store, so that each source runs exactly once.
 */
export interface Leases {
  /** Takes the lease, or renews it when this instance holds it; false when another instance does. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once, so another instance can take over without waiting for it to run out. */
  release(key: string): Promise<void>;
}

/** Signed-token ids revoked before they expire, shared by every instance. */
export interface DenyList {
  /** Answered from this instance's copy, refreshed every second or so: no round trip per request. */
  has(tokenId: string): boolean;
  add(tokenId: string): Promise<void>;
}

export class StoreFullError extends Error {}

/** The shared store cannot be reached; the request may be tried again shortly. */
export class StoreUnavailableError extends Error {}
