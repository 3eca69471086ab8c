import type { FastifyReply } from 'fastify';
import type { Cursor } from './cursor.ts';
import type { Store, View } from './store.ts';

/** How a held poll ended: its mailboxes changed, its wait ran out, the client left, or the server is stopping. */
export type PollEnd = 'change' | 'timeout' | 'gone' | 'shutdown';

export interface HoldRequest {
  /** Whose limit this poll counts against (a client name, or an address for /get.php). */
  key: string;
  view: View;
  since: Cursor;
  waitMs: number;
  reply: FastifyReply;
  /** Sends the answer; not called when the client has gone. */
  answer: (end: Exclude<PollEnd, 'gone'>) => void;
}

interface HeldPoll {
  key: string;
  end(how: PollEnd): void;
}

/**
 * Every poll the server is holding. A held poll costs one watch in the store,
 * one timer for its own wait and one close listener; nothing runs while it
 * waits. A client that goes away frees its poll at once.
 */
export class HeldPolls {
  readonly #store: Store;
  #limitPerKey: number;
  readonly #heldByKey = new Map<string, number>();
  readonly #polls = new Set<HeldPoll>();
  readonly ended: Record<PollEnd, number> = { change: 0, timeout: 0, gone: 0, shutdown: 0 };

  constructor(store: Store, limitPerKey: number) {
    this.#store = store;
    this.#limitPerKey = limitPerKey;
  }

  get size(): number {
    return this.#polls.size;
  }

  /** Holds the poll; false when its key already holds as many as allowed. */
  hold(request: HoldRequest): boolean {
    const { key, reply } = request;
    const held = this.#heldByKey.get(key) ?? 0;
    if (held >= this.#limitPerKey) return false;
    this.#heldByKey.set(key, held + 1);

    let unwatch = () => {};
    const onClose = () => poll.end('gone');
    const poll: HeldPoll = {
      key,
      end: (how) => {
        if (!this.#polls.delete(poll)) return;
        clearTimeout(timer);
        unwatch();
        reply.raw.off('close', onClose);
        const left = (this.#heldByKey.get(key) ?? 1) - 1;
        if (left === 0) this.#heldByKey.delete(key);
        else this.#heldByKey.set(key, left);
        this.ended[how] += 1;
        if (how !== 'gone') request.answer(how);
      },
    };
    this.#polls.add(poll);
    const timer = setTimeout(() => poll.end('timeout'), request.waitMs);
    reply.raw.on('close', onClose);
    unwatch = this.#store.watch(request.view, request.since, () => poll.end('change'));
    return true;
  }

  /** Answers every held poll as the server stops. */
  endAll(): void {
    for (const poll of [...this.#polls]) poll.end('shutdown');
  }

  /** Answers, as at a stop, the polls whose key `isEnded` picks: a reload that removed or changed their client. */
  endWhere(isEnded: (key: string) => boolean): void {
    for (const poll of [...this.#polls]) if (isEnded(poll.key)) poll.end('shutdown');
  }

  /** A reloaded config's limit applies to polls held from now on. */
  setLimit(limitPerKey: number): void {
    this.#limitPerKey = limitPerKey;
  }
}
