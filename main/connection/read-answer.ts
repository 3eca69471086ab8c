import {
  isCount, mailboxIdProblem, MAX_COUNT, MAX_FOLDERS_PER_MAILBOX, MAX_MESSAGE_ID_LENGTH, MAX_MESSAGE_TEXT_LENGTH, MAX_MESSAGES_PER_MAILBOX,
  MAX_NAME_LENGTH, type CountsAnswer, type ErrorFacts, type FolderTally, type Mailbox, type MessageSummary,
} from '../../common/protocol.ts';
import { cutText } from '../../common/cut-text.ts';
import { isKnownErrorKind } from '../../common/mailbox-failure.ts';
import type { AnswerCut } from '../ipc-contract.ts';

/**
 * What the app takes from a count server, which may be remote, broken or
 * hostile: past these, the rest is left out (and the window says so), so an
 * answer can neither fill memory nor make the tray menu and the window
 * thousands of rows long. Texts are bounded as the protocol bounds them
 * (common/protocol.ts; DESIGN.md, "The newest unseen messages").
 */
export const answerBounds = {
  /**
   * The whole body; a larger one is refused, not read to its end. A full answer of 500 mailboxes,
   * each with 5 messages of 200-character senders and subjects, is about 2 MiB.
   */
  bodyBytes: 8 * 1024 * 1024,
  /** The first this many mailboxes are shown; a person does not watch more with one app. */
  mailboxes: 500,
  /** A server's cursors are a few dozen characters; this one goes back in the next poll's URL. */
  cursorLength: 1024,
  /** As long as the server's own error sentences (server/sources/error-text.ts). */
  errorLength: 300,
  /** An ISO time. */
  dateLength: 40,
  /** Facts beside an error kind (user, host, folder, retryAt): the server sends a few. */
  errorFacts: 8,
} as const;

export interface ReadAnswer {
  answer: CountsAnswer;
  /** What was left out or shortened to stay within `answerBounds`; undefined when nothing was. */
  cut: AnswerCut | undefined;
}

/** The answer, within bounds, when the body is one; a proxy's HTML page or another API is not. */
export function readAnswer(data: unknown): ReadAnswer | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { cursor, mailboxes } = data as Record<string, unknown>;
  if (typeof cursor !== 'string' || cursor.length > answerBounds.cursorLength || !Array.isArray(mailboxes)) return undefined;
  const cut: AnswerCut = { mailboxesSent: mailboxes.length, mailboxesShown: 0, textsShortened: 0, messagesLeftOut: 0 };
  const shorten = (text: string, max: number) => {
    const short = cutText(text, max);
    if (short !== text) cut.textsShortened += 1;
    return short;
  };
  const read: Mailbox[] = [];
  const ids = new Set<string>();
  for (const m of mailboxes as unknown[]) {
    const box = m as Record<string, unknown>;
    if (typeof box?.id !== 'string' || typeof box.count !== 'number' || !Number.isFinite(box.count)) return undefined;
    // Past the bound, and ids no server could have sent (or sent twice), are left out; `mailboxesShown` tells.
    if (read.length === answerBounds.mailboxes || mailboxIdProblem(box.id) !== undefined || ids.has(box.id)) continue;
    ids.add(box.id);
    const state = box.state === 'error' || box.state === 'pending' ? box.state : 'ok';
    const mailbox: Mailbox = {
      id: box.id,
      name: typeof box.name === 'string' && box.name !== '' ? shorten(box.name, MAX_NAME_LENGTH) : box.id,
      count: isCount(box.count) ? box.count : Math.min(MAX_COUNT, Math.max(0, Math.floor(box.count))),
      state,
      changedAt: typeof box.changedAt === 'string' && box.changedAt.length <= answerBounds.dateLength ? box.changedAt : '',
    };
    if (state === 'error' && typeof box.error === 'string') mailbox.error = shorten(box.error, answerBounds.errorLength);
    // A kind this app does not know (a newer server's) is left out: the window then gives the generic advice.
    if (state === 'error' && isKnownErrorKind(box.errorKind)) mailbox.errorKind = box.errorKind;
    if (state === 'error' && typeof box.errorFacts === 'object' && box.errorFacts !== null) {
      const facts = readErrorFacts(box.errorFacts as Record<string, unknown>, shorten);
      if (facts) mailbox.errorFacts = facts;
    }
    // A working source's remark ("this server reports new mail late..."), as long as an error may be.
    if (typeof box.note === 'string' && box.note.trim() !== '') mailbox.note = shorten(box.note, answerBounds.errorLength);
    if (Array.isArray(box.messages)) {
      const messages = readMessages(box.messages, shorten);
      cut.messagesLeftOut += box.messages.length - messages.length;
      mailbox.messages = messages;
    }
    if (box.canMarkRead === true) mailbox.canMarkRead = true;
    if (Array.isArray(box.folders)) {
      const folders = readFolders(box.folders, shorten);
      // One folder or none readable is no breakdown: the count says it all.
      if (folders.length > 1) mailbox.folders = folders;
    }
    read.push(mailbox);
  }
  cut.mailboxesShown = read.length;
  const isCut = cut.mailboxesShown < cut.mailboxesSent || cut.textsShortened > 0 || cut.messagesLeftOut > 0;
  return { answer: { cursor, mailboxes: read }, cut: isCut ? cut : undefined };
}

/** The first few facts whose values are text, each cut as a name is; undefined when none is. */
function readErrorFacts(value: Record<string, unknown>, shorten: (text: string, max: number) => string): ErrorFacts | undefined {
  const facts: ErrorFacts = {};
  let kept = 0;
  for (const [key, fact] of Object.entries(value)) {
    if (kept === answerBounds.errorFacts) break;
    if (typeof fact !== 'string' || key.length > MAX_NAME_LENGTH) continue;
    facts[key] = shorten(fact, MAX_NAME_LENGTH);
    kept += 1;
  }
  return kept === 0 ? undefined : facts;
}

/**
 * A mailbox's messages in the shape of the protocol, each text cut to the
 * protocol's bound; one with no usable id is left out (a cut id names no
 * message to mark read). The window shows them as text, never as markup.
 */
function readMessages(value: readonly unknown[], shorten: (text: string, max: number) => string): MessageSummary[] {
  const messages: MessageSummary[] = [];
  for (const item of value) {
    if (messages.length === MAX_MESSAGES_PER_MAILBOX) break;
    const { id, from, subject, date } = (item ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || id === '' || id.length > MAX_MESSAGE_ID_LENGTH || typeof from !== 'string') continue;
    const message: MessageSummary = {
      id,
      from: shorten(from, MAX_MESSAGE_TEXT_LENGTH),
      subject: typeof subject === 'string' ? shorten(subject, MAX_MESSAGE_TEXT_LENGTH) : '',
    };
    if (typeof date === 'string' && date.length <= answerBounds.dateLength && !Number.isNaN(Date.parse(date))) message.date = date;
    messages.push(message);
  }
  return messages;
}

/**
 * A mailbox's folders and their counts (docs/protocol.md, "Folders of a mailbox"): the first
 * MAX_FOLDERS_PER_MAILBOX with a name and a count; names cut as a mailbox's name is.
 */
function readFolders(value: readonly unknown[], shorten: (text: string, max: number) => string): FolderTally[] {
  const folders: FolderTally[] = [];
  for (const item of value) {
    if (folders.length === MAX_FOLDERS_PER_MAILBOX) break;
    const { name, count } = (item ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || !isCount(count)) continue;
    folders.push({ name: shorten(name, MAX_NAME_LENGTH), count });
  }
  return folders;
}
