import type { Mailbox } from '../../common/protocol.ts';

/**
 * "New since I last looked" (issue 23): per mailbox, the count the user last
 * saw (opening the window or the tray menu). A mailbox never seen counts all
 * its mail as new; a count that falls below what was seen lowers it, so mail
 * that arrives after some was read elsewhere is new again.
 */
export type SeenCounts = ReadonlyMap<string, number>;

/** What the user has seen now: every mailbox's current count. */
export function markSeen(mailboxes: readonly Mailbox[]): Map<string, number> {
  return new Map(mailboxes.map((m) => [m.id, m.count]));
}

/** The seen counts after an answer: lowered where mail was read, kept elsewhere. */
export function seenAfter(seen: SeenCounts, mailboxes: readonly Mailbox[]): Map<string, number> {
  const next = new Map<string, number>();
  for (const mailbox of mailboxes) {
    const was = seen.get(mailbox.id);
    if (was !== undefined) next.set(mailbox.id, Math.min(was, mailbox.count));
  }
  return next;
}

/** The mail new since the user last looked, in the mailboxes that are part of the total. */
export function newSinceSeen(mailboxes: readonly Mailbox[], seen: SeenCounts, isInTotal: (id: string) => boolean): number {
  return mailboxes.reduce((sum, m) => (isInTotal(m.id) ? sum + Math.max(0, m.count - (seen.get(m.id) ?? 0)) : sum), 0);
}
