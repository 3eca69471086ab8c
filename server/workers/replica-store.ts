import type { CountsAnswer, MailboxUpdate } from '../../common/protocol.ts';
import type { Cursor } from '../store/cursor.ts';
import type { StorePatch } from '../store/memory-table.ts';
import { MemoryStore } from '../store/memory-store.ts';
import type { MarkOutcome, MarkRequest, SourceReport } from '../sources/source.ts';
import {
  StoreFullError, StoreUnavailableError, type ChangesAnswer, type DeclaredMailbox, type ServedStore, type StoreHealth, type StoreStats, type View,
} from '../store/store.ts';
import type { Channel } from './channel.ts';
import type { SourcesCall, StoreCall, ToPrimary, ToWorker } from './messages.ts';

/** How long a poll whose cursor is ahead of this copy waits for the copy to catch up. */
const CATCH_UP_MS = 2000;

/**
 * A worker's copy of the primary's memory store. Reads, cursors and held
 * polls are answered here, from the copy; writes go to the primary and are
 * answered once the primary applied them and this copy has the change. The
 * copy only moves forward, patch by patch, in the primary's order, with the
 * primary's epoch and versions: every worker makes the same cursors.
 */
export class ReplicaStore implements ServedStore {
  readonly #channel: Channel<ToWorker, ToPrimary>;
  readonly #table: MemoryStore;
  readonly #markable = new Set<string>();
  readonly #waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  /** Batches of changes received from the primary since the dump, and the patches (writes) in them. */
  readonly received = { batches: 0, patches: 0 };
  #isClosed = false;
  #isPrimaryGone = false;

  private constructor(channel: Channel<ToWorker, ToPrimary>, table: MemoryStore) {
    this.#channel = channel;
    this.#table = table;
  }

  /** Asks the primary for its store and follows it; resolves once the copy has the whole store. */
  static follow(channel: Channel<ToWorker, ToPrimary>): Promise<ReplicaStore> {
    return new Promise((resolve, reject) => {
      let replica: ReplicaStore | undefined;
      channel.onMessage((message) => {
        if (message.type === 'reply' && replica) replica.#settle(message);
        if (message.type === 'patches' && replica) {
          replica.received.batches += 1;
          replica.received.patches += message.patches.length;
          replica.#apply(message.patches, message.markable);
        }
        if (message.type !== 'patch') return;
        if (!replica) {
          const { epoch, startedAt, deltaKey } = message.dump;
          // A mailbox not yet known is pending since the primary's start, on every worker alike.
          replica = new ReplicaStore(channel, new MemoryStore({ epoch, deltaKey: Buffer.from(deltaKey, 'base64'), now: () => new Date(startedAt) }));
          resolve(replica);
          replica.#apply([message.patch], message.markable);
        }
      });
      channel.onClose(() => {
        if (!replica) reject(new StoreUnavailableError('the primary process is gone'));
        else replica.#primaryGone();
      });
      channel.send({ type: 'follow' });
    });
  }

  get epoch(): string {
    return this.#table.epoch;
  }

  declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    return this.#call({ method: 'declare', mailboxes: [...mailboxes] }) as Promise<void>;
  }

  forget(ids: readonly string[]): Promise<void> {
    return this.#call({ method: 'forget', ids: [...ids] }) as Promise<void>;
  }

  setMany(updates: readonly MailboxUpdate[]): Promise<string[]> {
    return this.#call({ method: 'setMany', updates: [...updates] }) as Promise<string[]>;
  }

  snapshot(view: View): Promise<CountsAnswer> {
    return this.#table.snapshot(view);
  }

  snapshotNow(view: View): CountsAnswer {
    return this.#table.snapshotNow(view);
  }

  changes(view: View, sinceSeq: number | undefined): Promise<ChangesAnswer> {
    return this.#table.changes(view, sinceSeq);
  }

  cursor(view: View): Promise<Cursor> {
    return this.#table.cursor(view);
  }

  deltaKeyOf(epoch: string): Promise<Buffer | undefined> {
    return this.#table.deltaKeyOf(epoch);
  }

  /**
   * A cursor ahead of this copy was made by another worker that applied a
   * change before this one did (the patches reach the workers one by one):
   * wait for this copy to reach it, so the client's next answer is no older
   * than its last. Resolves with the cursor then (or after 2 s, whatever it is).
   */
  async caughtUp(view: View, since: Cursor): Promise<Cursor> {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const now = await this.#table.cursor(view);
      const left = deadline - Date.now();
      if (now.epoch !== since.epoch || now.version >= since.version || left <= 0 || this.#isClosed) return now;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { cancel(); resolve(); }, left);
        const cancel = this.#table.watch(view, now, () => { clearTimeout(timer); resolve(); });
      });
    }
  }

  watch(view: View, since: Cursor, onChange: () => void): () => void {
    return this.#table.watch(view, since, onChange);
  }

  async health(): Promise<StoreHealth> {
    return this.#isPrimaryGone ? { status: 'degraded', reason: 'the primary process is gone; this worker is stopping' } : { status: 'ok' };
  }

  async stats(): Promise<StoreStats> {
    return { ...await this.#table.stats(), copy: { ...this.received } };
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    await this.#table.close();
  }

  /** Whether the source of this mailbox, in the primary, can mark its messages read. */
  isMarkable(id: string): boolean {
    return this.#markable.has(id);
  }

  /** The sources, which run in the primary. */
  sourceReports(): Promise<SourceReport[]> {
    return this.#call({ method: 'reports' }) as Promise<SourceReport[]>;
  }

  markRead(id: string, request: MarkRequest): Promise<MarkOutcome> {
    return this.#call({ method: 'markRead', id, request }) as Promise<MarkOutcome>;
  }

  #apply(patches: readonly StorePatch[], markableIds: readonly string[]): void {
    const markable = new Set(markableIds);
    for (const patch of patches) {
      for (const { mailbox: { id } } of patch.entries) {
        if (markable.has(id)) this.#markable.add(id);
        else this.#markable.delete(id);
      }
    }
    this.#table.applyPatches(patches);
  }

  #call(call: StoreCall | SourcesCall): Promise<unknown> {
    if (this.#isPrimaryGone) return Promise.reject(new StoreUnavailableError('the primary process is gone; this worker is stopping'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#channel.send({ type: 'call', id, call });
    });
  }

  #settle(message: Extract<ToWorker, { type: 'reply' }>): void {
    const waiting = this.#waiting.get(message.id);
    if (!waiting) return;
    this.#waiting.delete(message.id);
    // JSON drops an undefined result (declare, forget): an answer without an error is a success.
    if ('error' in message) waiting.reject(message.error.kind === 'full' ? new StoreFullError(message.error.message) : new Error(message.error.message));
    else waiting.resolve(message.result);
  }

  #primaryGone(): void {
    this.#isPrimaryGone = true;
    for (const { reject } of this.#waiting.values()) reject(new StoreUnavailableError('the primary process is gone; this worker is stopping'));
    this.#waiting.clear();
  }
}
