/**
 * The ids of the last changes, by their sequence number (the store's running
 * total of changes): what a delta answer and a long list's cursor read, so
 * that they cost what changed, not what a client sees. Older changes fall
 * off; asking about them answers undefined, and the caller reads everything.
 */
export class ChangeLog {
  readonly #ids: string[];
  /** The sequence number of the newest change recorded. */
  #last = 0;
  /** The change before the first one recorded: a copy of a store starts its log at that store's number then. */
  #first = 0;

  constructor(capacity = 100_000) {
    this.#ids = new Array<string>(capacity);
  }

  get last(): number {
    return this.#last;
  }

  /** Forgets every change: the next one recorded is numbered `seq + 1`, and none before is known. */
  restart(seq: number): void {
    this.#first = seq;
    this.#last = seq;
  }

  /** Records the change numbered `seq` (one more than the last). */
  record(seq: number, id: string): void {
    this.#ids[seq % this.#ids.length] = id;
    this.#last = seq;
  }

  /**
   * The ids changed after `seq` (one entry per change, oldest first), or
   * undefined when the log no longer reaches back that far.
   */
  since(seq: number): string[] | undefined {
    if (seq > this.#last || seq < this.#first || this.#last - seq > this.#ids.length) return undefined;
    const ids: string[] = [];
    for (let n = seq + 1; n <= this.#last; n++) ids.push(this.#ids[n % this.#ids.length]!);
    return ids;
  }
}
