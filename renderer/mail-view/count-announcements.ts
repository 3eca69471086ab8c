import type { Translator } from '../../common/i18n/translator.ts';
import type { Timers } from '../../common/timers.ts';
import type { MailboxView } from '../../main/ipc-contract.ts';

/**
 * What the window says to screen readers when counts change (issue 23): a
 * polite live region, at most one announcement per `gapMs`, the changes in
 * between said together ("Work: 3 unread, Home: 1 unread"). Pure apart from
 * the injected clock, so a table of cases steps through it.
 */

/** One mailbox's count to announce. */
export interface CountChange {
  id: string;
  name: string;
  count: number;
}

/** Announcements at most this often: a burst of mail is one sentence, not one per message. */
export const ANNOUNCE_GAP_MS = 10_000;

// More than this many mailboxes at once are "and 3 more mailboxes".
const MAX_NAMED = 5;

/**
 * The counted mailboxes (state ok) whose count differs from `before`; a
 * mailbox not in `before` is new, and its first count is no change.
 */
export function countChanges(before: ReadonlyMap<string, number>, mailboxes: readonly MailboxView[]): CountChange[] {
  return mailboxes.flatMap((m) => {
    const was = before.get(m.id);
    return m.state === 'ok' && was !== undefined && was !== m.count ? [{ id: m.id, name: m.name, count: m.count }] : [];
  });
}

/** The counts of the counted mailboxes, to compare the next answer with. */
export function countsOf(mailboxes: readonly MailboxView[]): Map<string, number> {
  return new Map(mailboxes.filter((m) => m.state === 'ok').map((m) => [m.id, m.count]));
}

/** "Work: 3 unread, Home: no unread mail", in the window's language. */
export function announcementText(changes: readonly CountChange[], words: Translator): string {
  const named = changes.slice(0, MAX_NAMED).map((c) => words.t('live.mailbox', { name: c.name, count: c.count }));
  const more = changes.length - named.length;
  return words.list(more > 0 ? [...named, words.t('live.moreMailboxes', { count: more })] : named);
}

/**
 * Says changes at most once per `gapMs`: the first at once, the ones that
 * come within the gap together when it has passed, each mailbox with its
 * latest count, in the order they first changed. A mailbox back at the count
 * last said (one message came and was read) is left out.
 */
export class AnnouncementLimiter {
  readonly #timers: Timers;
  readonly #gapMs: number;
  readonly #say: (changes: CountChange[]) => void;
  #pending = new Map<string, CountChange>();
  /** What each mailbox's count was when last said, or when first seen. */
  readonly #said = new Map<string, number>();
  #lastSaidAt = -Infinity;
  #cancel: (() => void) | undefined;

  constructor(options: { timers: Timers; say: (changes: CountChange[]) => void; gapMs?: number }) {
    this.#timers = options.timers;
    this.#say = options.say;
    this.#gapMs = options.gapMs ?? ANNOUNCE_GAP_MS;
  }

  /** `before`: each changed mailbox's count before this change, as the window showed it. */
  push(changes: readonly CountChange[], before: ReadonlyMap<string, number>): void {
    for (const change of changes) {
      if (!this.#said.has(change.id) && before.has(change.id)) this.#said.set(change.id, before.get(change.id)!);
      // A mailbox already waiting keeps its place and takes its latest count.
      this.#pending.set(change.id, change);
    }
    if (this.#pending.size === 0 || this.#cancel) return;
    const wait = this.#lastSaidAt + this.#gapMs - this.#timers.now();
    if (wait <= 0) this.#flush();
    else this.#cancel = this.#timers.after(wait, () => this.#flush());
  }

  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#pending.clear();
  }

  #flush(): void {
    this.#cancel = undefined;
    const changes = [...this.#pending.values()].filter((c) => this.#said.get(c.id) !== c.count);
    this.#pending.clear();
    if (changes.length === 0) return;
    for (const change of changes) this.#said.set(change.id, change.count);
    this.#lastSaidAt = this.#timers.now();
    this.#say(changes);
  }
}
