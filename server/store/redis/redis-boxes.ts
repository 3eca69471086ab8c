import type { ErrorFacts, ErrorKind, FolderTally, Mailbox, MailboxUpdate, MessageSummary } from '../../../common/protocol.ts';

/** A mailbox as the boxes hash keeps it (lua/head.lua): JSON, with the messages and error facts as canonical texts. */
export interface StoredBox {
  name: string;
  count: number;
  state: Mailbox['state'];
  error?: string;
  errorKind?: ErrorKind;
  /** The error's facts as canonical JSON text (see factsText). */
  ef?: string;
  note?: string;
  changedAt: string;
  seq?: number;
  /** The messages as canonical JSON text (see messagesText). */
  mj?: string;
  /** Each folder's count, for a mailbox of several folders, as canonical JSON text (see foldersText). */
  fj?: string;
}

/** A view's cursor version from what a read of its versions returned (GET total, HMGET versions, or HLEN for an empty view). */
export function sumOf(reply: unknown): number {
  if (!Array.isArray(reply)) return Number(reply ?? 0);
  let sum = 0;
  for (const version of reply) sum += Number(version ?? 0);
  return sum;
}

export function toMailbox(id: string, raw: string | null | undefined, createdAt: string): Mailbox {
  if (!raw) return { id, name: id, count: 0, state: 'pending', changedAt: createdAt };
  return fromStored(id, JSON.parse(raw) as StoredBox);
}

export function fromStored(id: string, box: StoredBox): Mailbox {
  const mailbox: Mailbox = { id, name: box.name, count: box.count, state: box.state, changedAt: box.changedAt };
  if (box.error !== undefined) mailbox.error = box.error;
  if (box.errorKind !== undefined) mailbox.errorKind = box.errorKind;
  if (box.ef !== undefined) mailbox.errorFacts = JSON.parse(box.ef) as ErrorFacts;
  if (box.note !== undefined) mailbox.note = box.note;
  if (box.mj !== undefined) mailbox.messages = JSON.parse(box.mj) as MessageSummary[];
  if (box.fj !== undefined) mailbox.folders = JSON.parse(box.fj) as FolderTally[];
  return mailbox;
}

type ScriptedUpdate = Omit<MailboxUpdate, 'messages' | 'errorFacts' | 'folders'> & { mj?: string; ef?: string; fj?: string };

/**
 * An update as the script takes it: messages, error facts and folders as texts, so Lua compares
 * them as visible-change.ts's sameMessages, sameFacts and sameFolders do. No folders (`[]`) is "",
 * which the script reads as "remove them".
 */
export function forScript({ messages, errorFacts, folders, ...update }: MailboxUpdate): ScriptedUpdate {
  const scripted: ScriptedUpdate = update;
  if (messages !== undefined) scripted.mj = messagesText(messages);
  if (errorFacts !== undefined) scripted.ef = factsText(errorFacts);
  if (folders !== undefined) scripted.fj = folders.length === 0 ? '' : foldersText(folders);
  return scripted;
}

/** Canonical JSON of a breakdown: fixed field order, so the same folders always make the same text. */
export function foldersText(folders: readonly FolderTally[]): string {
  return JSON.stringify(folders.map(({ name, count }) => ({ name, count })));
}

/** Canonical JSON of error facts: keys in order, so the same facts always make the same text. */
export function factsText(facts: ErrorFacts): string {
  return JSON.stringify(Object.fromEntries(Object.entries(facts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Canonical JSON of a message list: fixed field order, so the same messages always make the same text. */
export function messagesText(messages: readonly MessageSummary[]): string {
  return JSON.stringify(messages.map(({ id, from, subject, date }) => (date === undefined ? { id, from, subject } : { id, from, subject, date })));
}
