import type { Channel } from '../../server/workers/channel.ts';
import type { ToPrimary, ToWorker } from '../../server/workers/messages.ts';
import { ReplicaStore } from '../../server/workers/replica-store.ts';
import { StoreHub } from '../../server/workers/store-hub.ts';

/**
 * The two ends of a primary-worker channel in one process. Each message is
 * copied (as IPC serialises it) and arrives in a later turn of the event
 * loop, in order; `delayMs` holds the worker's incoming messages back, as a
 * busy worker reads its channel late. `close()` is the other side dying.
 */
export function channelPair(options: { delayMs?: number } = {}): {
  primary: Channel<ToPrimary, ToWorker>; worker: Channel<ToWorker, ToPrimary>; close(): void;
  /** Every message the worker end was sent, in order, as it arrived. */
  toWorker: ToWorker[];
} {
  const toPrimary: Array<(m: ToPrimary) => void> = [];
  const toWorker: Array<(m: ToWorker) => void> = [];
  const closers: Array<() => void> = [];
  const sentToWorker: ToWorker[] = [];
  let isClosed = false;
  const deliver = <M>(listeners: Array<(m: M) => void>, message: M, delayMs = 0) => {
    if (isClosed) return;
    const copy = JSON.parse(JSON.stringify(message)) as M;
    const send = () => { if (!isClosed) for (const listener of listeners) listener(copy); };
    if (delayMs > 0) setTimeout(send, delayMs);
    else setImmediate(send);
  };
  return {
    primary: {
      send: (message) => { sentToWorker.push(message); deliver(toWorker, message, options.delayMs); },
      sendLine: (line) => {
        const message = JSON.parse(line.toString()) as ToWorker;
        sentToWorker.push(message);
        deliver(toWorker, message, options.delayMs);
      },
      onMessage: (listener) => { toPrimary.push(listener); },
      onClose: (listener) => { closers.push(listener); },
    },
    worker: {
      send: (message) => deliver(toPrimary, message),
      sendLine: (line) => deliver(toPrimary, JSON.parse(line.toString()) as ToPrimary),
      onMessage: (listener) => { toWorker.push(listener); },
      onClose: (listener) => { closers.push(listener); },
    },
    toWorker: sentToWorker,
    close() {
      if (isClosed) return;
      isClosed = true;
      for (const closer of closers) closer();
    },
  };
}

/** A primary's store and `count` worker copies following it, in this process. */
export async function replicas(count: number, options: { maxMailboxes?: number; delayMs?: number[] } = {}): Promise<{
  hub: StoreHub; copies: ReplicaStore[]; closeChannels(): void;
  /** What each copy was sent, in order. */
  sent: ToWorker[][];
}> {
  const hub = new StoreHub({ maxMailboxes: options.maxMailboxes ?? 100_000 });
  const pairs = Array.from({ length: count }, (_, i) => channelPair({ delayMs: options.delayMs?.[i] ?? 0 }));
  for (const pair of pairs) hub.attach(pair.primary);
  const copies = await Promise.all(pairs.map((pair) => ReplicaStore.follow(pair.worker)));
  return { hub, copies, closeChannels: () => { for (const pair of pairs) pair.close(); }, sent: pairs.map((pair) => pair.toWorker) };
}
