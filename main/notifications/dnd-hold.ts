import type { Translator } from '../../common/i18n/translator.ts';
import type { Mailbox } from '../../common/protocol.ts';
import { cutText } from '../../common/cut-text.ts';
import type { NotificationSettings } from '../ipc-contract.ts';
import type { NotificationBlock, PlannedNotification } from './notification-policy.ts';

/**
 * The desktop's Do Not Disturb (issue 23): while it is on, new mail is held
 * (no notification, no sound); when it ends, one notification may say what
 * arrived meanwhile ("3 new messages while Do Not Disturb was on"). Pure: the
 * notifier passes in whether Do Not Disturb is on, the settings and the
 * counts, and steps its one timer (the settle below) on the injected clock.
 */

/** One mailbox's mail held while Do Not Disturb was on. */
export interface HeldMailbox {
  id: string;
  name: string;
  /** Its count before the first mail held: what it falls back to when all of that was read elsewhere. */
  countBefore: number;
  /** How much mail was held, over all the bursts. */
  added: number;
}

/**
 * How long Do Not Disturb must stay off before the held mail is told. GNOME
 * and Plasma turn it off and on again within a moment when a person flips the
 * switch twice, or when a Focus schedule hands over to another: one
 * notification, not one per flip.
 */
export const DND_SETTLE_MS = 3000;

// Mailboxes named in the body; more are "and 3 more", as in new-mail notifications.
const MAX_LISTED = 4;

/** Whether new mail is held now: the setting respects Do Not Disturb (on unless turned off) and the desktop says it is on. */
export function isHolding(settings: Pick<NotificationSettings, 'respectDnd'>, isDndOn: boolean): boolean {
  return isDndOn && settings.respectDnd !== false;
}

/**
 * The held mail with a burst's news added: per mailbox, the count before its
 * first held mail stays, the rises add up. `countNow` is the mailbox's count
 * with the burst in it.
 */
export function holdNews(
  held: readonly HeldMailbox[], news: ReadonlyArray<{ id: string; name: string; added: number }>, countNow: (id: string) => number,
): HeldMailbox[] {
  const byId = new Map(held.map((h) => [h.id, { ...h }]));
  for (const n of news) {
    if (n.added <= 0) continue;
    const was = byId.get(n.id);
    if (was) {
      was.added += n.added;
      was.name = n.name;
    } else {
      byId.set(n.id, { id: n.id, name: n.name, countBefore: Math.max(0, countNow(n.id) - n.added), added: n.added });
    }
  }
  return [...byId.values()];
}

/**
 * What is still new of the held mail now: each mailbox's held mail less what
 * was read since (its count fell back toward where it was before). A mailbox
 * gone from the answer, or muted since, is left out; one that fails now keeps
 * what was held (a failure says nothing of what was read).
 */
export function stillNew(
  held: readonly HeldMailbox[], latest: readonly Mailbox[], isMuted: (id: string) => boolean,
): Array<{ id: string; name: string; count: number; countNow: number }> {
  const byId = new Map(latest.map((m) => [m.id, m]));
  return held.flatMap((h) => {
    const now = byId.get(h.id);
    if (!now || isMuted(h.id)) return [];
    const count = now.state === 'ok' ? Math.min(h.added, now.count - h.countBefore) : h.added;
    return count > 0 ? [{ id: h.id, name: now.name, count, countNow: now.count }] : [];
  });
}

/**
 * When Do Not Disturb has ended (and settled): whether the held mail is told.
 * Not when the setting says no, and not into a block of the app's own
 * (notifications off, a snooze, quiet hours): the badge already shows it.
 */
export function tellsAfterDnd(settings: Pick<NotificationSettings, 'tellAfterDnd'>, block: NotificationBlock | undefined): boolean {
  return settings.tellAfterDnd !== false && block === undefined;
}

/**
 * The one notification when Do Not Disturb ends: "3 new messages while Do Not
 * Disturb was on", the mailboxes in the body ("Work 2, Home 1"); none when all
 * of it was read meanwhile. A click opens the one mailbox, or the window.
 */
export function afterDndNotification(
  still: ReadonlyArray<{ id: string; name: string; count: number }>, words: Translator,
): PlannedNotification | undefined {
  const sorted = [...still].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  if (sorted.length === 0) return undefined;
  const count = sorted.reduce((sum, m) => sum + m.count, 0);
  const items = sorted.slice(0, MAX_LISTED).map((m) => words.t('notification.mailboxCount', { name: cutText(m.name, 40), count: m.count }));
  const more = sorted.length - items.length;
  return {
    title: words.t('dnd.heldTitle', { count }),
    body: words.list(more > 0 ? [...items, words.t('notification.moreMailboxes', { count: more })] : items),
    mailboxIds: sorted.map((m) => m.id),
    actions: [{ kind: 'open', label: words.t('notification.action.open') }],
  };
}
