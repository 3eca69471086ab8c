import { connectionSummary, serverDisplayName } from '../../common/connection.ts';
import { badgeText } from './badge-text.ts';
import { drawOverlayIcon, drawTrayIcon, TRAY_BASE_SIZE, TRAY_SCALES } from '../icon/tray-icon.ts';
import type { AppSnapshot, ConnectionStatus, CountsView, MailboxView, TrayIconStyle } from '../ipc-contract.ts';
import type { BadgeView, MenuItemView, TrayView } from '../shell.ts';
import { cutText } from '../../common/cut-text.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { failureReason } from '../../common/mailbox-failure.ts';
import { snoozeChoiceLabel, snoozeChoices } from '../../common/snooze.ts';
import { updateRows } from './update-row.ts';

// Windows cuts tray tooltips at 127 UTF-16 units (a 128-WCHAR buffer); cut so, between graphemes, before it does.
const MAX_TOOLTIP = 127;
// A menu taller than the screen scrolls (macOS) or runs off it (some Linux trays); the window lists them all.
export const MAX_MENU_MAILBOXES = 15;

/** The colour of the counted mailbox with the most mail that has a colour, for the icon's dot; none without one. */
export function trayDot(counts: CountsView): string | undefined {
  const coloured = counts.mailboxes.filter((m) => m.colour && m.count > 0 && !m.isLeftOutOfTotal);
  coloured.sort((a, b) => b.count - a.count);
  return coloured[0]?.colour;
}

/** How the count is shown beside the snapshot (issue 23): which number, whether "0" is said, the new-mail cue. */
export interface CountLook {
  /** The number on the icon and badge: the total, or the mail new since the user last looked. */
  shownTotal?: number;
  /** Nothing unread: the tooltip and menu say no "0" (the icon and badge never do). */
  hidesZero?: boolean;
  /** New mail was just notified: the icon changes for a moment. */
  isCueing?: boolean;
}

/** The tray as the snapshot says it should look, for one platform, in the user's language and icon style (not on macOS). */
export function trayView(
  snapshot: AppSnapshot, platform: NodeJS.Platform, now: number, words: Translator, iconStyle: TrayIconStyle = 'colour', look: CountLook = {},
): TrayView {
  const { counts, status } = snapshot;
  const state = status.connection.state;
  const isMac = platform === 'darwin';
  const total = look.shownTotal ?? counts.total;
  return {
    images: TRAY_SCALES.map((scaleFactor) => ({
      scaleFactor,
      png: drawTrayIcon({
        state, total, style: isMac ? 'template' : iconStyle, dot: trayDot(counts), isCueing: look.isCueing === true,
      }, TRAY_BASE_SIZE * scaleFactor),
    })),
    isTemplate: isMac,
    tooltip: trayTooltip(snapshot, now, words, look),
    title: isMac ? (state === 'auth-failed' ? '!' : badgeText(total)) : '',
    menu: trayMenu(snapshot, now, words, look),
  };
}

/**
 * The total, then why it is not live and when the counts were last
 * confirmed, then a snooze, then each mailbox with its count or its error.
 * The connection comes first: when the text is cut at the platform's limit,
 * what is cut is a mailbox line, not the reason the counts may be stale.
 */
export function trayTooltip(snapshot: AppSnapshot, now: number, words: Translator, look: CountLook = {}): string {
  return cutText(trayTooltipLines(snapshot, now, words, look).join('\n'), MAX_TOOLTIP, 'utf-16');
}

/** The tooltip's lines, uncut: status bars (`mailtray watch`) show them whole. */
export function trayTooltipLines({ counts, status }: AppSnapshot, now: number, words: Translator, look: CountLook = {}): string[] {
  const hidesZero = look.hidesZero === true && counts.total === 0;
  const lines = [hidesZero ? words.t('window.title') : words.t('tray.tooltip.total', { count: counts.total })];
  const problem = connectionProblem(status.connection, words);
  if (problem) lines.push(problem);
  // Several servers: each one not live says so, by name; the live ones need no line.
  if ((status.servers?.length ?? 0) > 1) {
    for (const server of status.servers!) {
      if (server.connection.state !== 'live') lines.push(serverLine(server, words));
    }
  }
  if (status.connection.state !== 'live' && status.countsConfirmedAt !== null) {
    lines.push(words.t('tray.tooltip.confirmedAt', { time: words.clock(status.countsConfirmedAt, now) }));
  }
  if (status.snoozedUntil !== null) lines.push(words.t('tray.tooltip.snoozedUntil', { time: words.clock(status.snoozedUntil, now) }));
  for (const mailbox of counts.mailboxes) lines.push(hidesZero && mailbox.state === 'ok' ? mailbox.name : mailboxLine(mailbox, words));
  return lines;
}

/** Why the counts may be stale, in the words the window uses too; nothing while live. */
export function connectionProblem(connection: ConnectionStatus, words: Translator): string | undefined {
  return connection.state === 'live' ? undefined : connectionSummary(connection, words);
}

/** One of several servers, with its state when it is not live: "Home: Offline: waiting for the network". */
function serverLine(server: NonNullable<AppSnapshot['status']['servers']>[number], words: Translator): string {
  const name = serverDisplayName(server, words);
  return server.connection.state === 'live' ? name : words.t('servers.tray.server', { server: name, summary: connectionSummary(server.connection, words) });
}

