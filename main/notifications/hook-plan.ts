import type { HookSettings } from '../ipc-contract.ts';
import type { MailboxNews, NotificationDetail } from './notification-text.ts';

/**
 * The new-mail hook (issue 23), decided: which mailboxes' news runs it and
 * exactly what the program sees. Pure; the runner (hook-runner.ts) only
 * starts the program and watches it.
 */

/** What one run of the hook is told about one mailbox. */
export interface HookNews {
  /** The app's id (a remote server's mailboxes as `<server key>/<id>`): one run per mailbox at a time. */
  mailboxId: string;
  mailboxName: string;
  /** A remote server's mailbox: the server's name as the user gave it, and the mailbox's id there (`work` for `s1/work`). */
  remote?: { serverName: string; mailboxId: string };
  /** Its unread count now. */
  count: number;
  /** How much it rose since the hook was last told (runs that waited are added up). */
  added: number;
  /** The newest new message's `from` and subject, only where the privacy setting shows them. */
  sender?: string;
  subject?: string;
}

/** The program and arguments of a run: never a shell line. */
export interface HookCommand {
  program: string;
  args: readonly string[];
  timeoutMs: number;
}

// Environment values are C strings: a NUL cannot be passed (Node refuses it); long texts are cut.
const MAX_VALUE = 1000;
const clean = (text: string) => text.replaceAll('\0', '').slice(0, MAX_VALUE);

/** The hook's command, or undefined when it is off or has no program. */
export function hookCommand(hooks: HookSettings | undefined): HookCommand | undefined {
  if (!hooks?.enabled || hooks.program.trim() === '') return undefined;
  return { program: hooks.program.trim(), args: hooks.args, timeoutMs: hooks.timeoutSeconds * 1000 };
}

/**
 * One `HookNews` per mailbox of a burst's news that the hook is for. Every
 * rise runs it: quiet hours, a snooze, a muted mailbox and the senders that
 * never notify hold back notifications, not the hook (its program decides);
 * but what it sees of the mail follows `detail`, the notifications' privacy
 * setting: sender and subject, the sender only, or neither.
 */
export function hookNewsFor(
  news: readonly MailboxNews[], countOf: (id: string) => number, hooks: HookSettings | undefined, detail: NotificationDetail,
): HookNews[] {
  if (!hookCommand(hooks)) return [];
  const scope = hooks!.mailboxes;
  return news.filter((item) => item.added > 0 && (scope === 'all' || scope.includes(item.id))).map((item) => {
    const newest = item.messages[0];
    const told: HookNews = { mailboxId: item.id, mailboxName: item.name, count: countOf(item.id), added: item.added };
    if (newest && detail !== 'count') told.sender = newest.from;
    if (newest && detail === 'sender-and-subject') told.subject = newest.subject;
    return told;
  });
}

/** A run that waited for the one before it, told about news that came meanwhile too: counts added, the newest message kept. */
export function mergeHookNews(older: HookNews, newer: HookNews): HookNews {
  const namesNone = newer.sender === undefined && newer.subject === undefined;
  // The newer news named no message (the server sent none): the older one's newest is still the newest known.
  const named = namesNone ? { sender: older.sender, subject: older.subject } : { sender: newer.sender, subject: newer.subject };
  const merged: HookNews = { mailboxId: newer.mailboxId, mailboxName: newer.mailboxName, count: newer.count, added: older.added + newer.added };
  if (newer.remote) merged.remote = newer.remote;
  if (named.sender !== undefined) merged.sender = named.sender;
  if (named.subject !== undefined) merged.subject = named.subject;
  return merged;
}

/**
 * The program's environment: Mailtray's own (PATH, HOME, DISPLAY, ... so it
 * can find what it runs and reach the desktop) without any MAILTRAY_* it
 * inherited, then the news in MAILTRAY_* variables. A variable it is not
 * allowed to see is not set at all.
 */
export function hookEnvironment(news: HookNews, inherited: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value !== undefined && !name.toUpperCase().startsWith('MAILTRAY_')) env[name] = value;
  }
  env.MAILTRAY_EVENT = 'new-mail';
  // The id the server gives the mailbox (what its operator and its config call it); the server by the name the user gave it.
  env.MAILTRAY_MAILBOX_ID = news.remote?.mailboxId ?? news.mailboxId;
  env.MAILTRAY_MAILBOX_NAME = clean(news.mailboxName);
  if (news.remote) env.MAILTRAY_SERVER = clean(news.remote.serverName);
  env.MAILTRAY_COUNT = String(news.count);
  env.MAILTRAY_NEW_COUNT = String(news.added);
  if (news.sender !== undefined) env.MAILTRAY_SENDER = clean(news.sender);
  if (news.subject !== undefined) env.MAILTRAY_SUBJECT = clean(news.subject);
  return env;
}
