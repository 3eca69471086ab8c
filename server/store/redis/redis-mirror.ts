import { formatCursor, type Cursor } from '../cursor.ts';
import type { CountsAnswer } from '../../../common/protocol.ts';
import type { ChangeMessage } from './redis-change-message.ts';
import type { StatesRead } from './redis-reads.ts';
import { toMailbox } from './redis-boxes.ts';
import type { View } from '../store.ts';
import { LONG_VIEW } from '../watcher-index.ts';

/** Mailboxes mirrored at most; past it the mirror starts again empty (it fills from the next reads and changes). */
const MAX_MIRRORED = 100_000;

interface Mirrored {
  version: number;
  /** The stored JSON; null for a mailbox never counted or forgotten; undefined when only the version was read. */
  box: string | null | undefined;
}

/**
 * What this instance knows of Redis without asking: the mailboxes its polls
 * watch, as the change messages carry them (redis-change-message.ts) and its
 * reads found them. A poll that comes back with the cursor it was given is
 * held on it with no round trip, and the polls a change wakes are answered
 * from the change's own message with no read, as nchan answers from its
 * message.
 *
 * Messages come in the order the changes were made, and each carries the
 * store's total after it, so the mirror holds one state Redis had: as of
 * `#total`. A mailbox enters it from a message while a poll here watches it,
 * or from a read that saw that same total (a read that saw more or fewer
 * changes than the messages received so far is not mixed in; an empty mirror
 * starts from any read); every later message of it updates it. Messages may
 * have been missed when the subscription was renewed, Redis came back or the
 * epoch changed: `forgetAll` then empties it, and what reads sent before then
 * found is not learned.
 *
 * It lags Redis by the messages on their way. Holding a poll on a cursor a
 * change has passed is safe (that change's message wakes it); answering one
 * is not, so a poll whose cursor is ahead of the mirror is not answered from
 * it (redis-wake-ups.ts), and a poll that arrives is answered from a read.
 */
export class RedisMirror {
  #epoch: string | undefined;
  #total = 0;
  /** When the epoch began: the changedAt of a mailbox never counted. */
  #createdAt: string | undefined;
  /** `forgetAll`s so far: a read sent before the last one is not learned. */
  #generation = 0;
  readonly #boxes = new Map<string, Mirrored>();

  /** What to give `learn` for a read sent now. */
  now(): number {
    return this.#generation;
  }

  /** What a read sent at `sentAt` found, when it saw the state the mirror holds (or the mirror is empty). */
  learn(sentAt: number, read: StatesRead): void {
    if (sentAt !== this.#generation) return;
    if (this.#epoch === undefined) {
      this.#epoch = read.epoch;
      this.#total = read.total;
    } else if (read.epoch !== this.#epoch || read.total !== this.#total) return;
    this.#createdAt = read.createdAt;
    this.#makeRoom();
    for (const { view, versions, boxes } of read.stored) {
      if (view.length > LONG_VIEW) continue;
      view.forEach((id, i) => {
        const version = Number(versions[i] ?? 0);
        // A read of the versions alone keeps a mailbox the mirror already has at that version.
        const box = boxes ? boxes[i] ?? null : this.#boxes.get(id)?.version === version ? this.#boxes.get(id)!.box : undefined;
        this.#boxes.set(id, { version, box });
      });
    }
  }

  /** A change message of the current epoch; `isWatched` says which mailboxes are worth keeping. */
  received(message: ChangeMessage, isWatched: (id: string) => boolean): void {
    const { epoch, state } = message;
    if (this.#epoch !== undefined && epoch !== this.#epoch) this.forgetAll();
    if (!state) {
      // A message without the state (a server before 2026-12 made it): these mailboxes are no longer known, nor is the total.
      for (const id of message.ids) this.#boxes.delete(id);
      this.#epoch = epoch;
      this.#total = Number.NaN;
      return;
    }
    // An empty mirror starts from the first message; one that holds the state after this change already has it.
    if (this.#epoch !== undefined && state.total <= this.#total) return;
    this.#epoch = epoch;
    this.#total = state.total;
    this.#makeRoom();
    for (const { id, version, box } of state.boxes) {
      if (this.#boxes.has(id) || isWatched(id)) this.#boxes.set(id, { version, box });
    }
  }

  /** Messages may have been missed: nothing known until now is trusted. */
  forgetAll(): void {
    this.#generation += 1;
    this.#epoch = undefined;
    this.#total = 0;
    this.#createdAt = undefined;
    this.#boxes.clear();
  }

  /** The view's cursor as of the last message, when every mailbox of it is mirrored (for `*`, the total). */
  cursor(view: View): Cursor | undefined {
    if (this.#epoch === undefined) return undefined;
    if (view === '*') return Number.isNaN(this.#total) ? undefined : { epoch: this.#epoch, version: this.#total };
    if (view.length > LONG_VIEW) return undefined;
    let version = 0;
    for (const id of view) {
      const mirrored = this.#boxes.get(id);
      if (!mirrored) return undefined;
      version += mirrored.version;
    }
    return { epoch: this.#epoch, version };
  }

  /** The view's whole answer and its cursor as of the last message, when every mailbox of it is mirrored with what it holds (never `*`'s, every mailbox). */
  answer(view: View): { answer: CountsAnswer; cursor: Cursor } | undefined {
    if (view === '*') return undefined;
    const cursor = this.cursor(view);
    if (!cursor) return undefined;
    const mailboxes = [];
    for (const id of view) {
      const { box } = this.#boxes.get(id)!;
      // A mailbox never counted (or forgotten) has the epoch's start as its changedAt, which only a read gives.
      if (box === undefined || (box === null && this.#createdAt === undefined)) return undefined;
      mailboxes.push(toMailbox(id, box, this.#createdAt ?? ''));
    }
    return { answer: { cursor: formatCursor(cursor), mailboxes }, cursor };
  }

  /** The answers and cursors of a batch of views, as RedisReads.states gives them; undefined unless the mirror has every one. */
  states(answerViews: readonly View[], cursorViews: readonly View[]): { answers: CountsAnswer[]; cursors: Cursor[] } | undefined {
    const answers: CountsAnswer[] = [];
    const cursors: Cursor[] = [];
    for (const view of answerViews) {
      const found = this.answer(view);
      if (!found) return undefined;
      answers.push(found.answer);
      cursors.push(found.cursor);
    }
    for (const view of cursorViews) {
      const cursor = this.cursor(view);
      if (!cursor) return undefined;
      cursors.push(cursor);
    }
    return { answers, cursors };
  }

  #makeRoom(): void {
    if (this.#boxes.size > MAX_MIRRORED) this.#boxes.clear();
  }
}
