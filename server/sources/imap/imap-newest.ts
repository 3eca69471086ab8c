import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MessageSummary } from '../../../common/protocol.ts';
import { cleanText, senderText } from '../../messages/message-text.ts';

/**
 * The newest unseen messages of the selected folder. Each message's envelope
 * is fetched once: summaries are kept by UID (under the folder's
 * UIDVALIDITY), so the count after IDLE reports one new message costs one
 * FETCH of one envelope, and a count after a flag change costs none.
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
      const fetched = await client.fetchAll(missing.join(','), { uid: true, envelope: true, internalDate: true }, { uid: true });
      for (const message of fetched) this.#known.set(message.uid, summaryOf(message, `${String(uidValidity)}.${message.uid}`));
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
    this.#known = known;
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

function summaryOf(message: FetchMessageObject, id: string): MessageSummary {
  // imapflow decodes the envelope's RFC 2047 words (with libmime, as nodemailer does).
  const envelope = message.envelope ?? {};
  const [sender] = envelope.from ?? [];
  const summary: MessageSummary = { id, from: senderText(sender?.name, sender?.address), subject: cleanText(envelope.subject ?? '') };
  const date = validDate(envelope.date) ?? validDate(message.internalDate);
  if (date) summary.date = date.toISOString();
  return summary;
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
