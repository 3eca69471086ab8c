import type { Cursor } from '../store/cursor.ts';
import type { Store, View } from '../store/store.ts';

/**
 * How a held poll ended: its mailboxes changed, its wait ran out, the client left, the server is stopping,
 * or a reload removed or changed its client (what it may see, or its token).
 */
export type HeldPollEnd = 'change' | 'timeout' | 'gone' | 'shutdown' | 'access-changed';

/**
 * A poll request as holding it goes, whatever its transport: what it waits
 * for, for how long, and whose limit it counts against. /v1/counts adds how
 * its answer is made (counts-poll.ts, `CountsPollRequest`).
 */
export interface PollRequest {
  /** Whose limit this poll counts against (a client token's identity, or an address for /get.php). */
  key: string;
  view: View;
  since: Cursor;
  waitMs: number;
}

/**
 * Who answers a held poll when it ends (not when the client has gone): its
 * connection on the poll front, or Fastify's reply.
 */
export interface HeldPollAnswerer<R extends PollRequest = PollRequest> {
  answerHeld(end: Exclude<HeldPollEnd, 'gone'>, request: R): void;
}

/**
 * A poll being held: its request, who answers it, and when its wait runs
 * out; nothing of the HTTP request it came in (that stays with the
 * transport, or with nothing at all on the poll front). Its transport calls
 * `end('gone')` the moment the client leaves; the rest is read by
 * `HeldPolls` only. A class, not closures, so 15,000 of them stay small.
 */
export class HeldPoll {
  readonly polls: HeldPolls;
  readonly request: PollRequest;
  readonly answerer: HeldPollAnswerer;
  /** When its wait runs out, on `performance.now()`'s clock. */
  readonly deadline: number;
  /** Held for an event stream, whose reservation already counts against its key's limit. */
  readonly isReserved: boolean;
  unwatch: (() => void) | undefined;

  constructor(polls: HeldPolls, request: PollRequest, answerer: HeldPollAnswerer, deadline: number, isReserved: boolean) {
    this.polls = polls;
    this.request = request;
    this.answerer = answerer;
    this.deadline = deadline;
    this.isReserved = isReserved;
  }

  end(how: HeldPollEnd): void {
    this.polls.end(this, how);
  }
}

/**
 * Every poll the server is holding. A held poll costs one watch in the store
 * and a place in the queue of its wait length; nothing runs while it waits
 * but one timer per length. A client that goes away frees its poll at once.
 */
export class HeldPolls {
  readonly #store: Store;
  #limitPerKey: number;
  readonly #heldByKey = new Map<string, number>();
  readonly #polls = new Set<HeldPoll>();
  /**
   * The polls of each wait length, in the order they were held, and so in the
   * order their waits run out; one timer per length, for the first of them.
   * Not a timer per poll: a Timeout made with every poll outlived young
   * collections and died old, like the rest of a held poll.
   */
  readonly #byWait = new Map<number, WaitQueue>();
  readonly ended: Record<HeldPollEnd, number> = { change: 0, timeout: 0, gone: 0, shutdown: 0, 'access-changed': 0 };
  /** Places taken by open event streams (`reserve`), which count as held polls against their key's limit. */
  #reserved = 0;

  constructor(store: Store, limitPerKey: number) {
    this.#store = store;
    this.#limitPerKey = limitPerKey;
  }

  get size(): number {
    return this.#polls.size;
  }

  /** Open event streams: each holds one place against its key's limit, whether or not its poll is held right now. */
  get reserved(): number {
    return this.#reserved;
  }

