import type { Logger } from '../../log.ts';
import type { MarkOutcome, MarkRequest } from '../source.ts';
import type { ImapConfig } from './imap-config.ts';
import type { ImapSession } from './imap-session.ts';

/** Marks messages of one of an account's mailboxes seen over its session; `session` is undefined while the account is not connected. */
export async function markMailboxRead(config: ImapConfig, session: ImapSession | undefined, mailboxId: string, request: MarkRequest, log: Logger): Promise<MarkOutcome> {
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
