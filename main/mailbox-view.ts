import type { Mailbox } from '../common/protocol.ts';
import type { CountsView, MailboxView } from './ipc-contract.ts';
import { chooseOpener, type MailClientFacts } from './mail-client.ts';

/** What the settings say about one mailbox (Settings, "Mailboxes"). */
export interface MailboxPrefs {
  /** Counted, never notified. */
  isMuted: boolean;
  /** Left out of the tray's and the window's total. */
  isLeftOutOfTotal: boolean;
  /** A colour for its count in the window and its dot on the tray icon ("#1a73e8"). */
  colour?: string;
  /** Its web address, for a bundled account or a remote server's mailbox. */
  webUrl?: string;
}

export const defaultPrefs: MailboxPrefs = { isMuted: false, isLeftOutOfTotal: false };

/**
 * The counts as the tray and window show them: each mailbox with its
 * settings and what its Open button opens, and the total of the mailboxes
 * not left out of it.
 */
export function countsView(mailboxes: readonly Mailbox[], prefsOf: (id: string) => MailboxPrefs, facts: MailClientFacts): CountsView {
  let total = 0;
  const views = mailboxes.map((mailbox) => {
    const prefs = prefsOf(mailbox.id);
    if (!prefs.isLeftOutOfTotal) total += mailbox.count;
    const view: MailboxView = { ...mailbox };
    if (prefs.webUrl) view.webUrl = prefs.webUrl;
    const plan = chooseOpener(prefs.webUrl, facts);
    if (plan.kind === 'web') view.opensIn = 'browser';
    else if (plan.kind !== 'window') view.opensIn = 'mail client';
    if (prefs.isMuted) view.isMuted = true;
    if (prefs.isLeftOutOfTotal) view.isLeftOutOfTotal = true;
    if (prefs.colour) view.colour = prefs.colour;
    return view;
  });
  return { total, mailboxes: views };
}