  /**
   * Takes a place against `key`'s limit for an event stream, for as long as it is open
   * (DESIGN.md: "a stream counts as a held poll"); its polls are then held with
   * `isReserved`, so the place it keeps between two of them cannot be taken by another
   * poll. False when the key already holds as many as allowed.
   */
  reserve(key: string): boolean {
    const held = this.#heldByKey.get(key) ?? 0;
    if (held >= this.#limitPerKey) return false;
    this.#heldByKey.set(key, held + 1);
    this.#reserved += 1;
    return true;
  }

  /** Gives back a place `reserve` took: the stream has ended. */
  release(key: string): void {
    this.#reserved -= 1;
    this.#free(key);
  }

  /**
   * Holds the poll; undefined when its key already holds as many as allowed. A poll
   * held `isReserved` (an event stream's) uses its stream's place and is never refused.
   */
  hold<R extends PollRequest>(request: R, answerer: HeldPollAnswerer<R>, isReserved = false): HeldPoll | undefined {
    const { key } = request;
    if (!isReserved) {
      const held = this.#heldByKey.get(key) ?? 0;
      if (held >= this.#limitPerKey) return undefined;
      this.#heldByKey.set(key, held + 1);
    }
    // The answerer is only ever handed the request it was held with.
    const poll = new HeldPoll(this, request, answerer as unknown as HeldPollAnswerer, performance.now() + request.waitMs, isReserved);
    this.#polls.add(poll);
    let queue = this.#byWait.get(request.waitMs);
    if (!queue) this.#byWait.set(request.waitMs, (queue = new WaitQueue(this, request.waitMs)));
    queue.add(poll);
    // The store may call back at once (the view changed meanwhile), before `watch` returns.
    const unwatch = this.#store.watch(request.view, request.since, () => poll.end('change'));
    if (this.#polls.has(poll)) poll.unwatch = unwatch;
    return poll;
  }

  /** Ends `poll` once, however many of its ends race (a change and the client leaving). */
  end(poll: HeldPoll, how: HeldPollEnd): void {
    if (!this.#polls.delete(poll)) return;
    const queue = this.#byWait.get(poll.request.waitMs)!;
    if (queue.remove(poll)) this.#byWait.delete(poll.request.waitMs);
    poll.unwatch?.();
    if (!poll.isReserved) this.#free(poll.request.key);
    this.ended[how] += 1;
    if (how !== 'gone') poll.answerer.answerHeld(how, poll.request);
  }

  #free(key: string): void {
    const left = (this.#heldByKey.get(key) ?? 1) - 1;
    if (left === 0) this.#heldByKey.delete(key);
    else this.#heldByKey.set(key, left);
  }

  /** Answers every held poll as the server stops. */
  endAll(): void {
    for (const poll of [...this.#polls]) poll.end('shutdown');
  }

  /** Answers the polls whose key `isEnded` picks: a reload removed or changed their client. */
  endWhere(isEnded: (key: string) => boolean): void {
    for (const poll of [...this.#polls]) if (isEnded(poll.request.key)) poll.end('access-changed');
  }

  /** A reloaded config's limit applies to polls held from now on. */
  setLimit(limitPerKey: number): void {
    this.#limitPerKey = limitPerKey;
  }
}

/** The polls of one wait length, first to run out first, and the one timer that ends them. */
class WaitQueue {
  readonly #polls = new Set<HeldPoll>();
  readonly #owner: HeldPolls;
  readonly #waitMs: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(owner: HeldPolls, waitMs: number) {
    this.#owner = owner;
    this.#waitMs = waitMs;
  }

  add(poll: HeldPoll): void {
    this.#polls.add(poll);
    this.#timer ??= setTimeout(this.#expire, this.#waitMs);
  }

  /** Takes `poll` out; true when none is left (the timer is then stopped). */
  remove(poll: HeldPoll): boolean {
    this.#polls.delete(poll);
    if (this.#polls.size > 0) return false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return true;
  }

  // The timer may fire for a first poll that has since ended: it then waits for the next one.
  readonly #expire = (): void => {
    this.#timer = undefined;
    // Node's timers count whole milliseconds; performance.now() does not.
    const now = performance.now() + 1;
    for (const poll of this.#polls) {
      if (poll.deadline > now) {
        this.#timer = setTimeout(this.#expire, poll.deadline - now + 1);
        return;
      }
      this.#owner.end(poll, 'timeout');
    }
  };
}
