import type { ImapFlow } from 'imapflow';
import type { MessageSummary } from '../../../common/protocol.ts';
import { serverWords } from './imap-error.ts';
import { highestUids, type NewestMessages } from './imap-newest.ts';

/** What one folder's count came to: a number (and, for the selected folder, its newest unseen messages), or why it could not be had. */
export type FolderCount = { unseen: number; messages?: MessageSummary[] } | { problem: string };

/**
 * Counts a session's folders, the selected one first; a folder that cannot
 * be counted says why. Rejects when the connection fails. With `newest`, the
 * selected folder's count brings its newest unseen messages.
 */
export async function countFolders(client: ImapFlow, folders: readonly string[], newest: NewestMessages | undefined): Promise<Map<string, FolderCount>> {
  const counts = new Map<string, FolderCount>();
  for (const [i, folder] of folders.entries()) {
    try {
      const counted = i === 0 ? await countSelected(client, newest) : await countOther(client, folder);
      counts.set(folder, counted === undefined ? { problem: 'the server gave no count' } : typeof counted === 'number' ? { unseen: counted } : counted);
    } catch (error) {
      if (!client.usable) throw error;
      counts.set(folder, { problem: serverWords(error) });
    }
  }
  return counts;
}

/**
 * SEARCH UNSEEN, not STATUS, for the selected folder: STATUS there is a client
 * bug by RFC 3501 (Dovecot answers "[CLIENTBUG]" with the session's stale
 * view), while SEARCH also brings the session up to date. With ESEARCH the
 * answer is one number however many messages match.
 */
async function countSelected(client: ImapFlow, newest: NewestMessages | undefined): Promise<number | { unseen: number; messages: MessageSummary[] } | undefined> {
  if (!newest) {
    const result = await client.search({ seen: false }, { returnOptions: ['COUNT'] });
    if (Array.isArray(result)) return result.length;
    return result ? result.count ?? 0 : undefined;
  }
  // ALL as well: the unseen UIDs as a compact set ("3,7:9"), the newest of which get their envelopes shown.
  const result = await client.search({ seen: false }, { uid: true, returnOptions: ['COUNT', 'ALL'] });
  if (!result) return undefined;
  const unseen = Array.isArray(result) ? result.length : result.count ?? 0;
  const uids = highestUids(Array.isArray(result) ? result : result.all, newest.limit);
  return { unseen, messages: await newest.of(client, uids) };
}


async function countOther(client: ImapFlow, folder: string): Promise<number | undefined> {
  const status = await client.status(folder, { unseen: true });
  return status ? status.unseen : undefined;
}
