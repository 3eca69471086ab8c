import { connectionSummary, serverDisplayName, type ConnectionState } from '../../common/connection.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { escapeMarkup } from '../../common/markup.ts';
import { failureReason } from '../../common/mailbox-failure.ts';
import { BUNDLED_KEY, splitMailboxId } from '../connection/servers-state.ts';
import type { AppSnapshot, MailboxView } from '../ipc-contract.ts';
import { badgeText } from '../tray/badge-text.ts';
import { trayTooltipLines } from '../tray/tray-view.ts';

/** How `mailtray watch` prints: a sentence, JSON, or the line a status bar reads. */
export const watchFormats = ['text', 'json', 'waybar', 'i3blocks', 'polybar'] as const;
export type WatchFormat = (typeof watchFormats)[number];

/**
 * What a bar shows as the kind of state (Waybar's `alt` and `class`): mail or
 * none while live, else the connection's state.
 */
export type BarState = 'unread' | 'none' | Exclude<ConnectionState, 'live'>;

export function barState({ counts, status }: AppSnapshot): BarState {
  const { state } = status.connection;
  if (state !== 'live') return state;
  return counts.total > 0 ? 'unread' : 'none';
}

// The bar colours (i3blocks' color, polybar's %{F}): mail stands out, trouble is red, waiting amber, none the bar's own.
const colours: Record<BarState, string | undefined> = {
  unread: '#8ab4f8',
  none: undefined,
  connecting: '#fdd663',
  offline: '#fdd663',
  retrying: '#f28b82',
  'auth-failed': '#f28b82',
  // Some servers live, some not (issue 22): the live ones' count, in the colour of waiting.
  partial: '#fdd663',
};

/** The bar's short text: the count while live, else a word or two for the state. */
export function barText(snapshot: AppSnapshot, words: Translator): string {
  const state = barState(snapshot);
  switch (state) {
    case 'unread':
    case 'none':
    case 'partial':
      return words.t('watch.bar.unread', { count: snapshot.counts.total });
    default:
      return words.t(`watch.bar.${state === 'auth-failed' ? 'authFailed' : state}`);
  }
}

/** One sentence: "5 unread: Work 3, Home 2", "No unread mail", or what is wrong with the connection. */
export function textLine(snapshot: AppSnapshot, words: Translator): string {
  const { counts, status } = snapshot;
  const { state } = status.connection;
  if (state !== 'live' && state !== 'partial') return connectionSummary(status.connection, words);
  const failing = counts.mailboxes.filter((m) => m.state === 'error');
  const withMail = counts.mailboxes.filter((m) => m.count > 0 && !m.isLeftOutOfTotal);
  const parts = [counts.total === 0
    ? words.t('watch.text.none')
    : words.t('watch.text.unread', { count: counts.total, mailboxes: words.list(withMail.map((m) => words.t('watch.text.mailbox', { name: m.name, count: m.count }))) })];
  for (const mailbox of failing) parts.push(words.t('watch.text.failing', { name: mailbox.name, reason: failureReason(mailbox, words) }));
  // Several servers, some not live: what is counted, then which part is not current.
  if (state === 'partial') parts.push(connectionSummary(status.connection, words));
  return parts.join(' · ');
}

/** The state as one JSON object, for scripts: the same facts in the same words, with stable keys. */
export function jsonLine(snapshot: AppSnapshot, words: Translator): string {
  const { counts, status } = snapshot;
  // Several servers (issue 22): each mailbox says whose it is, by the name the user gave; its id stays the server's own.
  const servers = status.servers && status.servers.length > 1 ? status.servers : undefined;
  const serverOf = (m: MailboxView) => {
    const server = servers?.find((s) => s.key === (m.server ?? BUNDLED_KEY));
    return server ? { server: serverDisplayName(server, words) } : {};
  };
  return JSON.stringify({
    state: barState(snapshot),
    connection: status.connection.state,
    total: counts.total,
    text: textLine(snapshot, words),
    mailboxes: counts.mailboxes.map((m) => ({
      id: splitMailboxId(m.id).id,
      ...serverOf(m),
      name: m.name,
      count: m.count,
      state: m.state,
      ...(m.state === 'error' ? { error: failureReason(m, words) } : {}),
      ...(m.isMuted ? { muted: true } : {}),
      ...(m.isLeftOutOfTotal ? { inTotal: false } : {}),
      ...(m.messages?.length ? { messages: m.messages.map(({ from, subject, date }) => ({ from, subject, ...(date ? { date } : {}) })) } : {}),
    })),
    ...(status.countsConfirmedAt !== null && status.connection.state !== 'live' ? { confirmedAt: new Date(status.countsConfirmedAt).toISOString() } : {}),
    ...(status.snoozedUntil !== null ? { snoozedUntil: new Date(status.snoozedUntil).toISOString() } : {}),
  });
}

/**
 * Waybar's custom module with `"return-type": "json"`: one object per line
 * with `text`, `tooltip`, `class` and `alt` (man 5 waybar-custom). Waybar
 * reads `text` and `tooltip` as Pango markup, so mailbox names and reasons
 * are escaped: a mailbox called "<b>Work</b>" shows as written.
 */
export function waybarLine(snapshot: AppSnapshot, now: number, words: Translator): string {
  const state = barState(snapshot);
  const text = state === 'unread' || state === 'none' ? badgeText(snapshot.counts.total) || '0' : barText(snapshot, words);
  return JSON.stringify({
    text: escapeMarkup(text),
    tooltip: escapeMarkup(trayTooltipLines(snapshot, now, words).join('\n')),
    class: state,
    alt: state,
  });
}

/**
 * i3blocks. A block run at an interval (`--once`) prints full_text, short_text
 * and color, a line each. A block with `interval=persist` takes each line it
 * reads as a whole update, so watching prints one JSON object a change, for
 * `format=json` (i3blocks(1), "persist").
 */
export function i3blocksLines(snapshot: AppSnapshot, words: Translator, isOnce: boolean): string {
  const fullText = barText(snapshot, words);
  const shortText = barState(snapshot) === 'unread' || barState(snapshot) === 'none' ? String(snapshot.counts.total) : fullText;
  const color = colours[barState(snapshot)];
  if (isOnce) return [fullText, shortText, color ?? ''].join('\n');
  return JSON.stringify({ full_text: fullText, short_text: shortText, ...(color ? { color } : {}) });
}

/**
 * polybar's custom/script module with `tail = true` shows each line it reads;
 * `%{F#rrggbb}...%{F-}` colours it. A `%{` in the text would open a tag, so
 * none may come through from the words (the catalogues have none; a bar line
 * holds no mailbox name).
 */
export function polybarLine(snapshot: AppSnapshot, words: Translator): string {
  const text = barText(snapshot, words).replaceAll('%{', '%\u200b{');
  const colour = colours[barState(snapshot)];
  return colour ? `%{F${colour}}${text}%{F-}` : text;
}

/** The line (or lines) one state is printed as in a format; the live view is live-view.ts. */
export function formatLine(format: WatchFormat, snapshot: AppSnapshot, now: number, words: Translator, isOnce: boolean): string {
  switch (format) {
    case 'text': return textLine(snapshot, words);
    case 'json': return jsonLine(snapshot, words);
    case 'waybar': return waybarLine(snapshot, now, words);
    case 'i3blocks': return i3blocksLines(snapshot, words, isOnce);
    case 'polybar': return polybarLine(snapshot, words);
  }
}
