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

/**
 * The primary's memory store and what its workers ask of it. Each worker
 * follows the store: it gets the whole store once, then every write as it
 * is applied (ids, entries with their versions, change numbers), in order on
 * its channel, so every worker's copy has the primary's epoch and versions.
 * A worker's write is applied here and answered after its patch, so the
 * writer's copy has it when the write's answer arrives.
 */
export class StoreHub {
  readonly store: MemoryStore;
  readonly #followers = new Set<Channel<ToPrimary, ToWorker>>();
  #sources: SourcesHere = noSources;
  /** The worker call being applied, whose patch answers it (one message fewer per write than patch, then reply). */
  #answering: { channel: Channel<ToPrimary, ToWorker>; id: number; isAnswered: boolean } | undefined;

  constructor(options: { maxMailboxes: number }) {
    this.store = new MemoryStore({ maxMailboxes: options.maxMailboxes, onApplied: (patch) => this.#broadcast(patch) });
  }

  /** Where worker requests about sources go, once the sources run. */
  set sources(sources: SourcesHere) {
    this.#sources = sources;
  }

  /** Serves one worker on its channel until it closes. */
  attach(channel: Channel<ToPrimary, ToWorker>): void {
    channel.onMessage((message) => {
      if (message.type === 'follow') {
        const { startedAt, ...patch } = this.store.dump();
        channel.send({ type: 'patch', patch, markable: this.#markable(patch), dump: { epoch: this.store.epoch, startedAt, deltaKey: this.store.deltaKey.toString('base64') } });
        this.#followers.add(channel);
      } else if (message.type === 'call') {
        void this.#answer(message.call, channel, message.id).then((reply) => { if (reply) channel.send({ type: 'reply', id: message.id, ...reply }); });
      }
    });
    channel.onClose(() => { this.#followers.delete(channel); });
  }

  /** The call's reply, or undefined when the patch it made answered it. */
  async #answer(call: StoreCall | SourcesCall, channel: Channel<ToPrimary, ToWorker>, id: number): Promise<Reply | undefined> {
    try {
      if (call.method === 'reports') return { result: await this.#sources.reports() };
      if (call.method === 'markRead') return { result: await this.#sources.markRead(call.id, call.request) };
      // The store applies a write (and sends its patch) before its promise is made, within this turn.
      const answering = { channel, id, isAnswered: false };
      this.#answering = answering;
      let applied: Promise<unknown>;
      try {
        applied = call.method === 'setMany' ? this.store.setMany(call.updates)
          : call.method === 'declare' ? this.store.declare(call.mailboxes) : this.store.forget(call.ids);
      } finally {
        this.#answering = undefined;
      }
      const result = await applied;
      return answering.isAnswered ? undefined : { result };
    } catch (error) {
      return { error: { kind: error instanceof StoreFullError ? 'full' : 'other', message: (error as Error).message } };
    }
  }

  #broadcast(patch: StorePatch): void {
    if (this.#followers.size === 0) return;
    const message: ToWorker = { type: 'patch', patch, markable: this.#markable(patch) };
    const answering = this.#answering;
    for (const channel of this.#followers) {
      if (channel !== answering?.channel) channel.send(message);
      else {
        channel.send({ ...message, answers: answering.id });
        answering.isAnswered = true;
      }
    }
  }

  #markable(patch: StorePatch): string[] {
    return patch.entries.map((entry) => entry.mailbox.id).filter((id) => this.#sources.canMarkRead(id));
  }
}
