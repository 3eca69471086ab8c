import type { ErrorFacts, FolderTally, Mailbox, MailboxUpdate, MessageSummary } from '../../common/protocol.ts';

/**
 * What moves a cursor, in one place. Every store asks `visibleChange` what an
 * update makes of a mailbox and whether a client would see it; the Redis
 * store's Lua compares the fields of `VISIBLE_FIELDS` (its comparison is
 * generated from that list, see redis-scripts.ts), so a field added here is
 * seen by every store or by none.
 */

/**
 * The fields a client sees, each with the key the Redis store keeps it under.
 * The Redis store keeps error facts, messages and folders as canonical JSON
 * texts (ef, mj, fj), so comparing those texts there is comparing them as
 * `sameFacts`, `sameMessages` and `sameFolders` do here. `changedAt`, `seq` and the version are not here: they
 * follow a visible change, they are not one.
 */
export const VISIBLE_FIELDS = [
  { field: 'count', stored: 'count' },
  { field: 'name', stored: 'name' },
  { field: 'state', stored: 'state' },
  { field: 'error', stored: 'error' },
  { field: 'errorKind', stored: 'errorKind' },
  { field: 'errorFacts', stored: 'ef' },
  { field: 'note', stored: 'note' },
  { field: 'messages', stored: 'mj' },
  { field: 'folders', stored: 'fj' },
] as const satisfies readonly { field: keyof Mailbox; stored: string }[];

export interface VisibleChange {
  /** The mailbox after the update; `before` itself when nothing visible changed. `changedAt` is left to the store, which owns the clock. */
  after: Mailbox;
  isVisible: boolean;
}

/** What `update` makes of `before`, and whether a client would see the difference (its cursor moves, its polls wake). */
export function visibleChange(before: Mailbox, update: MailboxUpdate): VisibleChange {
  const after: Mailbox = { ...before };
  if (update.name !== undefined) after.name = update.name;
  if (update.count !== undefined) after.count = update.count;
  // A fresh count without a state means the source is fine again.
  const state = update.state ?? (update.count !== undefined ? 'ok' : before.state);
  after.state = state;
  if (state === 'error') after.error = update.error ?? before.error ?? 'the source failed';
  else delete after.error;
  // The kind and facts belong to the sentence: a new error replaces them, a count or a rename keeps them.
  const isNewError = update.error !== undefined || update.errorKind !== undefined;
  const errorKind = state !== 'error' ? undefined : isNewError ? update.errorKind : before.errorKind;
  const errorFacts = state !== 'error' ? undefined : isNewError ? update.errorFacts : before.errorFacts;
  if (errorKind === undefined) delete after.errorKind;
  else after.errorKind = errorKind;
  if (errorFacts === undefined) delete after.errorFacts;
  else after.errorFacts = errorFacts;
  if (update.messages !== undefined) after.messages = update.messages;
  // One folder needs no breakdown: [] removes it, so a mailbox cut down to one folder loses it.
  if (update.folders?.length === 0) delete after.folders;
  else if (update.folders !== undefined) after.folders = update.folders;
  if (update.note === '') delete after.note;
  else if (update.note !== undefined) after.note = update.note;
  const isVisible = VISIBLE_FIELDS.some(({ field }) => !sameField(field, before, after));
  return isVisible ? { after, isVisible } : { after: before, isVisible };
}

function sameField(field: (typeof VISIBLE_FIELDS)[number]['field'], a: Mailbox, b: Mailbox): boolean {
  switch (field) {
    case 'errorFacts': return sameFacts(a.errorFacts, b.errorFacts);
    case 'messages': return sameMessages(a.messages, b.messages);
    case 'folders': return sameFolders(a.folders, b.folders);
    default: return a[field] === b[field];
  }
}

/** Whether two sets of error facts say the same, whatever their keys' order. */
export function sameFacts(a: ErrorFacts | undefined, b: ErrorFacts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Whether two lists of messages say the same; sources re-send the list on every recount. */
export function sameMessages(a: readonly MessageSummary[] | undefined, b: readonly MessageSummary[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((m, i) => m.id === b[i]!.id && m.from === b[i]!.from && m.subject === b[i]!.subject && m.date === b[i]!.date);
}

/** Whether two breakdowns say the same, folder by folder in their order; sources re-send it on every recount. */
export function sameFolders(a: readonly FolderTally[] | undefined, b: readonly FolderTally[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((f, i) => f.name === b[i]!.name && f.count === b[i]!.count);
}
