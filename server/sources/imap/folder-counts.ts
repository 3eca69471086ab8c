import type { ImapFlow } from 'imapflow';
import type { MessageSummary } from '../../../common/protocol.ts';
import { filterKey, type CountFilter } from '../filter/count-filter.ts';
import { serverWords } from './imap-error.ts';
import { GMAIL_CAPABILITY, unseenSearch } from './filter-search.ts';
import { highestUids, type NewestMessages } from './imap-newest.ts';

/**
 * What one count came to: a number (and, in the selected folder, its newest
 * matching messages), or why it could not be had; `kind` 'setup' when the
 * count cannot work on this server at all (a Gmail filter elsewhere).
 */
export type FolderCount = { unseen: number; messages?: MessageSummary[] } | { problem: string; kind?: 'setup' };

/** One thing a session counts: a folder's unseen messages, narrowed by a mailbox's filter. */
export interface CountUnit {
  /** The folder's name alone without a filter, so counts keep their old keys. */
  key: string;
  folder: string;
  filter?: CountFilter;
}

/** The key of a folder's count under a filter. */
export function countKey(folder: string, filter: CountFilter | undefined): string {
  return filter ? `${folder}\u0000${filterKey(filter)}` : folder;
}

/** The distinct counts a set of mailboxes needs, those of `first` (the selected folder) first. */
export function countUnits(mailboxes: ReadonlyArray<{ folders: readonly string[]; filter?: CountFilter }>, first: string): CountUnit[] {
  const units = new Map<string, CountUnit>();
  for (const { folders, filter } of mailboxes) {
    for (const folder of folders) {
      const key = countKey(folder, filter);
      if (!units.has(key)) units.set(key, filter ? { key, folder, filter } : { key, folder });
    }
  }
  const all = [...units.values()];
  return [...all.filter((u) => u.folder === first), ...all.filter((u) => u.folder !== first)];
}

export interface CountingOptions {
  /** The folder the session watches (selected read-only, IDLEd in). */
  first: string;
  newest: NewestMessages | undefined;
  now: number;
}

/**
 * Counts a session's units; a count that cannot be had says why. Rejects
 * when the connection fails. The other folders go first: a filtered count
 * there needs its folder examined (SEARCH reads only the selected one), and
 * the watched folder is examined again before its own counts, so nothing
 * that arrives there meanwhile is missed. With `newest`, the watched
 * folder's counts bring their newest matching messages.
 */
export async function countFolders(client: ImapFlow, units: readonly CountUnit[], options: CountingOptions): Promise<Map<string, FolderCount>> {
  const counts = new Map<string, FolderCount>();
  const { first } = options;
  const count = async (unit: CountUnit, counting: () => Promise<FolderCount | undefined>) => {
    if (unit.filter?.gmailCategory && !client.capabilities.has(GMAIL_CAPABILITY)) {
      counts.set(unit.key, { problem: `Gmail's "${unit.filter.gmailCategory}" tab is counted only on Gmail, and this server does not announce ${GMAIL_CAPABILITY}`, kind: 'setup' });
      return;
    }
    try {
      counts.set(unit.key, (await counting()) ?? { problem: 'the server gave no count' });
    } catch (error) {
      if (!client.usable) throw error;
      counts.set(unit.key, { problem: serverWords(error) });
    }
  };
  let hasLeftFirst = false;
  // Plain counts first: STATUS of a folder while it is selected would be the client bug above.
  const others = units.filter((u) => u.folder !== first);
  for (const unit of [...others.filter((u) => !u.filter), ...others.filter((u) => u.filter)]) {
    if (!unit.filter) {
      await count(unit, async () => {
        const status = await client.status(unit.folder, { unseen: true });
        return status && status.unseen !== undefined ? { unseen: status.unseen } : undefined;
      });
      continue;
    }
    await count(unit, async () => {
      hasLeftFirst = true;
      await client.mailboxOpen(unit.folder, { readOnly: true });
      return searchCount(client, unseenSearch(unit.filter, options.now), undefined);
    });
  }
  if (hasLeftFirst) await client.mailboxOpen(first, { readOnly: true });
  for (const unit of units.filter((u) => u.folder === first)) {
    await count(unit, () => searchCount(client, unseenSearch(unit.filter, options.now), options.newest));
  }
  return counts;
}

/**
 * SEARCH, not STATUS, in the selected folder: STATUS there is a client bug
 * by RFC 3501 (Dovecot answers "[CLIENTBUG]" with the session's stale view),
 * while SEARCH also brings the session up to date. With ESEARCH the answer
 * is one number however many messages match.
 */
async function searchCount(client: ImapFlow, query: Parameters<ImapFlow['search']>[0], newest: NewestMessages | undefined): Promise<FolderCount | undefined> {
  if (!newest) {
    const result = await client.search(query, { returnOptions: ['COUNT'] });
    if (Array.isArray(result)) return { unseen: result.length };
    return result ? { unseen: result.count ?? 0 } : undefined;
  }
  // ALL as well: the matching UIDs as a compact set ("3,7:9"), the newest of which get their envelopes shown.
  const result = await client.search(query, { uid: true, returnOptions: ['COUNT', 'ALL'] });
  if (!result) return undefined;
  const unseen = Array.isArray(result) ? result.length : result.count ?? 0;
  const uids = highestUids(Array.isArray(result) ? result : result.all, newest.limit);
  return { unseen, messages: await newest.of(client, uids) };
}
