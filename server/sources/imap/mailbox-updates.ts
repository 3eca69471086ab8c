import type { MailboxUpdate } from '../../../common/protocol.ts';
import type { ImapConfig } from './imap-config.ts';
import { countKey, type FolderCount } from './folder-counts.ts';

/**
 * What an account writes for its mailboxes from its folders' latest counts:
 * each mailbox's folders summed, or the first of them that cannot be counted
 * and why. `note` goes beside each count ("" clears an earlier one).
 */
export function mailboxUpdates(config: Pick<ImapConfig, 'host' | 'mailboxes'>, counts: ReadonlyMap<string, FolderCount>, note: string): MailboxUpdate[] {
  const { host } = config;
  return config.mailboxes.map(({ id, folders, filter }) => {
    const keys = folders.map((f) => countKey(f, filter));
    const failed = folders.map((f, i) => [f, counts.get(keys[i]!)] as const).find(([, c]) => !c || 'problem' in c);
    if (failed) {
      const [folder, count] = failed;
      if (count && 'problem' in count && count.kind === 'setup') {
        return { id, state: 'error', error: `the mailbox cannot be counted on ${host}: ${count.problem}`, errorKind: 'setup', errorFacts: { folder, host } };
      }
      const why = count && 'problem' in count ? count.problem : 'not counted';
      return { id, state: 'error', error: `the folder ${JSON.stringify(folder)} on ${host} cannot be counted: ${why}`, errorKind: 'folder', errorFacts: { folder, host } };
    }
    const count = keys.reduce((sum, key) => sum + (counts.get(key) as { unseen: number }).unseen, 0);
    // Messages only where the session knows them for every folder (the watched one): a list from part of the mailbox would mislead.
    const messages = folders.length === 1 ? (counts.get(keys[0]!) as { messages?: MailboxUpdate['messages'] }).messages : undefined;
    return messages ? { id, count, state: 'ok', note, messages } : { id, count, state: 'ok', note };
  });
}

/** Every mailbox of an account failing for one reason. */
export function failingUpdates(config: Pick<ImapConfig, 'mailboxes'>, failure: Required<Pick<MailboxUpdate, 'error' | 'errorKind' | 'errorFacts'>>): MailboxUpdate[] {
  return config.mailboxes.map(({ id }) => ({ id, state: 'error', ...failure }));
}