/** The tooltip's line for one mailbox: its count, and why it is failing or that it has none yet. */
function mailboxLine({ name, count, ...mailbox }: MailboxView, words: Translator): string {
  if (mailbox.state === 'error') return words.t('tray.tooltip.mailboxFailing', { name, count, reason: failureReason(mailbox, words) });
  if (mailbox.state === 'pending') return words.t('tray.tooltip.mailboxPending', { name });
  return words.t('tray.tooltip.mailbox', { name, count });
}

/** The menu row's words for one mailbox: its count, or why it is failing. */
function mailboxRowLabel({ name, count, ...mailbox }: MailboxView, words: Translator): string {
  if (mailbox.state === 'pending') return words.t('tray.menu.mailboxPending', { name });
  if (mailbox.state === 'error') return words.t('tray.menu.mailboxFailing', { name, reason: failureReason(mailbox, words) });
  return words.t('tray.menu.mailbox', { name, count });
}

/** The connection's menu row: Retry when the token was refused, Retry now while waiting to, else Check now. */
function connectionRow(state: ConnectionStatus['state'], words: Translator): MenuItemView {
  const label = words.t(state === 'auth-failed' ? 'tray.menu.retry' : state === 'retrying' ? 'tray.menu.retryNow' : 'tray.menu.checkNow');
  return { type: 'item', label, action: { type: 'retry' }, enabled: state !== 'connecting' };
}

export function trayMenu({ counts, status }: AppSnapshot, now: number, words: Translator, look: CountLook = {}): MenuItemView[] {
  const hidesZero = look.hidesZero === true && counts.total === 0;
  const { mailboxes } = counts;
  // Past the limit, the last row says how many more the window lists: never "and 1 more" in place of that one row.
  const listed = mailboxes.length > MAX_MENU_MAILBOXES ? mailboxes.slice(0, MAX_MENU_MAILBOXES - 1) : mailboxes;
  const more = mailboxes.length - listed.length;
  const row = (mailbox: MailboxView): MenuItemView => ({
    type: 'item',
    label: hidesZero && mailbox.state === 'ok' ? mailbox.name : mailboxRowLabel(mailbox, words),
    action: { type: 'mailbox', id: mailbox.id },
    enabled: true,
  });
  const servers = status.servers ?? [];
  // Several servers: their mailboxes under a row that names the server (and its state when not live).
  const mailboxRows: MenuItemView[] = servers.length > 1
    ? servers.flatMap((server) => [
      { type: 'item' as const, label: serverLine(server, words), enabled: false },
      ...listed.filter((mailbox) => (mailbox.server ?? 'bundled') === server.key).map(row),
    ])
    : mailboxes.length === 0
      ? [{ type: 'item', label: words.t('tray.menu.noMailboxes'), enabled: false }]
      : listed.map(row);
  if (more > 0) mailboxRows.push({ type: 'item', label: words.t('tray.menu.more', { count: more }), action: { type: 'open' }, enabled: true });
  const snoozed = status.snoozedUntil === null ? [] : [{
    type: 'item' as const, label: words.t('tray.menu.snoozedUntil', { time: words.clock(status.snoozedUntil, now) }), enabled: false,
  }];
  return [
    ...updateRows(status.update, words),
    { type: 'item', label: words.t('tray.menu.open'), action: { type: 'open' }, enabled: true },
    { type: 'item', label: words.t('tray.menu.settings'), action: { type: 'settings' }, enabled: true },
    { type: 'separator' },
    ...mailboxRows,
    { type: 'separator' },
    connectionRow(status.connection.state, words),
    {
      type: 'item',
      label: words.t('tray.menu.snooze'),
      enabled: true,
      submenu: [
        ...snoozed,
        ...snoozeChoices
          .filter(({ choice }) => choice !== 'off' || status.snoozedUntil !== null)
          .map(({ choice }): MenuItemView => ({
            type: 'item', label: snoozeChoiceLabel(choice, now, words), action: { type: 'snooze', choice }, enabled: true,
          })),
      ],
    },
    { type: 'separator' },
    { type: 'item', label: words.t('tray.menu.quit'), action: { type: 'quit' }, enabled: true },
  ];
}

/** Dock badge (macOS), badge count (Linux), taskbar overlay (Windows). */
export function badgeView({ counts, status }: AppSnapshot, platform: NodeJS.Platform, words: Translator, look: CountLook = {}): BadgeView {
  const state = status.connection.state;
  const total = look.shownTotal ?? counts.total;
  const overlay = platform === 'win32'
    ? TRAY_SCALES.slice(0, 2).flatMap((scaleFactor) => {
      const png = drawOverlayIcon(state, total, TRAY_BASE_SIZE * scaleFactor);
      return png ? [{ scaleFactor, png }] : [];
    })
    : [];
  return {
    count: total,
    text: badgeText(total),
    overlay: overlay.length === 0 ? undefined : {
      images: overlay,
      description: state === 'live' ? words.t('tray.overlay.unread', { count: total }) : connectionProblem(status.connection, words) ?? '',
    },
  };
}
