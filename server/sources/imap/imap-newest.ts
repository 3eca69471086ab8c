import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MessageSummary } from '../../../common/protocol.ts';
import { summaryFromHeader } from '../../messages/message-text.ts';

/**
 * The newest unseen messages of the selected folder. Each message's header
 * is fetched once: summaries are kept by UID (under the folder's
 * UIDVALIDITY), so the count after IDLE reports one new message costs one
 * FETCH of one message's header fields, and a count after a flag change costs none.
 */
export class NewestMessages {
  readonly #limit: number;
  #uidValidity: bigint | undefined;
  #known = new Map<number, MessageSummary>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  get limit(): number {
    return this.#limit;
  }

  /** The summaries of the newest `limit` of `unseenUids` (higher UIDs arrived later), newest first. */
  async of(client: ImapFlow, unseenUids: readonly number[]): Promise<MessageSummary[]> {
    const uidValidity = client.mailbox === false ? undefined : client.mailbox.uidValidity;
    if (uidValidity !== this.#uidValidity) {
      // A new UIDVALIDITY means UIDs were handed out again: nothing known still holds.
      this.#uidValidity = uidValidity;
      this.#known = new Map();
    }
    const newest = [...unseenUids].sort((a, b) => b - a).slice(0, this.#limit);
    const missing = newest.filter((uid) => !this.#known.has(uid));
    if (missing.length > 0) {
      const fetched = await client.fetchAll(missing.join(','), { uid: true, headers: summaryFields, internalDate: true }, { uid: true });
      for (const message of fetched) this.#known.set(message.uid, await summaryOf(message, `${String(uidValidity)}.${message.uid}`));
    }
    const known = new Map<number, MessageSummary>();
    const summaries: MessageSummary[] = [];
    for (const uid of newest) {
      const summary = this.#known.get(uid);
      // Missing: expunged between the SEARCH and the FETCH; the next count will not list it.
      if (!summary) continue;
      known.set(uid, summary);
      summaries.push(summary);
    }
    // Several counts of the folder (one per filter) share what is known, within a bound.
    this.#known = this.#known.size + known.size > this.#limit * 8 ? known : new Map([...this.#known, ...known]);
    return summaries;
  }

  /** The UIDs among `ids` that name messages of the selected folder as it is now; others are gone. */
  uidsOf(ids: readonly string[]): number[] {
    const prefix = `${String(this.#uidValidity)}.`;
    return ids
      .filter((id) => this.#uidValidity !== undefined && id.startsWith(prefix))
      .map((id) => Number(id.slice(prefix.length)))
      .filter((uid) => Number.isSafeInteger(uid) && uid > 0);
  }
}

/*
 * The header fields themselves, not the ENVELOPE: the server's envelope hands
 * on raw 8-bit bytes and unknown charsets that imapflow can only show as
 * U+FFFD, while the fields (with Content-Type, whose charset names what raw
 * bytes are) go through the same decoding as a Maildir's messages.
 */
const summaryFields = ['from', 'subject', 'date', 'content-type'];

async function summaryOf(message: FetchMessageObject, id: string): Promise<MessageSummary> {
  return summaryFromHeader(message.headers ?? new Uint8Array(), id, validDate(message.internalDate));
}

function validDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The `n` highest UIDs in an ESEARCH `ALL` sequence set ("1,5:7,20"), or in
 * the plain list a server without ESEARCH sends, without spelling out a set
 * of a million unseen messages.
 */
export function highestUids(all: string | readonly number[] | undefined, n: number): number[] {
  if (all === undefined || n === 0) return [];
  if (typeof all !== 'string') return [...all].sort((a, b) => b - a).slice(0, n);
  const ranges = all.split(',').map((part) => {
    const [from, to = from] = part.split(':').map(Number) as [number, number?];
    return { low: Math.min(from, to), high: Math.max(from, to) };
  }).filter((r) => Number.isSafeInteger(r.low) && Number.isSafeInteger(r.high));
  ranges.sort((a, b) => b.high - a.high);
  const uids: number[] = [];
  for (const { low, high } of ranges) {
    for (let uid = high; uid >= low && uids.length < n; uid--) uids.push(uid);
    if (uids.length >= n) break;
  }
  return uids;
}
