import { randomBytes } from 'node:crypto';

/**
 * A cursor is `<epoch>.<version>`. The epoch is made anew by each in-memory
 * store, so a cursor from before a restart never matches. The version is the
 * sum of the change counters of the mailboxes a client may see: it moves with
 * every change the client can see and with no other, so it says nothing about
 * mailboxes outside the client's list.
 */
/**
 * A store's change number: one number, or on a Redis Cluster one per part of
 * the data (cluster-store.ts), each counting that part's changes.
 */
export type ChangeNumber = number | readonly number[];

export interface Cursor {
  epoch: string;
  version: number;
  /**
   * On a Redis Cluster (cluster-store.ts): the view's version in each part of
   * the data, whose sum is `version`. Parts are read one by one, so two
   * instances can make the same sum from different states (one part a change
   * further, another a change behind); the parts make the cursor name one state.
   */
  parts?: readonly number[];
  /**
   * Delta answers only (`delta=1`), inside the server: the store's change
   * number when the answer was made, so the next answer can name just what
   * changed since. It never decides whether a poll is held: that is the
   * version's job. Clients get it sealed (`sealed`), never as a number.
   */
  seq?: ChangeNumber;
  /** The change number as a client holds it: sealed for that client (delta-cursor.ts). */
  sealed?: string;
}

// The third part is a sealed change number (22 base64url characters, or 43 and more
// for a cluster's numbers) or, as a store writes it and as servers before sealing gave
// it out, the number itself (a cluster store's: its numbers joined by "-").
const number = '(?:0|[1-9][0-9]{0,15})';
const cursorRe = new RegExp(`^([a-z0-9]{4,32})\\.(${number})(?:_(${number}(?:-${number}){0,63}))?(?:\\.(?:(${number}(?:-${number}){0,63})|([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43,400})))?$`);

/** Random bytes drawn ahead, 10 per epoch: the Redis store offers a candidate with every change. */
let drawn = Buffer.alloc(0);
let next = 0;
const EPOCH_BYTES = 10;

export function newEpoch(): string {
  // 10 base-32 characters: 50 random bits, so two restarts never share one.
  // Each candidate still takes bytes no other has; drawing them 64 epochs at a
  // time spares a change the system call (it was 4% of a change's CPU on Redis).
  if (next + EPOCH_BYTES > drawn.length) {
    drawn = randomBytes(EPOCH_BYTES * 64);
    next = 0;
  }
  let epoch = '';
  for (let i = next; i < next + EPOCH_BYTES; i++) epoch += (drawn[i]! & 31).toString(32);
  next += EPOCH_BYTES;
  return epoch;
}

export function formatCursor(cursor: Cursor): string {
  const third = cursor.sealed ?? (typeof cursor.seq === 'object' ? cursor.seq.join('-') : cursor.seq);
  const version = cursor.parts === undefined ? `${cursor.version}` : `${cursor.version}_${cursor.parts.join('-')}`;
  return third === undefined ? `${cursor.epoch}.${version}` : `${cursor.epoch}.${version}.${third}`;
}

/** Whether two cursors name the same state: the same epoch and version (and, on a cluster, the same version in every part). */
export function isSameState(a: Cursor, b: Cursor): boolean {
  if (a.epoch !== b.epoch || a.version !== b.version) return false;
  if (a.parts === undefined || b.parts === undefined) return a.parts === b.parts;
  return a.parts.length === b.parts.length && a.parts.every((version, i) => version === b.parts![i]);
}

/** Whether `since` names a state of this epoch that `now` has not reached: a higher version, or on a cluster a part further on. */
export function isAheadOf(since: Cursor, now: Cursor): boolean {
  if (since.epoch !== now.epoch) return false;
  if (since.version > now.version) return true;
  return since.parts !== undefined && now.parts !== undefined && since.parts.some((version, i) => version > (now.parts![i] ?? 0));
}

/** The cursor, or undefined when the text is not one a server could have made. */
export function parseCursor(text: string): Cursor | undefined {
  const match = cursorRe.exec(text);
  if (!match) return undefined;
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version)) return undefined;
  const parts = match[3]?.split('-').map(Number);
  // The parts add up to the version, as the store made them; anything else is not one of its cursors.
  if (parts && (!parts.every((n) => Number.isSafeInteger(n)) || parts.reduce((sum, n) => sum + n, 0) !== version)) return undefined;
  const base = parts ? { epoch: match[1]!, version, parts } : { epoch: match[1]!, version };
  if (match[5] !== undefined) return { ...base, sealed: match[5] };
  if (match[4] === undefined) return base;
  const numbers = match[4].split('-').map(Number);
  if (!numbers.every((n) => Number.isSafeInteger(n))) return undefined;
  return { ...base, seq: numbers.length === 1 ? numbers[0]! : numbers };
}
