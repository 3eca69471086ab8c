import { translatorFor } from '../../common/i18n/translator.ts';
import type { Mailbox } from '../../common/protocol.ts';
import type { Timers } from '../../common/timers.ts';
import type { NotificationSettings } from '../ipc-contract.ts';
import {
  newMailNotification, notificationBlock, risesBetween, summaryNotification, type NewMailPrefs, type PlannedNotification,
} from './notification-policy.ts';

const everyoneHeard: NewMailPrefs = {
  detail: 'sender-and-subject', words: translatorFor('en'), isMuted: () => false, canMarkRead: () => false, isInTotal: () => true,
};

export interface NotifierOptions {
  timers: Timers;
  settings: () => NotificationSettings;
  snoozedUntil: () => number | null;
  /** What to show and in which language, which mailboxes are muted, which may be marked read; everything in English, none, none by default. */
  prefs?: () => NewMailPrefs;
  show(notification: PlannedNotification): void;
  /** Rises within this long of the first one make one notification. */
  burstMs?: number;
}

/**
 * Turns the stream of answers into notifications (DESIGN.md, "Notifications"):
 * only on rises, one per burst, none for a baseline, none while blocked.
 */
export class Notifier {
  readonly #options: NotifierOptions;
  /** The last answer's mailboxes: what the next answer's rises are counted from. */
  #latest: readonly Mailbox[] = [];
  // Per mailbox in the current burst: its count, and the messages it had, before the burst's first rise.
  #burstFrom = new Map<string, { count: number; messageIds: Set<string> }>();
  #cancelBurst: (() => void) | undefined;

  constructor(options: NotifierOptions) {
    this.#options = options;
  }

  /**
   * A new answer. `isFirst`: after start, a new server or a reconnect: counts taken silently.
   * `summaryOf`: with several servers, the answering server's mailboxes, which the summary at start speaks of.
   */
  update(mailboxes: readonly Mailbox[], { isFirst, summaryOf }: { isFirst: boolean; summaryOf?: readonly Mailbox[] }): void {
    const before = this.#latest;
    this.#latest = mailboxes;
    if (isFirst) {
      if (this.#options.settings().summaryAtStart && !this.#blocked()) {
        const { words, isMuted } = this.#prefs();
        const summary = summaryNotification(summaryOf ?? mailboxes, words, isMuted);
        if (summary) this.#options.show(summary);
      }
      return;
    }
    const rises = risesBetween(before, mailboxes);
    if (rises.length === 0 || this.#blocked()) return;
    const beforeById = new Map(before.map((m) => [m.id, m]));
    for (const rise of rises) {
      const was = beforeById.get(rise.id)!;
      if (!this.#burstFrom.has(rise.id)) this.#burstFrom.set(rise.id, { count: was.count, messageIds: new Set(was.messages?.map((m) => m.id)) });
    }
    this.#cancelBurst ??= this.#options.timers.after(this.#options.burstMs ?? 2000, () => this.#flush());
  }

  /** Drops a burst under way (the server changed: its mailboxes are another set). */
  reset(): void {
    this.#cancelBurst?.();
    this.#cancelBurst = undefined;
    this.#burstFrom.clear();
    this.#latest = [];
  }

  #blocked(): boolean {
    return notificationBlock(this.#options.settings(), this.#options.snoozedUntil(), this.#options.timers.now()) !== undefined;
  }

  #flush(): void {
    this.#cancelBurst = undefined;
    const from = this.#burstFrom;
    this.#burstFrom = new Map();
    if (this.#blocked()) return;
    // Counted against the latest state: mail read within the burst is not news.
    const news = this.#latest.flatMap((m) => {
      const was = from.get(m.id);
      if (!was || m.count <= was.count) return [];
      const added = m.count - was.count;
      // The messages not there before the burst are the new ones; never more than the rise.
      const messages = (m.messages ?? []).filter((message) => !was.messageIds.has(message.id)).slice(0, added);
      return [{ id: m.id, name: m.name, added, messages }];
    });
    if (news.length === 0) return;
    const prefs = this.#prefs();
    const total = this.#latest.reduce((sum, m) => sum + (prefs.isInTotal(m.id) ? m.count : 0), 0);
    const notification = newMailNotification(news, total, prefs);
    if (notification) this.#options.show(notification);
  }

  #prefs(): NewMailPrefs {
    return this.#options.prefs?.() ?? everyoneHeard;
  }
}
