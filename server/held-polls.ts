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
  /** Sends the answer; not called when the client has gone. */
  answer: (end: Exclude<PollEnd, 'gone'>) => void;
}

/** A poll being held; its transport calls `end('gone')` the moment the client leaves. */
export interface HeldPoll {
  end(how: PollEnd): void;
}

/**
 * One held poll: what it waits for and what ends it, nothing of the HTTP
 * request it came in (that stays with the transport, or with nothing at all
 * on the poll front). A class, not closures, so 15,000 of them stay small.
 */
class Poll implements HeldPoll {
  readonly polls: HeldPolls;
  readonly request: HoldRequest;
  timer: NodeJS.Timeout | undefined;
  unwatch: (() => void) | undefined;

  constructor(polls: HeldPolls, request: HoldRequest) {
    this.polls = polls;
    this.request = request;
  }

  end(how: PollEnd): void {
    this.polls.end(this, how);
  }
}

/**
 * Every poll the server is holding. A held poll costs one watch in the store
 * and one timer for its own wait; nothing runs while it waits. A client that
 * goes away frees its poll at once.
 */
export class HeldPolls {
  readonly #store: Store;
  #limitPerKey: number;
  readonly #heldByKey = new Map<string, number>();
  readonly #polls = new Set<Poll>();
  readonly ended: Record<PollEnd, number> = { change: 0, timeout: 0, gone: 0, shutdown: 0 };

  constructor(store: Store, limitPerKey: number) {
    this.#store = store;
    this.#limitPerKey = limitPerKey;
  }

  get size(): number {
    return this.#polls.size;
  }

  /** Holds the poll; undefined when its key already holds as many as allowed. */
  hold(request: HoldRequest): HeldPoll | undefined {
    const { key } = request;
    const held = this.#heldByKey.get(key) ?? 0;
    if (held >= this.#limitPerKey) return undefined;
    this.#heldByKey.set(key, held + 1);
    const poll = new Poll(this, request);
    this.#polls.add(poll);
    poll.timer = setTimeout(endByTimeout, request.waitMs, poll);
    // The store may call back at once (the view changed meanwhile), before `watch` returns.
    const unwatch = this.#store.watch(request.view, request.since, () => poll.end('change'));
    if (this.#polls.has(poll)) poll.unwatch = unwatch;
    return poll;
  }

  /** Ends `poll` once, however many of its ends race (a change and the client leaving). */
  end(poll: Poll, how: PollEnd): void {
    if (!this.#polls.delete(poll)) return;
    clearTimeout(poll.timer);
    poll.unwatch?.();
    const { key } = poll.request;
    const left = (this.#heldByKey.get(key) ?? 1) - 1;
    if (left === 0) this.#heldByKey.delete(key);
    else this.#heldByKey.set(key, left);
    this.ended[how] += 1;
    if (how !== 'gone') poll.request.answer(how);
  }

  /** Answers every held poll as the server stops. */
  endAll(): void {
    for (const poll of [...this.#polls]) poll.end('shutdown');
  }

  /** Answers, as at a stop, the polls whose key `isEnded` picks: a reload that removed or changed their client. */
  endWhere(isEnded: (key: string) => boolean): void {
    for (const poll of [...this.#polls]) if (isEnded(poll.request.key)) poll.end('shutdown');
  }

  /** A reloaded config's limit applies to polls held from now on. */
  setLimit(limitPerKey: number): void {
    this.#limitPerKey = limitPerKey;
  }
}

function endByTimeout(poll: Poll): void {
  poll.end('timeout');
}
