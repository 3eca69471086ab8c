import type { Mailbox } from '../../common/protocol.ts';
import type { Store } from '../../server/store/store.ts';

/**
 * Resolves with the mailbox as soon as `predicate` holds for it, woken by the
 * store's own watch (no polling, so timings measured with it are the source's).
 */
export async function waitForMailbox(
  store: Store, id: string, predicate: (mailbox: Mailbox) => boolean, timeoutMs = 10_000,
): Promise<Mailbox> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cursor = await store.cursor([id]);
    const mailbox = (await store.snapshot([id])).mailboxes[0]!;
    if (predicate(mailbox)) return mailbox;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`mailbox ${id} did not reach the expected state in ${timeoutMs} ms; it is ${JSON.stringify(mailbox)}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { cancel(); resolve(); }, left);
      const cancel = store.watch([id], cursor, () => { clearTimeout(timer); resolve(); });
    });
  }
}

export const hasCount = (count: number) => (m: Mailbox) => m.state === 'ok' && m.count === count;
export const isError = (m: Mailbox) => m.state === 'error';
