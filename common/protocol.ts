/**
 * The words of the wire protocol (DESIGN.md, "Wire protocol v1"): what the
 * server answers and the app reads. Shared by server, main and renderer, so
 * it uses no Node API.
 */

export type MailboxState = 'ok' | 'pending' | 'error';

export interface Mailbox {
  id: string;
  name: string;
  count: number;
  state: MailboxState;
  /** Present when state is `error`: why, in words a person can act on. */
  error?: string;
  /**
   * Present with `error` when the server knows why, as data (DESIGN.md, "Why a
   * mailbox fails, as data"): the app words the kind and never parses `error`.
   * Additive: a client must read a kind it does not know as a failure without advice.
   */
  errorKind?: ErrorKind;
  /** Facts the words for `errorKind` may name (`user`, `host`, `folder`, `retryAt`), when the source knows them. */
  errorFacts?: ErrorFacts;
  /**
   * A remark a person may want beside the count, which is no error (the state
   * stays what it is): "this server reports new mail late; checking for it every 60 s".
   */
  note?: string;
  changedAt: string;
  /** Its newest unseen messages, newest first, when its source knows them (DESIGN.md, "The newest unseen messages"). */
  messages?: MessageSummary[];
  /** Present (true) when this client may mark the mailbox's messages read and its source can (POST /v1/mailboxes/<id>/read). */
  canMarkRead?: boolean;
  /**
   * The count of each folder, for a mailbox that counts several folders together (docs/protocol.md,
   * "Folders of a mailbox"); absent for one folder. Additive: a client that ignores it shows the sum.
   */
  folders?: FolderTally[];
}

/** One folder of a mailbox and its count; `name` is the folder's own name in its own script ("INBOX", "Lists/받은편지함"). */
export interface FolderTally {
  name: string;
  count: number;
}

/** A mailbox's breakdown names at most this many folders (an account may count up to 1000; the window shows the first ones). */
export const MAX_FOLDERS_PER_MAILBOX = 100;

/**
 * Why a mailbox fails, as the server knows it:
 * - `auth`: the mail server refused the login (user name or password);
 * - `auth-expired`: an OAuth grant was revoked or expired: sign in again;
 * - `certificate`: the mail server's certificate is not trusted;
 * - `connection`: the mail server is unreachable, refused, reset or timed out;
 * - `folder`: the folder (or Maildir, or file) is missing or cannot be opened;
 * - `limit`: the mail server refused more connections or throttled;
 * - `setup`: the source's settings cannot work as written;
 * - `internal`: anything else (a bug, an answer the source cannot read).
 */
export const errorKinds = ['auth', 'auth-expired', 'certificate', 'connection', 'folder', 'limit', 'setup', 'internal'] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** Short plain facts beside an error kind; the server sends at most a few, each at most 200 characters. */
export type ErrorFacts = Record<string, string>;

/** One unseen message as clients see it: who wrote and about what, never a body. */
export interface MessageSummary {
  /** Opaque, stable for the message, unique within its mailbox. */
  id: string;
  /** Decoded text, "Alice Smith <alice@example.com>" or just the address; at most 200 characters. */
  from: string;
  /** Decoded text, no control characters; at most 200 characters; "" when the message has none. */
  subject: string;
  /** When it was sent (or arrived), as an ISO time, when known. */
  date?: string;
}

export interface CountsAnswer {
  cursor: string;
  mailboxes: Mailbox[];
  /** Delta answers only (`delta=1`): true when `mailboxes` holds only what changed since the client's cursor. */
  delta?: boolean;
  /** Delta answers to a `*` client only: ids that no longer exist (a reload removed them). */
  removed?: string[];
}

/** What a source or a PUT asks the store to change; fields left out keep their value. */
export interface MailboxUpdate {
  id: string;
  count?: number;
  name?: string;
  state?: 'ok' | 'error';
  error?: string;
  /** Travel with `error`: an update that gives either replaces both (and the facts); one that gives neither keeps them. */
  errorKind?: ErrorKind;
  errorFacts?: ErrorFacts;
  /** The mailbox's note now; "" removes it, left out keeps it. Set by sources, not by ingest. */
  note?: string;
  /** The newest unseen messages now; left out keeps the ones known, `[]` says there are none. */
  messages?: MessageSummary[];
  /** Each folder's count now, for a mailbox of several folders; left out keeps them, `[]` removes them. Set by sources, not by ingest. */
  folders?: FolderTally[];
}

export const MAX_COUNT = 2 ** 31 - 1;
export const MAX_NAME_LENGTH = 200;
export const MAX_MESSAGE_TEXT_LENGTH = 200;
export const MAX_MESSAGE_ID_LENGTH = 200;
export const DEFAULT_MESSAGES_PER_MAILBOX = 5;
export const MAX_MESSAGES_PER_MAILBOX = 50;
export const MAILBOX_ID_PATTERN = '^[A-Za-z0-9._@+-]{1,128}$';
const mailboxIdRe = new RegExp(MAILBOX_ID_PATTERN);

/** A poll is held this long when it names no `wait`. */
export const DEFAULT_WAIT_SECONDS = 30;
/** Larger `wait` values are clamped to this (a config may lower it). */
export const MAX_WAIT_SECONDS = 120;
/** Request bodies over this are answered 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** The shortest plain token a server accepts (a `sha256:` digest has no such limit). */
export const MIN_TOKEN_LENGTH = 16;

export const mailboxIdRule = 'a mailbox id is 1 to 128 of A-Z a-z 0-9 . _ @ + -';
export const countRule = 'a count is a whole number from 0 to 2147483647';

/** Why `id` cannot be a mailbox id, or undefined when it can. */
export function mailboxIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || !mailboxIdRe.test(id)) return mailboxIdRule;
  // "." and ".." would read as path segments in /v1/mailboxes/<id>.
  if (id === '.' || id === '..') return 'a mailbox id may not be "." or ".."';
  return undefined;
}

export function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;
}
