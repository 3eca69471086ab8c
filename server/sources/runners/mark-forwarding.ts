import { randomBytes } from 'node:crypto';
import type { Logger } from '../../log.ts';
import type { InstanceMessages, Leases } from '../../store/store.ts';
import type { MarkOutcome, MarkRequest } from '../source.ts';

/** How long an instance waits for the one running a source to mark its messages and answer. */
export const FORWARD_WAIT_MS = 10_000;

/** A mark as read asked of the instance holding the source's lease, and its answer. */
type Note =
  | { type: 'mark'; ask: string; from: string; mailbox: string; request: MarkRequest }
  | { type: 'marked'; ask: string; outcome: MarkOutcome };

export interface MarkForwardingOptions {
  leases: Leases;
  messages: InstanceMessages;
  /** Marks with the mailbox's source running on this instance; undefined when it does not run here. */
  markHere: (mailbox: string, request: MarkRequest) => Promise<MarkOutcome | undefined>;
  log: Logger;
  /** FORWARD_WAIT_MS unless a test shortens it. */
  waitMs?: number;
}

/**
 * Mark as read on a shared store (DESIGN.md, "Mark as read"; each source runs
 * on one instance): a request that lands on an instance without the source's
 * lease is sent, over the store, to the instance holding it, which marks the
 * messages and sends the outcome back. The client is answered with it, or
 * with `unavailable` (a 503) when no instance holds the lease or the holder
 * does not answer in time; marking the same messages twice does no harm, so
 * the client may simply try again.
 */
export class MarkForwarding {
  readonly #options: MarkForwardingOptions;
  readonly #waiting = new Map<string, (outcome: MarkOutcome) => void>();

  constructor(options: MarkForwardingOptions) {
    this.#options = options;
    options.messages.onMessage((body) => { void this.#receive(body); });
  }

  /** Marks through the instance that holds `sourceKey`'s lease (this one, if it does by now). */
  async forward(sourceKey: string, mailbox: string, request: MarkRequest): Promise<MarkOutcome> {
    const { leases, messages } = this.#options;
    let holder: string | undefined;
    try {
      holder = await leases.holder(sourceKey);
    } catch (error) {
      return { unavailable: `the source of the mailbox "${mailbox}" runs on another instance, which cannot be asked now (${(error as Error).message}); try again in a moment` };
    }
    if (holder === undefined) return { unavailable: `no instance runs the source of the mailbox "${mailbox}" right now (it is moving to another); try again in a moment` };
    if (holder === messages.instance) {
      return await this.#options.markHere(mailbox, request) ?? { unavailable: `the source of the mailbox "${mailbox}" is starting here; try again in a moment` };
    }
    const ask = randomBytes(9).toString('base64url');
    const waitMs = this.#options.waitMs ?? FORWARD_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<MarkOutcome>((resolve) => {
      this.#waiting.set(ask, resolve);
      timer = setTimeout(() => resolve({
        unavailable: `the instance running the source of the mailbox "${mailbox}" did not answer within ${waitMs / 1000} s; try again in a moment`,
      }), waitMs);
    });
    try {
      await messages.send(holder, { type: 'mark', ask, from: messages.instance, mailbox, request } satisfies Note);
      return await answered;
    } catch (error) {
      return { unavailable: `the source of the mailbox "${mailbox}" runs on another instance, which cannot be asked now (${(error as Error).message}); try again in a moment` };
    } finally {
      clearTimeout(timer);
      this.#waiting.delete(ask);
    }
  }

  async #receive(body: unknown): Promise<void> {
    const note = body as Note;
    if (note?.type === 'marked' && typeof note.ask === 'string') {
      this.#waiting.get(note.ask)?.(note.outcome);
      return;
    }
    if (note?.type !== 'mark' || typeof note.from !== 'string' || typeof note.mailbox !== 'string' || !isMarkRequest(note.request)) return;
    let outcome: MarkOutcome;
    try {
      // The lease moved on since the asker looked: asked again, it finds the new holder.
      outcome = await this.#options.markHere(note.mailbox, note.request)
        ?? { unavailable: `the source of the mailbox "${note.mailbox}" is moving to another instance; try again in a moment` };
    } catch (error) {
      outcome = { failed: (error as Error).message };
    }
    await this.#options.messages.send(note.from, { type: 'marked', ask: note.ask, outcome } satisfies Note).catch((error: unknown) => {
      this.#options.log.warn({ err: (error as Error).message }, 'a forwarded mark as read was done, but its answer could not be sent back');
    });
  }
}

function isMarkRequest(value: unknown): value is MarkRequest {
  if (typeof value !== 'object' || value === null) return false;
  const request = value as { ids?: unknown; all?: unknown };
  return request.all === true || (Array.isArray(request.ids) && request.ids.every((id) => typeof id === 'string'));
}
