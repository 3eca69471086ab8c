import type { CountsAnswer, Mailbox } from '../common/protocol.ts';

/** What a client is shown of each mailbox: whole, counts only (`"messages": false`), or whole with `canMarkRead` where its source can. */
export interface AnswerForm {
  seesMessages: boolean;
  /** Present for a client that may mark messages read. */
  canMarkRead?: (mailboxId: string) => boolean;
}

// Ready-made JSON per mailbox, shared by every poll that is shown it. The
// memory store hands out the same Mailbox object until that mailbox changes,
// so a change costs one JSON.stringify of the mailbox that changed, however
// many polls (or "*" clients over 10,000 mailboxes) are answered with it.
const wholeText = new WeakMap<Mailbox, string>();
const countsOnlyText = new WeakMap<Mailbox, string>();

function textOf(mailbox: Mailbox, seesMessages: boolean): string {
  const cache = seesMessages ? wholeText : countsOnlyText;
  let text = cache.get(mailbox);
  if (text === undefined) {
    const { messages: _messages, ...countsOnly } = mailbox;
    text = JSON.stringify(seesMessages ? mailbox : countsOnly);
    cache.set(mailbox, text);
  }
  return text;
}

/** The JSON of a mailbox as `form` shows it. */
export function mailboxText(mailbox: Mailbox, form: AnswerForm): string {
  const text = textOf(mailbox, form.seesMessages);
  // `{..., "canMarkRead": true}`: the cached object's text with one more field before its closing brace.
  return form.canMarkRead?.(mailbox.id) ? `${text.slice(0, -1)},"canMarkRead":true}` : text;
}

/** The JSON body of a counts answer; `delta` is present on answers to `delta=1` polls. */
export function answerText(answer: CountsAnswer, form: AnswerForm, delta?: boolean): string {
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
