import type { MailboxUpdate } from '../../../common/protocol.ts';
import type { ImapConfig } from './imap-config.ts';
import type { FolderCount } from './imap-session.ts';

/**
 * What an account writes for its mailboxes from its folders' latest counts:
 * each mailbox's folders summed, or the first of them that cannot be counted
 * and why. `note` goes beside each count ("" clears an earlier one).
 */
export function mailboxUpdates(config: Pick<ImapConfig, 'host' | 'mailboxes'>, counts: ReadonlyMap<string, FolderCount>, note: string): MailboxUpdate[] {
  const { host } = config;
  return config.mailboxes.map(({ id, folders }) => {
    const failed = folders.map((f) => [f, counts.get(f)] as const).find(([, c]) => !c || 'problem' in c);
    if (failed) {
      const why = failed[1] && 'problem' in failed[1] ? failed[1].problem : 'not counted';
      return { id, state: 'error', error: `the folder ${JSON.stringify(failed[0])} on ${host} cannot be counted: ${why}`, errorKind: 'folder', errorFacts: { folder: failed[0], host } };
    }
    const count = folders.reduce((sum, f) => sum + (counts.get(f) as { unseen: number }).unseen, 0);
    // Messages only where the session knows them for every folder (the watched one): a list from part of the mailbox would mislead.
    const messages = folders.length === 1 ? (counts.get(folders[0]!) as { messages?: MailboxUpdate['messages'] }).messages : undefined;
    return messages ? { id, count, state: 'ok', note, messages } : { id, count, state: 'ok', note };
  });
}

/** Every mailbox of an account failing for one reason. */
export function failingUpdates(config: Pick<ImapConfig, 'mailboxes'>, failure: Required<Pick<MailboxUpdate, 'error' | 'errorKind' | 'errorFacts'>>): MailboxUpdate[] {
  return config.mailboxes.map(({ id }) => ({ id, state: 'error', ...failure }));
}
