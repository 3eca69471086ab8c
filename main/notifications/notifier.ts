import { translatorFor } from '../../common/i18n/translator.ts';
import type { Mailbox } from '../../common/protocol.ts';
import type { Timers } from '../../common/timers.ts';
import type { MailboxRules, NotificationSettings } from '../ipc-contract.ts';
import { afterDndNotification, DND_SETTLE_MS, holdNews, isHolding, stillNew, tellsAfterDnd, type HeldMailbox } from './dnd-hold.ts';
import { heardNews, isInSchedule } from './mailbox-rules.ts';
import {
  newMailNotification, notificationBlock, risesBetween, summaryNotification, type NewMailPrefs, type PlannedNotification,
} from './notification-policy.ts';
import { isNotificationStale, reminderNotification, type NamedNews } from './notification-truth.ts';
import type { MailboxNews } from './notification-text.ts';

/** Why a notification is shown: new mail (which may cue the tray icon), a summary, a reminder, or what came while Do Not Disturb was on. */
export type NotificationKind = 'new-mail' | 'summary' | 'reminder' | 'after-dnd';

const everyoneHeard: NewMailPrefs = {
  detail: 'sender-and-subject', words: translatorFor('en'), isMuted: () => false, canMarkRead: () => false, isInTotal: () => true,
};

export interface NotifierOptions {
  timers: Timers;
  settings: () => NotificationSettings;
  snoozedUntil: () => number | null;
  /** What to show and in which language, which mailboxes are muted, which may be marked read; everything in English, none, none by default. */
  prefs?: () => NewMailPrefs;
  show(notification: PlannedNotification, kind: NotificationKind): void;
  /** Per mailbox: sound, schedule, senders that always or never notify (mailbox-rules.ts); none by default. */
  rulesOf?: (id: string) => MailboxRules;
  /** Takes the notification on screen away: what it said was read elsewhere. */
  withdraw?: () => void;
  /** Whether the desktop's Do Not Disturb is on now (dnd-watch.ts); never by default. Call `doNotDisturbChanged` when it changes. */
  isDoNotDisturb?: () => boolean;
  /** Rises within this long of the first one make one notification. */
  burstMs?: number;
  /**
   * Every burst's news, before any rule or block holds a notification back:
   * what the new-mail hook runs on (hook-plan.ts). With it, rises are
   * gathered even while notifications are off.
   */
  onNews?: (news: readonly MailboxNews[]) => void;
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
  /** What the notification on screen said, until it is withdrawn or replaced. */
  #onScreen: NamedNews[] | undefined;
  #cancelReminder: (() => void) | undefined;
  #reminderMinutes = 0;
  /** New mail held while Do Not Disturb is on, told once when it ends (dnd-hold.ts). */
  #held: HeldMailbox[] = [];
  #cancelRelease: (() => void) | undefined;

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
    if (this.#onScreen && isNotificationStale(this.#onScreen, mailboxes)) {
      this.#onScreen = undefined;
      this.#options.withdraw?.();
    }
    this.settingsChanged();
    if (isFirst) {
      // A summary is no news: under Do Not Disturb it is not held, only left out.
      if (this.#options.settings().summaryAtStart && !this.#blocked() && !this.#isHolding()) {
        const { words, isMuted } = this.#prefs();
        const summary = summaryNotification(summaryOf ?? mailboxes, words, isMuted);
        if (summary) this.#show(summary, 'summary', this.#countsOf(summary.mailboxIds));
      }
      return;
    }
    // Not dropped while blocked: an important sender may notify in quiet hours (heardNews decides at the flush).
    const rises = risesBetween(before, mailboxes);
    if (rises.length === 0 || (this.#options.settings().enabled === false && !this.#options.onNews)) return;
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
    this.#onScreen = undefined;
    // Another server's mailboxes: what was held spoke of the old ones.
    this.#held = [];
    this.#cancelRelease?.();
    this.#cancelRelease = undefined;
  }

  /** Stops the reminder's timer (the app stops). */
  stop(): void {
    this.reset();
    this.#cancelReminder?.();
    this.#cancelReminder = undefined;
    this.#reminderMinutes = 0;
  }

  /** The settings may have changed: a reminder turned on, off or to another period starts counting from now; held mail may be told. */
  settingsChanged(): void {
    // Respecting Do Not Disturb turned off while mail is held: it is told as if Do Not Disturb ended.
    this.doNotDisturbChanged();
    const minutes = this.#options.settings().reminderMinutes ?? 0;
    if (minutes === this.#reminderMinutes) return;
    this.#reminderMinutes = minutes;
    this.#planReminder();
  }

  /**
   * The desktop's Do Not Disturb went on or off (or the setting that respects
   * it changed): once it has stayed off for DND_SETTLE_MS, the held mail is
   * told in one notification; back on before that, it stays held.
   */
  doNotDisturbChanged(): void {
    if (this.#isHolding()) {
      this.#cancelRelease?.();
      this.#cancelRelease = undefined;
    } else if (this.#held.length > 0) {
      this.#cancelRelease ??= this.#options.timers.after(DND_SETTLE_MS, () => this.#release());
    }
  }

  #isHolding(): boolean {
    return isHolding(this.#options.settings(), this.#options.isDoNotDisturb?.() ?? false);
  }

  #release(): void {
    this.#cancelRelease = undefined;
    const held = this.#held;
    this.#held = [];
    const settings = this.#options.settings();
    if (!tellsAfterDnd(settings, notificationBlock(settings, this.#options.snoozedUntil(), this.#options.timers.now()))) return;
    const { words, isMuted } = this.#prefs();
    const still = stillNew(held, this.#latest, isMuted);
    const notification = afterDndNotification(still, words);
    if (!notification) return;
    this.#show(notification, 'after-dnd', still.map((m) => ({ id: m.id, countAt: m.countNow, added: m.count, messageIds: [] })));
    if (this.#reminderMinutes > 0) this.#planReminder();
  }

  #planReminder(): void {
    this.#cancelReminder?.();
    this.#cancelReminder = this.#reminderMinutes > 0
      ? this.#options.timers.after(this.#reminderMinutes * 60_000, () => this.#remind())
      : undefined;
  }

  /** "7 unread in Work": the mailboxes that may notify now (not muted, in their schedule), unless notifications are blocked. */
  #remind(): void {
    this.#planReminder();
    // A reminder repeats what the badge says: under Do Not Disturb it is skipped, not held.
    if (this.#blocked() || this.#isHolding()) return;
    const now = this.#options.timers.now();
    const { words, isMuted } = this.#prefs();
    const heard = this.#latest.filter((m) => {
      const schedule = this.#rulesOf(m.id).schedule;
      return m.state === 'ok' && !isMuted(m.id) && (!schedule || isInSchedule(schedule, now));
    });
    const reminder = reminderNotification(heard, words);
    if (reminder) this.#show(reminder, 'reminder', this.#countsOf(reminder.mailboxIds));
  }

  /** For a summary or reminder: it spoke of the whole count of each mailbox. */
  #countsOf(ids: readonly string[]): NamedNews[] {
    return this.#latest.filter((m) => ids.includes(m.id)).map((m) => ({ id: m.id, countAt: m.count, added: m.count, messageIds: [] }));
  }

  #show(notification: PlannedNotification, kind: NotificationKind, named: NamedNews[]): void {
    this.#onScreen = named;
    this.#options.show(notification, kind);
  }

  #rulesOf(id: string): MailboxRules {
    return this.#options.rulesOf?.(id) ?? {};
  }

