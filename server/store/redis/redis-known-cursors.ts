import type { Cursor } from '../cursor.ts';
import type { View } from '../store.ts';
import { LONG_VIEW } from '../watcher-index.ts';

interface Known {
  cursor: Cursor;
  /** The message count when the read that found it was sent. */
  readAt: number;
}

/**
 * The cursors this instance read from Redis that are still known to be
 * current, so a poll that comes back with the cursor it was just answered
 * with is held without a round trip to Redis (nor one for its watch).
 *
 * A cursor read stays current until a change of one of its view's mailboxes,
 * and every change is published: so it is trusted until a message names one
 * of its mailboxes. Messages are counted; a read remembers the count when it
 * was sent, and is not trusted if any message named its mailboxes since (that
 * change may have come before or after the read: either way it is not
 * trusted). When messages may have been missed (a renewed subscription,
 * Redis back, a new epoch) `forgetAll` ends every read made before.
 *
 * A trusted cursor only decides that a poll is held: an answer is always read
 * from Redis. Trusting a cursor a change has already passed (its message on
 * the way) holds a poll that the message then wakes; it never answers one wrongly.
 */
export class RedisKnownCursors {
  /** Messages received, and `forgetAll`s; the clock of `readAt`. */
  #count = 0;
  /** Reads sent before this count are not trusted. */
  #forgottenAt = 0;
  /** The count of the last message that named each mailbox (any message for a `*` view). */
  readonly #namedAt = new Map<string, number>();
  #lastMessageAt = 0;
  readonly #ofLists = new WeakMap<readonly string[], Known>();
  #ofAll: Known | undefined;

  /** The clock to give `learn` for a read sent now. */
  now(): number {
    return this.#count;
  }

  /** A change message named these mailboxes. */
  named(ids: readonly string[]): void {
    this.#count += 1;
    this.#lastMessageAt = this.#count;
    for (const id of ids) this.#namedAt.set(id, this.#count);
  }

  /** Changes may have been missed: no read made until now is trusted. */
  forgetAll(): void {
    this.#count += 1;
    this.#forgottenAt = this.#count;
    this.#ofAll = undefined;
    // Every read kept is now older than #forgottenAt: no mailbox's last message matters any more.
    this.#namedAt.clear();
  }

  /** What a read sent at `readAt` found the view's cursor to be. */
  learn(view: View, cursor: Cursor, readAt: number): void {
    if (readAt < this.#forgottenAt || isLong(view)) return;
    const known = { cursor: { epoch: cursor.epoch, version: cursor.version }, readAt };
    if (view === '*') {
      if (!this.#ofAll || this.#ofAll.readAt <= readAt) this.#ofAll = known;
    } else {
      const before = this.#ofLists.get(view);
      if (!before || before.readAt <= readAt) this.#ofLists.set(view, known);
    }
  }

  /** The view's cursor, when a read found it and no change of its mailboxes was published since. */
  current(view: View): Cursor | undefined {
    const known = view === '*' ? this.#ofAll : isLong(view) ? undefined : this.#ofLists.get(view);
    if (!known || known.readAt < this.#forgottenAt) return undefined;
    if (view === '*') return this.#lastMessageAt > known.readAt ? undefined : known.cursor;
    for (const id of view) if ((this.#namedAt.get(id) ?? 0) > known.readAt) return undefined;
    return known.cursor;
  }
}

/** Long lists are read each time: checking each of their mailboxes against the messages costs about what a read does. */
function isLong(view: View): boolean {
  return view !== '*' && view.length > LONG_VIEW;
}
