import { MemoryStore } from '../store/memory-store.ts';
import type { StorePatch } from '../store/memory-table.ts';
import type { MarkOutcome, MarkRequest, SourceReport } from '../sources/source.ts';
import { StoreFullError } from '../store/store.ts';
import type { Channel } from './channel.ts';
import type { Reply, SourcesCall, StoreCall, ToPrimary, ToWorker } from './messages.ts';

/** The sources as the primary runs them, for what workers ask. */
export interface SourcesHere {
  reports(): Promise<SourceReport[]>;
  markRead(id: string, request: MarkRequest): Promise<MarkOutcome>;
  canMarkRead(id: string): boolean;
}

const noSources: SourcesHere = {
  reports: async () => [],
  markRead: async (id) => ({ refused: `the source of the mailbox "${id}" has not started yet; try again in a moment` }),
  canMarkRead: () => false,
};

/** What a flush sends one worker after the batch: replies to its calls, in the order they were answered. */
type Pending = Array<Extract<ToWorker, { type: 'reply' }>>;

/**
 * The primary's memory store and what its workers ask of it. Each worker
 * follows the store: it gets the whole store once, then every write as it
 * is applied (ids, entries with their versions, change numbers), in order on
 * its channel, so every worker's copy has the primary's epoch and versions.
 * The writes of one turn of the event loop go out together, once the turn
 * is over: one batch, encoded once, the same bytes to every worker, and then
 * each worker's replies. A worker's write is applied here and answered after
 * the batch holding its patch, so the writer's copy has it when the answer
 * arrives.
 */
export class StoreHub {
  readonly store: MemoryStore;
  readonly #followers = new Map<Channel<ToPrimary, ToWorker>, Pending>();
  #sources: SourcesHere = noSources;
  /** The patches applied since the last flush, in order. */
  #patches: StorePatch[] = [];
  #isFlushQueued = false;
  /** Batches sent (each to every worker) and the patches in them, since the start. */
  readonly sent = { batches: 0, patches: 0 };

  constructor(options: { maxMailboxes: number }) {
    this.store = new MemoryStore({ maxMailboxes: options.maxMailboxes, onApplied: (patch) => this.#queue(patch) });
  }

  /** Where worker requests about sources go, once the sources run. */
  set sources(sources: SourcesHere) {
    this.#sources = sources;
  }

  /** Serves one worker on its channel until it closes. */
  attach(channel: Channel<ToPrimary, ToWorker>): void {
    channel.onMessage((message) => {
      if (message.type === 'follow') {
        // Whatever is queued is in the dump: send it to the others first, so this one gets none of it twice.
        this.#flush();
        const { startedAt, ...patch } = this.store.dump();
        channel.send({ type: 'patch', patch, markable: this.#markable([patch]), dump: { epoch: this.store.epoch, startedAt, deltaKey: this.store.deltaKey.toString('base64') } });
        this.#followers.set(channel, []);
      } else if (message.type === 'call') {
        void this.#answer(message.call).then((reply) => this.#reply(channel, { type: 'reply', id: message.id, ...reply }));
      }
    });
    channel.onClose(() => { this.#followers.delete(channel); });
  }

  /** The call's reply; a write's result is its changed ids, as the store gives them. */
  async #answer(call: StoreCall | SourcesCall): Promise<Reply> {
    try {
      if (call.method === 'reports') return { result: await this.#sources.reports() };
      if (call.method === 'markRead') return { result: await this.#sources.markRead(call.id, call.request) };
      const result = call.method === 'setMany' ? await this.store.setMany(call.updates)
        : call.method === 'declare' ? await this.store.declare(call.mailboxes) : await this.store.forget(call.ids);
      return { result };
    } catch (error) {
      return { error: { kind: error instanceof StoreFullError ? 'full' : 'other', message: (error as Error).message } };
    }
  }

  /** A reply waits for the flush, behind the batch of every patch applied before it. */
  #reply(channel: Channel<ToPrimary, ToWorker>, reply: Extract<ToWorker, { type: 'reply' }>): void {
    const pending = this.#followers.get(channel);
    if (!pending) {
      channel.send(reply);
      return;
    }
    pending.push(reply);
    this.#queueFlush();
  }

  #queue(patch: StorePatch): void {
    if (this.#followers.size === 0) return;
    this.#patches.push(patch);
    this.#queueFlush();
  }

  #queueFlush(): void {
    if (this.#isFlushQueued) return;
    this.#isFlushQueued = true;
    // After this turn: every write that arrived with this one goes in the same batch.
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#isFlushQueued = false;
    const patches = this.#patches;
    this.#patches = [];
    const batch = patches.length === 0 ? undefined
      : Buffer.from(`${JSON.stringify({ type: 'patches', patches, markable: this.#markable(patches) } satisfies ToWorker)}\n`);
    if (batch) {
      this.sent.batches += 1;
      this.sent.patches += patches.length;
    }
    for (const [channel, pending] of this.#followers) {
      if (batch) channel.sendLine(batch);
      for (const reply of pending.splice(0)) channel.send(reply);
    }
  }

  #markable(patches: readonly StorePatch[]): string[] {
    const ids = new Set<string>();
    for (const patch of patches) for (const { mailbox: { id } } of patch.entries) if (this.#sources.canMarkRead(id)) ids.add(id);
    return [...ids];
  }
}
