import { readFile, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { MaildropEntry } from './pop3-client.ts';

/** Where the old mail is remembered across restarts, and whose maildrop it is (a file left by another account is not used). */
export interface NewMailFile {
  path: string;
  account: string;
  /** Told once when the file cannot be written; the old mail is then kept in memory only. */
  warn(message: string): void;
}

interface StateFile {
  account: string;
  old: string[];
}

/**
 * Which messages of a POP3 maildrop are new to Mailtray. POP3 has no \Seen
 * flag, so "unread" cannot be asked; instead the messages present at the
 * first successful check are taken as old (an inbox full of old mail starts
 * at 0), and every message that arrives after that counts until it leaves
 * the server (a mail client downloads and deletes it, or it is deleted).
 * UIDLs are never reused for another message (RFC 1939 7), so an old one
 * that is gone is forgotten. Without a `stateFile` the old mail is kept in
 * memory: after a restart the maildrop as it is then becomes the old mail
 * (docs/sources.md, "POP3 accounts").
 */
export class NewMail {
  readonly #file: NewMailFile | undefined;
  /** The UIDLs present at the first check and still on the server; undefined before the first check. */
  #old: Set<string> | undefined;
  #isWriteWarned = false;

  constructor(file?: NewMailFile) {
    this.#file = file;
  }

  /** The new messages of this listing, in its order (oldest first). */
  async check(listing: readonly MaildropEntry[]): Promise<MaildropEntry[]> {
    this.#old ??= await this.#remembered();
    let isChanged = false;
    if (this.#old === undefined) {
      this.#old = new Set(listing.map((entry) => entry.uidl));
      isChanged = true;
    } else {
      const present = new Set(listing.map((entry) => entry.uidl));
      for (const uidl of this.#old) {
        if (present.has(uidl)) continue;
        this.#old.delete(uidl);
        isChanged = true;
      }
    }
    if (isChanged) await this.#remember(this.#old);
    const old = this.#old;
    // A UIDL listed twice (no sound server does it) counts once: message ids are unique in a mailbox.
    const counted = new Set<string>();
    return listing.filter((entry) => !old.has(entry.uidl) && !counted.has(entry.uidl) && Boolean(counted.add(entry.uidl)));
  }

  /** The old mail a run before this one saw, if it wrote it down for this account. */
  async #remembered(): Promise<Set<string> | undefined> {
    if (this.#file === undefined) return undefined;
    try {
      const state = JSON.parse(await readFile(this.#file.path, 'utf8')) as Partial<StateFile>;
      if (state.account !== this.#file.account || !Array.isArray(state.old)) return undefined;
      return new Set(state.old.filter((uidl): uidl is string => typeof uidl === 'string'));
    } catch {
      // No file yet, or a broken one: this check is the first sight.
      return undefined;
    }
  }

  /** Written beside the file and renamed over it, so a crash leaves one whole file. */
  async #remember(old: ReadonlySet<string>): Promise<void> {
    if (this.#file === undefined) return;
    const { path, account } = this.#file;
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      const file = await open(temporary, 'w', 0o600);
      try {
        await file.writeFile(`${JSON.stringify({ account, old: [...old] } satisfies StateFile)}\n`);
      } finally {
        await file.close();
      }
      await rename(temporary, path);
      this.#isWriteWarned = false;
    } catch (error) {
      if (this.#isWriteWarned) return;
      this.#isWriteWarned = true;
      this.#file.warn(`pop3: the old mail cannot be written to ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); `
        + 'it is kept in memory, so a restart takes the maildrop as it is then as old');
    }
  }
}
