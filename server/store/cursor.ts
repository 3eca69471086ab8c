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
const cursorRe = new RegExp(`^([a-z0-9]{4,32})\\.(${number})(?:\\.(?:(${number}(?:-${number}){0,63})|([A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43,400})))?$`);

export function newEpoch(): string {
  // 10 base-32 characters: 50 random bits, so two restarts never share one.
  return [...randomBytes(10)].map((b) => (b & 31).toString(32)).join('');
}

export function formatCursor(cursor: Cursor): string {
  const third = cursor.sealed ?? (typeof cursor.seq === 'object' ? cursor.seq.join('-') : cursor.seq);
  return third === undefined ? `${cursor.epoch}.${cursor.version}` : `${cursor.epoch}.${cursor.version}.${third}`;
}

/** The cursor, or undefined when the text is not one a server could have made. */
export function parseCursor(text: string): Cursor | undefined {
  const match = cursorRe.exec(text);
  if (!match) return undefined;
  const version = Number(match[2]);
  if (!Number.isSafeInteger(version)) return undefined;
  if (match[4] !== undefined) return { epoch: match[1]!, version, sealed: match[4] };
  if (match[3] === undefined) return { epoch: match[1]!, version };
  const numbers = match[3].split('-').map(Number);
  if (!numbers.every((n) => Number.isSafeInteger(n))) return undefined;
  return { epoch: match[1]!, version, seq: numbers.length === 1 ? numbers[0]! : numbers };
}
