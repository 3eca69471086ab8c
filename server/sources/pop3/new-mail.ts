import type { MaildropEntry } from './pop3-client.ts';

/**
 * Which messages of a POP3 maildrop are new to Mailtray. POP3 has no \Seen
 * flag, so "unread" cannot be asked; instead the messages present at the
 * first successful check are taken as old (an inbox full of old mail starts
 * at 0), and every message that arrives after that counts until it leaves
 * the server (a mail client downloads and deletes it, or it is deleted).
 * UIDLs are never reused for another message (RFC 1939 7), so an old one
 * that is gone is forgotten. Kept in memory: after a restart the maildrop
 * as it is then becomes the old mail (docs/sources.md, "POP3 accounts").
 */
export class NewMail {
  /** The UIDLs present at the first check and still on the server; undefined before the first check. */
  #old: Set<string> | undefined;

  /** The new messages of this listing, in its order (oldest first). */
  check(listing: readonly MaildropEntry[]): MaildropEntry[] {
    if (this.#old === undefined) {
      this.#old = new Set(listing.map((entry) => entry.uidl));
      return [];
    }
    const present = new Set(listing.map((entry) => entry.uidl));
    for (const uidl of this.#old) if (!present.has(uidl)) this.#old.delete(uidl);
    // A UIDL listed twice (no sound server does it) counts once: message ids are unique in a mailbox.
    const counted = new Set<string>();
    return listing.filter((entry) => !this.#old!.has(entry.uidl) && !counted.has(entry.uidl) && Boolean(counted.add(entry.uidl)));
  }
}
