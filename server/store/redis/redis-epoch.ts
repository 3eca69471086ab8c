import { newEpoch } from '../cursor.ts';
import { toStoreError } from './redis-errors.ts';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisLink } from './redis-link.ts';
import { declareScript, forgetScript } from './redis-scripts.ts';
import type { Logger } from '../../log.ts';
import { StoreUnavailableError, type DeclaredMailbox } from '../store.ts';

const DECLARE_CHUNK = 1000;

export const lostData = 'the data in Redis is gone (flushed, or a new empty server)';

/**
 * The epoch as this instance last saw it, and the mailboxes it declared. The
 * epoch belongs to the data in Redis (DESIGN.md, "Many instances"): every
 * script returns it, and a new one means Redis lost the data, so every held
 * poll is answered and everything this instance declared is declared again.
 */
export class RedisEpoch {
  readonly #link: RedisLink;
  readonly #keys: RedisKeys;
  readonly #now: () => Date;
  readonly #log: Logger;
  readonly #onNew: () => void;
  /** Every mailbox declared here, to declare again if Redis loses the data. */
  readonly #declared = new Map<string, string>();
  #current = '';

  constructor(link: RedisLink, keys: RedisKeys, options: { now: () => Date; log: Logger; onNew: () => void }) {
    this.#link = link;
    this.#keys = keys;
    this.#now = options.now;
    this.#log = options.log;
    this.#onNew = options.onNew;
  }

  get current(): string {
    return this.#current;
  }

  /** An epoch Redis answered; a different one than before ends every held poll's cursor. */
  notice(epoch: string): void {
    if (epoch === this.#current) return;
    const wasKnown = this.#current !== '';
    this.#current = epoch;
    if (wasKnown) this.#onNew();
  }

  async declare(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    for (const { id, name } of mailboxes) this.#declared.set(id, name);
    for (let i = 0; i < mailboxes.length; i += DECLARE_CHUNK) {
      await this.#declareChunk(mailboxes.slice(i, i + DECLARE_CHUNK));
    }
  }

  /** Reads the epoch, or makes it where Redis has none: the declare script does that even with nothing to declare. */
  async start(): Promise<void> {
    await this.#declareChunk([]);
  }

  async forget(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.#declared.delete(id);
    if (ids.length === 0) return;
    this.notice(await this.#link.script(forgetScript, this.#keys.data, [newEpoch(), this.#now().toISOString(), this.#link.publish, ...ids]) as string);
  }

  /** Redis lost the data (flushed, or a new empty server): declare everything again under a new epoch. */
  async recover(): Promise<void> {
    this.#log.warn({}, 'the data in Redis is gone (flushed or a new server); starting a new epoch');
    const declared = [...this.#declared].map(([id, name]) => ({ id, name }));
    try {
      // A config without mailboxes (counts only pushed) must recover as well.
      if (declared.length === 0) await this.start();
      else await this.declare(declared);
    } catch (error) {
      const problem = toStoreError(error);
      throw new StoreUnavailableError(`${lostData} and this instance could not start a new epoch: ${problem.message}`);
    }
  }

  async #declareChunk(mailboxes: readonly DeclaredMailbox[]): Promise<void> {
    const pairs = mailboxes.flatMap(({ id, name }) => [id, name]);
    this.notice(await this.#link.script(declareScript, this.#keys.data, [newEpoch(), this.#now().toISOString(), this.#link.publish, ...pairs]) as string);
  }
}
