/**
 * What the window shows of the app (counts and the app's status) and Mark as
 * read's request and answer: part of the IPC contract, re-exported by ipc-contract.ts.
 */
import type { ConnectionStatus } from '../common/connection.ts';
import type { Language, LanguageChoice, ShippedLanguage } from '../common/i18n/languages.ts';
import type { Mailbox } from '../common/protocol.ts';
import type { Words } from '../common/i18n/translator.ts';
import type { UpdateView } from './ipc-updates.ts';

export interface MailboxView extends Mailbox {
  /**
   * The key of the server it comes from ('bundled', or a remote server's key); its `id` is then
   * unique across servers (`<serverKey>/<id>` for a remote server's mailbox).
   */
  server?: string;
  /** The mailbox's web address from the settings, when one is set. */
  webUrl?: string;
  /** What its Open button opens: its web address in the browser, or the default mail client; none: no button. */
  opensIn?: 'browser' | 'mail client';
  /** Muted in the settings: counted, never notified. */
  isMuted?: boolean;
  /** Left out of the total in the settings. */
  isLeftOutOfTotal?: boolean;
  /** Its colour from the settings ("#1a73e8"), for its count and the tray icon's dot. */
  colour?: string;
}

/** Which messages to mark read: some by id, or every unseen one of the mailbox. */
export type MarkWhich = { messageIds: string[] } | { all: true };

/** `message`: why not, for the window to say in its language (a server's own sentence goes in as it is). */
export type MarkReadResult = { ok: true; marked: number } | { ok: false; message: Words };

export interface CountsView {
  total: number;
  mailboxes: MailboxView[];
  /** What the app left out of the server's last answer to stay within its bounds; absent when nothing was. */
  cut?: AnswerCut;
}

/**
 * What was left out of a count server's answer (main/connection/read-answer.ts): mailboxes
 * past the first few hundred, texts past the protocol's lengths, messages past
 * its limit per mailbox. The window says so.
 */
export interface AnswerCut {
  /** How many mailboxes the server sent, and how many of them are shown. */
  mailboxesSent: number;
  mailboxesShown: number;
  /** Names, error sentences, senders and subjects shortened. */
  textsShortened: number;
  /** Messages left out of mailboxes' lists of newest messages. */
  messagesLeftOut: number;
}

/** One followed server's own state (more than one server, issue 22). */
export interface ServerStatusView {
  key: string;
  /** The name the user gave it; '' for the bundled server, which the window words itself. */
  name: string;
  connection: ConnectionStatus;
  /** As AppStatus.countsConfirmedAt, for this server alone. */
  countsConfirmedAt: number | null;
  /** Its mailboxes' counts that go into the total. */
  total: number;
}

export interface AppStatus {
  /** All servers together: with one server its own state, with several 'partial' while some are not live. */
  connection: ConnectionStatus;
  /** Each followed server, in the settings' order (the bundled one first); absent from older mains. */
  servers?: ServerStatusView[];
  /**
   * Things the user should know that have no field of their own, as `Words`
   * the window says in its language (no OS key store). An insecure server is
   * `connection.server.isInsecure`, which the window words itself: one warning, not two.
   */
  warnings: Words[];
  /** Notifications are snoozed until this time (ms since the epoch), or null. */
  snoozedUntil: number | null;
  /**
   * When the server last vouched for the counts (ms since the epoch): its last
   * answer, or the moment the connection stopped being live, whichever is
   * later; null before any answer. Shown only while not live.
   */
  countsConfirmedAt: number | null;
  /** A newer version and what is being done about it (issue 23); missing where the app does not look (\`mailtray watch\`). */
  update?: UpdateView;
}

/**
 * The language main speaks, for the window to speak it too (its translator,
 * `lang` and `dir`) and for the settings' Language select.
 */
export interface LanguageView {
  /** The setting: 'system' or a language. */
  choice: LanguageChoice;
  /** The language spoken now: the choice, or for 'system' the system's. */
  chosen: Language;
  /** The system's language as Mailtray speaks it, for the select's "System (한국어)". */
  system: ShippedLanguage;
}

export interface AppSnapshot {
  counts: CountsView;
  status: AppStatus;
  language: LanguageView;
}
