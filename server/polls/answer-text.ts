import type { CountsAnswer, Mailbox } from '../../common/protocol.ts';

/** What a client is shown of each mailbox: whole, counts only (`"messages": false`), or whole with `canMarkRead` where its source can. */
export interface AnswerForm {
  seesMessages: boolean;
  /** Present for a client that may mark messages read. */
  canMarkRead?: (mailboxId: string) => boolean;
}

/** The forms of clients that may not mark read, made once. */
export const WHOLE: AnswerForm = { seesMessages: true };
export const COUNTS_ONLY: AnswerForm = { seesMessages: false };

// Ready-made JSON per mailbox, shared by every poll that is shown it. The
// memory store hands out the same Mailbox object until that mailbox changes,
// so a change costs one JSON.stringify of the mailbox that changed, however
// many polls (or "*" clients over 10,000 mailboxes) are answered with it.
//
// The text is kept on the object itself, under a symbol and not enumerable:
// object spread, JSON and structured clone leave it behind, so a copy made
// with other fields never carries a stale text. Not in a WeakMap: with one
// entry per live mailbox, V8 marks those entries one by one in the pause of
// each full collection (5 ms of a 16 ms pause at 10,000 held polls).
const WHOLE_TEXT = Symbol('whole JSON');
const COUNTS_ONLY_TEXT = Symbol('counts-only JSON');
const WHOLE_ANSWER_TEXT = Symbol('whole answer JSON');
const COUNTS_ONLY_ANSWER_TEXT = Symbol('counts-only answer JSON');

type Kept = Partial<Record<typeof WHOLE_TEXT | typeof COUNTS_ONLY_TEXT | typeof WHOLE_ANSWER_TEXT | typeof COUNTS_ONLY_ANSWER_TEXT, string>>;

/** `value` kept on `object` under `key`, where the object allows it (a frozen one is answered without). */
function keep(object: object, key: keyof Kept, value: string): string {
  if (Object.isExtensible(object)) Object.defineProperty(object, key, { value });
  return value;
}

function textOf(mailbox: Mailbox, seesMessages: boolean): string {
  const key = seesMessages ? WHOLE_TEXT : COUNTS_ONLY_TEXT;
  const kept = (mailbox as Kept)[key];
  if (kept !== undefined) return kept;
  const { messages: _messages, ...countsOnly } = mailbox;
  return keep(mailbox, key, JSON.stringify(seesMessages ? mailbox : countsOnly));
}

/** The JSON of a mailbox as `form` shows it. */
export function mailboxText(mailbox: Mailbox, form: AnswerForm): string {
  const text = textOf(mailbox, form.seesMessages);
  // `{..., "canMarkRead": true}`: the cached object's text with one more field before its closing brace.
  return form.canMarkRead?.(mailbox.id) ? `${text.slice(0, -1)},"canMarkRead":true}` : text;
}

/**
 * The JSON body of a counts answer; `delta` is present on answers to `delta=1` polls.
 * A whole answer's text is kept with it, by form: a store that hands out one snapshot
 * to every poll of a view (memory-store.ts) makes one text for them all.
 */
export function answerText(answer: CountsAnswer, form: AnswerForm, delta?: boolean): string {
  // Which mailboxes can mark read changes with the sources, not with the store: never kept.
  if (delta !== undefined || form.canMarkRead) return textOfAnswer(answer, form, delta);
  const key = form.seesMessages ? WHOLE_ANSWER_TEXT : COUNTS_ONLY_ANSWER_TEXT;
  return (answer as Kept)[key] ?? keep(answer, key, textOfAnswer(answer, form));
}

function textOfAnswer(answer: CountsAnswer, form: AnswerForm, delta?: boolean): string {
  let text = `{"cursor":${JSON.stringify(answer.cursor)},"mailboxes":[`;
  const { mailboxes } = answer;
  for (let i = 0; i < mailboxes.length; i += 1) {
    if (i > 0) text += ',';
    text += mailboxText(mailboxes[i]!, form);
  }
  text += ']';
  if (answer.removed) text += `,"removed":${JSON.stringify(answer.removed)}`;
  if (delta !== undefined) text += `,"delta":${delta}`;
  return `${text}}`;
}
