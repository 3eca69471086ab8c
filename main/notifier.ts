import type { Mailbox } from '../common/protocol.ts';
import type { Timers } from '../common/timers.ts';
import type { NotificationSettings } from './ipc-contract.ts';
import {
  newMailNotification, notificationBlock, risesBetween, summaryNotification, type PlannedNotification,
} from './notification-policy.ts';

export interface NotifierOptions {
  timers: Timers;
  settings: () => NotificationSettings;
  snoozedUntil: () => number | null;
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
  // Per mailbox in the current burst: its count before the burst's first rise.
  #burstFrom = new Map<string, number>();
  #cancelBurst: (() => void) | undefined;

  constructor(options: NotifierOptions) {
    this.#options = options;
  }

  /** A new answer. `isFirst`: after start, a new server or a reconnect: counts taken silently. */
  update(mailboxes: readonly Mailbox[], { isFirst }: { isFirst: boolean }): void {
    const before = this.#latest;
    this.#latest = mailboxes;
    if (isFirst) {
      if (this.#options.settings().summaryAtStart && !this.#blocked()) {
        const summary = summaryNotification(mailboxes);
        if (summary) this.#options.show(summary);
      }
      return;
    }
    const rises = risesBetween(before, mailboxes);
    if (rises.length === 0 || this.#blocked()) return;
    const beforeById = new Map(before.map((m) => [m.id, m.count]));
    for (const rise of rises) {
      if (!this.#burstFrom.has(rise.id)) this.#burstFrom.set(rise.id, beforeById.get(rise.id)!);
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
    const rises = this.#latest
      .filter((m) => from.has(m.id) && m.count > from.get(m.id)!)
      .map((m) => ({ id: m.id, name: m.name, added: m.count - from.get(m.id)! }));
    if (rises.length === 0) return;
    const total = this.#latest.reduce((sum, m) => sum + m.count, 0);
    this.#options.show(newMailNotification(rises, total));
  }
}
