import { MAX_FOLDERS_PER_MAILBOX, type FolderTally } from '../../common/protocol.ts';

/**
 * A mailbox's breakdown (docs/protocol.md, "Folders of a mailbox"): each folder with its
 * count, in the config's order, as far as the protocol's bound. IMAP and Maildir sources share it.
 */
export function folderTally(names: readonly string[], counts: readonly number[]): FolderTally[] {
  return names.slice(0, MAX_FOLDERS_PER_MAILBOX).map((name, i) => ({ name, count: counts[i] ?? 0 }));
}
