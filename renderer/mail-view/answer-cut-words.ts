import type { Translator } from '../../common/i18n/translator.ts';
import { MAX_MESSAGES_PER_MAILBOX } from '../../common/protocol.ts';
import type { AnswerCut } from '../../main/ipc-contract.ts';

/**
 * What the window says when the app left part of the server's answer out
 * (main/connection/read-answer.ts): a whole sentence for each kind of cut, none when
 * nothing was.
 */
export function answerCutSentences(cut: AnswerCut | undefined, words: Translator): string[] {
  if (!cut) return [];
  const sentences: string[] = [];
  if (cut.mailboxesShown < cut.mailboxesSent) {
    sentences.push(words.t('window.answerCut.mailboxesLeftOut', { shown: cut.mailboxesShown, sent: cut.mailboxesSent }));
  }
  if (cut.textsShortened > 0) sentences.push(words.t('window.answerCut.textsShortened'));
  if (cut.messagesLeftOut > 0) sentences.push(words.t('window.answerCut.messagesLeftOut', { max: MAX_MESSAGES_PER_MAILBOX }));
  return sentences;
}
