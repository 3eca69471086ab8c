/** One thing a text/event-stream said: an event (`id:` and `data:`) or a comment line (a heartbeat). */
export type StreamItem = { kind: 'event'; id: string | undefined; data: string } | { kind: 'comment'; text: string };

/**
 * Reads a GET /v1/events answer over fetch as EventSource would parse it
 * (html.spec.whatwg.org, "Interpreting an event stream"), item by item, so a
 * test can say what came first and that nothing else came. `end` resolves
 * when the server ends the stream.
 */
export class EventReader {
  readonly response: Response;
  readonly #abort: AbortController | undefined;
  readonly #items: StreamItem[] = [];
  readonly #waiting: Array<() => void> = [];
  #isDone = false;
  #failure: unknown;
  readonly done: Promise<void>;

  /** `abort` is the fetch's: cancelling aborts it (the body is locked to the reader). */
  constructor(response: Response, abort?: AbortController) {
    this.response = response;
    this.#abort = abort;
    this.done = this.#read();
  }

  get isDone(): boolean {
    return this.#isDone;
  }

  /** Why reading failed (the connection was cut, not ended by the server); undefined for a stream that ended cleanly. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Items read but not yet taken. */
  get queued(): readonly StreamItem[] {
    return this.#items;
  }

  /** The next item; fails when the stream ends first, or after `timeoutMs`. */
  async next(timeoutMs = 10_000): Promise<StreamItem> {
    const deadline = Date.now() + timeoutMs;
    while (this.#items.length === 0) {
      if (this.#isDone) throw new Error(`the stream ended${this.#failure ? ` (${String(this.#failure)})` : ''} with no item left`);
      if (Date.now() > deadline) throw new Error(`no item within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.#waiting.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    return this.#items.shift()!;
  }

  /** The next event, skipping heartbeats; its data parsed as JSON. */
  async nextEvent<T = { cursor: string; mailboxes: Array<{ id: string; count: number; state: string }>; delta?: boolean }>(timeoutMs = 10_000): Promise<{ id: string | undefined; body: T }> {
    for (;;) {
      const item = await this.next(timeoutMs);
      if (item.kind === 'event') return { id: item.id, body: JSON.parse(item.data) as T };
    }
  }

  /** Leaves, as a closed tab does: the connection is cut. */
  async cancel(): Promise<void> {
    this.#abort?.abort();
    await this.done;
  }

  async #read(): Promise<void> {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of this.response.body!) {
        text += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          this.#take(text.slice(0, end));
          text = text.slice(end + 2);
        }
      }
    } catch (error) {
      this.#failure = error;
    }
    this.#isDone = true;
    this.#wake();
  }

  #take(block: string): void {
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.#items.push({ kind: 'comment', text: line.slice(1).trim() });
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) this.#items.push({ kind: 'event', id, data: data.join('\n') });
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiting.splice(0)) wake();
  }
}

/** Opens GET /v1/events at `url` with `token` (or none) and extra headers. */
export async function openEvents(url: string, token: string | undefined, query = '', headers: Record<string, string> = {}): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(`${url}/v1/events${query}`, {
    headers: { ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), ...headers },
    signal: abort.signal,
  });
  return new EventReader(response, abort);
}
