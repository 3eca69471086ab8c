import { connectionSummary } from '../../common/connection.ts';
import { badgeText } from './badge-text.ts';
import { drawOverlayIcon, drawTrayIcon, TRAY_BASE_SIZE, TRAY_SCALES } from '../icon/tray-icon.ts';
import type { AppSnapshot, ConnectionStatus, CountsView, MailboxView, TrayIconStyle } from '../ipc-contract.ts';
import type { BadgeView, MenuItemView, TrayView } from '../shell.ts';
import { clockText } from '../../common/clock-time.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import { failureReason } from '../../common/mailbox-failure.ts';
import { snoozeChoices } from '../../common/snooze.ts';

// Until the language setting reaches here (issue 21, in progress): the English catalogue.
const english = translatorFor('en');

// Windows cuts tray tooltips at 127 characters.
const MAX_TOOLTIP = 127;
// A menu taller than the screen scrolls (macOS) or runs off it (some Linux trays); the window lists them all.
export const MAX_MENU_MAILBOXES = 15;

/** The colour of the counted mailbox with the most mail that has a colour, for the icon's dot; none without one. */
export function trayDot(counts: CountsView): string | undefined {
  const coloured = counts.mailboxes.filter((m) => m.colour && m.count > 0 && !m.isLeftOutOfTotal);
  coloured.sort((a, b) => b.count - a.count);
  return coloured[0]?.colour;
}

/** The tray as the snapshot says it should look, for one platform, in the user's icon style (not on macOS). */
export function trayView(snapshot: AppSnapshot, platform: NodeJS.Platform, now: number, iconStyle: TrayIconStyle = 'colour'): TrayView {
  const { counts, status } = snapshot;
  const state = status.connection.state;
  const isMac = platform === 'darwin';
  return {
    images: TRAY_SCALES.map((scaleFactor) => ({
      scaleFactor,
      png: drawTrayIcon({ state, total: counts.total, style: isMac ? 'template' : iconStyle, dot: trayDot(counts) }, TRAY_BASE_SIZE * scaleFactor),
    })),
    isTemplate: isMac,
    tooltip: trayTooltip(snapshot, now),
    title: isMac ? (state === 'auth-failed' ? '!' : badgeText(counts.total)) : '',
    menu: trayMenu(snapshot, now),
  };
}

/**
 * The total, then why it is not live and when the counts were last
 * confirmed, then a snooze, then each mailbox with its count or its error.
 * The connection comes first: when the text is cut at the platform's limit,
 * what is cut is a mailbox line, not the reason the counts may be stale.
 */
export function trayTooltip({ counts, status }: AppSnapshot, now: number): string {
  const lines = [`Mailtray: ${counts.total} unread`];
  const problem = connectionProblem(status.connection);
  if (problem) lines.push(problem);
  if (status.connection.state !== 'live' && status.countsConfirmedAt !== null) {
    lines.push(`Counts last confirmed ${clockText(status.countsConfirmedAt, now)}`);
  }
  if (status.snoozedUntil !== null) lines.push(`Notifications snoozed until ${clockText(status.snoozedUntil, now)}`);
  for (const mailbox of counts.mailboxes) lines.push(`${mailbox.name}: ${mailboxText(mailbox)}`);
  const text = lines.join('\n');
  return text.length <= MAX_TOOLTIP ? text : `${text.slice(0, MAX_TOOLTIP - 1)}…`;
}

/** Why the counts may be stale, in the words the window uses too; nothing while live. */
export function connectionProblem(connection: ConnectionStatus): string | undefined {
  return connection.state === 'live' ? undefined : connectionSummary(connection);
}

function mailboxText(mailbox: MailboxView): string {
  if (mailbox.state === 'error') return `${mailbox.count}, ${failureReason(mailbox, english)}`;
  if (mailbox.state === 'pending') return 'waiting for a count';
  return String(mailbox.count);
}

/** The menu row's words for one mailbox: its count, or why it is failing. */
function mailboxRowLabel(mailbox: MailboxView): string {
  if (mailbox.state === 'pending') return `${mailbox.name} - …`;
  if (mailbox.state === 'error') return `${mailbox.name} - ${failureReason(mailbox, english)}`;
  return `${mailbox.name} - ${mailbox.count}`;
}

/** The connection's menu row: Retry when the token was refused, Retry now while waiting to, else Check now. */
function connectionRow(state: ConnectionStatus['state']): MenuItemView {
  const label = state === 'auth-failed' ? 'Retry' : state === 'retrying' ? 'Retry now' : 'Check now';
  return { type: 'item', label, action: { type: 'retry' }, enabled: state !== 'connecting' };
}

export function trayMenu({ counts, status }: AppSnapshot, now: number): MenuItemView[] {
  const { mailboxes } = counts;
  // Past the limit, the last row says how many more the window lists: never "and 1 more" in place of that one row.
  const listed = mailboxes.length > MAX_MENU_MAILBOXES ? mailboxes.slice(0, MAX_MENU_MAILBOXES - 1) : mailboxes;
  const more = mailboxes.length - listed.length;
  const mailboxRows: MenuItemView[] = mailboxes.length === 0
    ? [{ type: 'item', label: 'No mailboxes yet', enabled: false }]
    : listed.map((mailbox) => ({
      type: 'item',
      label: mailboxRowLabel(mailbox),
      action: { type: 'mailbox', id: mailbox.id },
      enabled: true,
    }));
  if (more > 0) mailboxRows.push({ type: 'item', label: `And ${more} more…`, action: { type: 'open' }, enabled: true });
  const snoozed = status.snoozedUntil === null ? [] : [{
    type: 'item' as const, label: `Snoozed until ${clockText(status.snoozedUntil, now)}`, enabled: false,
  }];
  return [
    { type: 'item', label: 'Open Mailtray', action: { type: 'open' }, enabled: true },
    { type: 'item', label: 'Settings…', action: { type: 'settings' }, enabled: true },
    { type: 'separator' },
    ...mailboxRows,
    { type: 'separator' },
    connectionRow(status.connection.state),
    {
      type: 'item',
      label: 'Snooze notifications',
      enabled: true,
      submenu: [
        ...snoozed,
        ...snoozeChoices
          .filter(({ choice }) => choice !== 'off' || status.snoozedUntil !== null)
          .map(({ choice, label }): MenuItemView => ({ type: 'item', label, action: { type: 'snooze', choice }, enabled: true })),
      ],
    },
    { type: 'separator' },
    { type: 'item', label: 'Quit Mailtray', action: { type: 'quit' }, enabled: true },
  ];
}

/** Dock badge (macOS), badge count (Linux), taskbar overlay (Windows). */
export function badgeView({ counts, status }: AppSnapshot, platform: NodeJS.Platform): BadgeView {
  const state = status.connection.state;
  const overlay = platform === 'win32'
    ? TRAY_SCALES.slice(0, 2).flatMap((scaleFactor) => {
      const png = drawOverlayIcon(state, counts.total, TRAY_BASE_SIZE * scaleFactor);
      return png ? [{ scaleFactor, png }] : [];
    })
    : [];
  return {
    count: counts.total,
    text: badgeText(counts.total),
    overlay: overlay.length === 0 ? undefined : {
      images: overlay,
      description: state === 'live' ? `${counts.total} unread` : connectionProblem(status.connection) ?? '',
    },
  };
}