  #blocked(): boolean {
    return notificationBlock(this.#options.settings(), this.#options.snoozedUntil(), this.#options.timers.now()) !== undefined;
  }

  #flush(): void {
    this.#cancelBurst = undefined;
    const from = this.#burstFrom;
    this.#burstFrom = new Map();
    const now = this.#options.timers.now();
    const block = notificationBlock(this.#options.settings(), this.#options.snoozedUntil(), now);
    // Counted against the latest state: mail read within the burst is not news.
    const news = this.#latest.flatMap((m) => {
      const was = from.get(m.id);
      if (!was || m.count <= was.count) return [];
      const added = m.count - was.count;
      // The messages not there before the burst are the new ones; never more than the rise.
      const messages = (m.messages ?? []).filter((message) => !was.messageIds.has(message.id)).slice(0, added);
      return [{ id: m.id, name: m.name, added, messages }];
    });
    if (news.length > 0) this.#options.onNews?.(news);
    const heard = heardNews(news, (id) => this.#rulesOf(id), block, now);
    if (heard.length === 0) return;
    const prefs = this.#prefs();
    const total = this.#latest.reduce((sum, m) => sum + (prefs.isInTotal(m.id) ? m.count : 0), 0);
    const notification = newMailNotification(heard, total, prefs);
    if (!notification) return;
    if (this.#isHolding()) {
      // Held, with no sound: told once when Do Not Disturb ends (the muted were left out above).
      const counts = new Map(this.#latest.map((m) => [m.id, m.count]));
      this.#held = holdNews(this.#held, heard.filter((n) => notification.mailboxIds.includes(n.id)), (id) => counts.get(id) ?? 0);
      return;
    }
    const counts = new Map(this.#latest.map((m) => [m.id, m.count]));
    this.#show(notification, 'new-mail', heard.filter((n) => notification.mailboxIds.includes(n.id)).map((n) => ({
      id: n.id, countAt: counts.get(n.id) ?? 0, added: n.added, messageIds: n.messages.map((m) => m.id),
    })));
    // A reminder right after the news would only repeat it.
    if (this.#reminderMinutes > 0) this.#planReminder();
  }

  #prefs(): NewMailPrefs {
    return this.#options.prefs?.() ?? everyoneHeard;
  }
}
