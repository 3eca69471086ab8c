/**
 * Which of an account's folders a mailbox counts (issue 22): the account's
 * folders as the server lists them, the one-click choices, and what the
 * folder picker shows. Pure: main, the window and the tests share it.
 */

/** How the folders were chosen: Inbox only, every folder but the ones mail does not arrive in, or a set picked by hand. */
export const folderChoiceKinds = ['inbox', 'all-except', 'chosen'] as const;
export type FolderChoiceKind = (typeof folderChoiceKinds)[number];

/**
 * A folder's special use (RFC 6154), as the server flags it (or imapflow
 * guesses it from a well-known name where the server has no SPECIAL-USE).
 * `all` and `flagged` are virtual folders that show mail of other folders again.
 */
export type SpecialUse = 'inbox' | 'sent' | 'drafts' | 'junk' | 'trash' | 'archive' | 'all' | 'flagged';

/** One folder as the server lists it. `path` is the whole name in its own script (modified UTF-7 decoded); the settings keep it. */
export interface ServerFolder {
  path: string;
  /** The last part of the path, as the tree shows it. */
  name: string;
  /** How deep in the tree: 0 for a top-level folder. */
  depth: number;
  specialUse?: SpecialUse;
  /** false for a folder that only holds other folders (\Noselect, \NonExistent): it has no mail to count. */
  isSelectable: boolean;
}

/** The account's folder choice, as the settings keep it. */
export interface FolderChoice {
  kind: FolderChoiceKind;
  /** The folders counted, summed into the account's one mailbox. */
  folders: readonly string[];
  /** Every folder the server had when the choice was saved: a folder not among them is new, and offered. */
  known?: readonly string[];
}

/** The most folders one account may count or know: far beyond a person's mail, small enough for the settings file. */
export const MAX_FOLDERS = 1000;
export const MAX_FOLDER_LENGTH = 500;

/** "All folders except Sent, Drafts, Junk and Trash" leaves these out, and the virtual folders that repeat other folders' mail. */
const leftOutByRule: ReadonlySet<SpecialUse> = new Set(['sent', 'drafts', 'junk', 'trash', 'all', 'flagged']);

/** The special folders first, in the order mail programs show them; then the rest as their tree has them. */
const specialOrder: readonly SpecialUse[] = ['inbox', 'sent', 'drafts', 'junk', 'trash', 'archive'];

/** IMAP's INBOX is case-insensitive (RFC 3501 5.1): "inbox" and "INBOX" are one folder. */
export function isInbox(path: string): boolean {
  return path.toUpperCase() === 'INBOX';
}

/** The listing in the picker's order: Inbox, Sent, Drafts, Junk, Trash, Archive, then every other folder in its tree. */
export function pickerOrder(listing: readonly ServerFolder[]): ServerFolder[] {
  const rank = (f: ServerFolder) => {
    const use = isInbox(f.path) ? 'inbox' : f.specialUse;
    const at = use === undefined ? -1 : specialOrder.indexOf(use);
    return at === -1 ? specialOrder.length : at;
  };
  // Tree order is the paths' order, parents before their children; the server's own order is kept otherwise.
  return listing.map((folder, at) => ({ folder, at, rank: rank(folder) }))
    .sort((a, b) => a.rank - b.rank || (a.rank === specialOrder.length ? treeOrder(a.folder, b.folder) : 0) || a.at - b.at)
    .map(({ folder }) => folder);
}

function treeOrder(a: ServerFolder, b: ServerFolder): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The folders a one-click choice counts in this listing; a hand-picked set keeps what of it the server still has. */
export function foldersOfChoice(kind: FolderChoiceKind, listing: readonly ServerFolder[], chosen: readonly string[] = []): string[] {
  const selectable = listing.filter((f) => f.isSelectable);
  switch (kind) {
    case 'inbox':
      return [selectable.find((f) => isInbox(f.path))?.path ?? 'INBOX'];
    case 'all-except':
      return pickerOrder(selectable.filter((f) => isInbox(f.path) || !leftOutByRule.has(f.specialUse!))).map((f) => f.path);
    case 'chosen': {
      const wanted = new Set(chosen);
      return pickerOrder(selectable.filter((f) => wanted.has(f.path))).map((f) => f.path);
    }
  }
}

/** One line of the picker. */
export interface PickerRow {
  folder: ServerFolder;
  isChecked: boolean;
  /** Not among the folders the server had when the choice was saved: "New folder: X — add?". */
  isNew: boolean;
}

/** What the picker shows for a saved choice and the server's folders now. */
export interface PickerView {
  rows: PickerRow[];
  /** Counted folders the server no longer has (deleted, or renamed: the new name is then a new folder). */
  gone: string[];
  /** The new folders among the rows, by path: what the picker offers to add. */
  offered: string[];
}

/**
 * The picker for a choice: which folders are ticked, which are new, which are
 * gone. A new folder is never counted silently: with Inbox only or a chosen set
 * it is offered unticked; with "All folders except …" the choice is the rule, so
 * it is ticked by the rule and named as new, and counting starts only when the
 * person saves (until then the server counts what was saved).
 */
export function pickerView(choice: FolderChoice, listing: readonly ServerFolder[]): PickerView {
  const known = choice.known === undefined ? undefined : new Set(choice.known);
  const listed = new Set(listing.map((f) => f.path));
  const ticked = new Set(choice.kind === 'chosen' ? foldersOfChoice('chosen', listing, choice.folders) : foldersOfChoice(choice.kind, listing));
  // With no saved listing (a file from before folders were picked), nothing can be told apart as new.
  const rows = pickerOrder(listing).map((folder) => ({
    folder,
    isChecked: ticked.has(folder.path),
    isNew: known !== undefined && folder.isSelectable && !known.has(folder.path),
  }));
  return {
    rows,
    gone: choice.folders.filter((path) => !listed.has(path) && !(isInbox(path) && [...listed].some(isInbox))),
    offered: rows.filter((r) => r.isNew).map((r) => r.folder.path),
  };
}

/**
 * The choice a picker's ticks make: Inbox only or the rule when the ticks are
 * exactly what those give, else a chosen set. So a person who ticks their way
 * back to the rule's folders is back on the rule.
 */
export function choiceOfTicks(ticked: readonly string[], listing: readonly ServerFolder[]): FolderChoice {
  const folders = pickerOrder(listing.filter((f) => ticked.includes(f.path) && f.isSelectable)).map((f) => f.path);
  const known = listing.map((f) => f.path);
  const same = (a: readonly string[]) => a.length === folders.length && a.every((p, i) => p === folders[i]);
  if (same(foldersOfChoice('inbox', listing))) return { kind: 'inbox', folders, known };
  if (same(foldersOfChoice('all-except', listing))) return { kind: 'all-except', folders, known };
  return { kind: 'chosen', folders, known };
}
