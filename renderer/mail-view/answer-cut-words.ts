import { MAX_MESSAGES_PER_MAILBOX } from '../../common/protocol.ts';
import type { AnswerCut } from '../../main/ipc-contract.ts';

/**
 * What the window says when the app left part of the server's answer out
 * (main/connection/read-answer.ts): a whole sentence for each kind of cut, none when
 * nothing was.
 */
export function answerCutSentences(cut: AnswerCut | undefined): string[] {
  if (!cut) return [];
  const sentences: string[] = [];
  if (cut.mailboxesShown < cut.mailboxesSent) {
    sentences.push(`Mailtray lists ${cut.mailboxesShown.toLocaleString()} of the ${cut.mailboxesSent.toLocaleString()} mailboxes the server sent and leaves the rest out.`);
  }
  if (cut.textsShortened > 0) sentences.push('Some names or messages the server sent were too long, so they are shortened.');
  if (cut.messagesLeftOut > 0) {
    sentences.push(`Some messages the server sent are left out: Mailtray lists at most the newest ${MAX_MESSAGES_PER_MAILBOX} of each mailbox.`);
  }
  return sentences;
}
