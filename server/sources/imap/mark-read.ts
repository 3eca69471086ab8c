import type { ImapFlow } from 'imapflow';
import type { Logger } from '../../log.ts';
import type { MarkOutcome, MarkRequest } from '../source.ts';
import type { ImapConfig } from './imap-config.ts';
import type { NewestMessages } from './imap-newest.ts';

/** The session's part in marking read; a shape, so this file and imap-session.ts do not import each other. */
interface MarkingSession {
  markSeen(folders: readonly string[], request: MarkRequest): Promise<number>;
}

/** Marks messages of one of an account's mailboxes seen over its session; `session` is undefined while the account is not connected. */
export async function markMailboxRead(config: ImapConfig, session: MarkingSession | undefined, mailboxId: string, request: MarkRequest, log: Logger): Promise<MarkOutcome> {
  const mailbox = config.mailboxes.find((m) => m.id === mailboxId);
  if (!mailbox) return { refused: `the IMAP account ${config.user} does not feed the mailbox "${mailboxId}"` };
  if (!session) return { refused: `the IMAP account ${config.user} on ${config.host} is not connected now; try again when it is` };
  try {
    return { marked: await session.markSeen(mailbox.folders, request) };
  } catch (error) {
    log.warn({ host: config.host, err: error }, 'imap: marking messages read failed');
    return { refused: `${config.host} did not mark the messages read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Marks messages of `folders` seen with UID STORE +FLAGS (\Seen) on a
 * session's connection. The folders are selected read-write only for the
 * STORE; then the watched folder (`first`) is examined again, so imapflow
 * goes back to IDLE and no change is missed. Returns how many were unseen
 * and now are not; ids of messages that are gone are skipped (only the
 * watched folder's messages are known by id, in `newest`).
 */
export async function storeSeen(
  client: ImapFlow, first: string, folders: readonly string[], request: MarkRequest, newest: NewestMessages | undefined,
): Promise<number> {
  let marked = 0;
  try {
    if ('all' in request) {
      for (const folder of folders) {
        await client.mailboxOpen(folder, { readOnly: false });
        const uids = await client.search({ seen: false }, { uid: true });
        if (uids && uids.length > 0) await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
        marked += uids ? uids.length : 0;
      }
    } else if (folders.includes(first)) {
      const wanted = newest?.uidsOf(request.ids) ?? [];
      if (wanted.length > 0) {
        await client.mailboxOpen(first, { readOnly: false });
        const unseen = await client.search({ seen: false, uid: wanted.join(',') }, { uid: true });
        if (unseen && unseen.length > 0) await client.messageFlagsAdd(unseen, ['\\Seen'], { uid: true });
        marked = unseen ? unseen.length : 0;
      }
    }
  } finally {
    if (client.usable && (client.mailbox === false || client.mailbox.path !== first || !client.mailbox.readOnly)) {
      await client.mailboxOpen(first, { readOnly: true });
    }
  }
  return marked;
}
