import PostalMime, { type Address } from 'postal-mime';
import { headerInUtf8 } from '../messages/header-charsets.ts';
import type { CountFilter } from './filter/count-filter.ts';
import { matchesFilter, type MessageFacts } from './filter/filter-match.ts';
import { deliveredAt, pathOf, readHeader, uniqueOf, type UnseenFile } from './maildir-messages.ts';

/**
 * A Maildir's unread messages narrowed by a mailbox's filter. Each header is
 * read once: what the filter looks at is kept by the message's unique name
 * (which a flag change or a move to cur/ does not alter), for as long as
 * the message stays unread.
 */
export class MaildirFilter {
  readonly #filter: CountFilter;
  #known = new Map<string, Omit<MessageFacts, 'isFlagged'>>();

  constructor(filter: CountFilter) {
    this.#filter = filter;
  }

  async matching(unseen: readonly UnseenFile[], now: number): Promise<UnseenFile[]> {
    const known = new Map<string, Omit<MessageFacts, 'isFlagged'>>();
    const matching: UnseenFile[] = [];
    for (const file of unseen) {
      const key = `${file.folder}/${uniqueOf(file.name)}`;
      const facts = this.#known.get(key) ?? await headerFacts(file);
      // Gone since the folder was listed: the watch brings the recount that sees where it went.
      if (!facts) continue;
      known.set(key, facts);
      if (matchesFilter({ ...facts, isFlagged: isFlagged(file.name) }, this.#filter, now)) matching.push(file);
    }
    this.#known = known;
    return matching;
  }
}

/** The `F` (flagged) flag of a Maildir name's info part (`:2,FS`). */
export function isFlagged(name: string): boolean {
  const info = name.lastIndexOf(':2,');
  return info >= 0 && name.includes('F', info + 3);
}

async function headerFacts(file: UnseenFile): Promise<Omit<MessageFacts, 'isFlagged'> | undefined> {
  let header: Buffer;
  try {
    header = await readHeader(pathOf(file));
  } catch {
    return undefined;
  }
  const email = await PostalMime.parse(headerInUtf8(header), { attachmentEncoding: 'arraybuffer' });
  const sent = email.date ? Date.parse(email.date) : Number.NaN;
  const { seconds } = deliveredAt(file.name);
  return {
    from: addresses(email.from ? [email.from] : []),
    to: addresses([...(email.to ?? []), ...(email.cc ?? [])]),
    sentAt: Number.isNaN(sent) ? (seconds > 0 ? seconds * 1000 : undefined) : sent,
  };
}

/** Every address, groups opened, lower-cased. */
function addresses(list: readonly Address[]): string[] {
  return list.flatMap((item) => ('group' in item && item.group ? item.group.map((m) => m.address) : [(item as { address?: string }).address]))
    .filter((a): a is string => typeof a === 'string' && a.includes('@'))
    .map((a) => a.toLowerCase());
}
