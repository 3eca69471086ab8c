import type { MailboxView, ServerLabel } from '../../main/ipc-contract.ts';
import type { Translator } from '../../common/i18n/translator.ts';
import { failureAdvice } from '../../common/mailbox-failure.ts';
import { currentWords } from '../words.ts';

export interface MailboxLine {
  tone: 'ok' | 'pending' | 'error';
  /** The state in words: "changed 2 min ago", "waiting for the first count", or the source's error (the server's English sentence). */
  text: string;
  /** For an error: what the user can do about it. */
  advice?: string;
  /** The source's remark on a working mailbox: "this server reports new mail late; checking for it every 60 s". */
  note?: string;
  /** A counted folder cannot be opened (deleted or renamed on the server) and the fix is the app's folder picker: "Pick folders again". */
  canPickFolders?: boolean;
}

type Mode = ServerLabel['mode'];

/**
 * A mailbox row's state line. `mode` decides whose settings hold the fix: ours
 * (bundled) or the operator's. `confirmedAt` is given while not live: the
 * count is then as of that moment, not "changed 2 min ago".
 */
export function mailboxLine(
  mailbox: MailboxView, now: number, mode: Mode, confirmedAt?: number, words: Translator = currentWords(),
): MailboxLine {
  switch (mailbox.state) {
    case 'pending':
      return { tone: 'pending', text: words.t('window.mailbox.pending') };
    case 'error': {
      const text = mailbox.error?.trim() || words.t('failure.reason.generic');
      const folder = mailbox.errorKind === 'folder' ? mailbox.errorFacts?.folder?.trim() : undefined;
      if (folder) {
        // Which folder, in words; with our own server the picker is the fix, with a remote one its operator is.
        const advice = words.t(mode === 'bundled' ? 'folders.goneAdvice' : 'folders.goneAdviceRemote', { folder });
        return mode === 'bundled' ? { tone: 'error', text, advice, canPickFolders: true } : { tone: 'error', text, advice };
      }
      return { tone: 'error', text, advice: failureAdvice(mailbox, mode === 'bundled' ? 'bundled' : 'remote', words) };
    }
    case 'ok': {
      const note = mailbox.note?.trim() ? { note: mailbox.note.trim() } : {};
      if (confirmedAt !== undefined) {
        return { tone: 'ok', text: words.t('window.mailbox.confirmed', { time: words.clock(confirmedAt, now) }), ...note };
      }
      return { tone: 'ok', text: changedWords(Date.parse(mailbox.changedAt), now, words), ...note };
    }
  }
}

/** "changed 2 min ago"; nothing for a time that cannot be read. */
function changedWords(changedAt: number, now: number, words: Translator): string {
  if (!Number.isFinite(changedAt)) return '';
  // A server clock a little ahead of ours would otherwise say "in 3 s".
  const at = Math.min(changedAt, now);
  // "now" alone reads as a time, not as a change: "changed just now" is a message of its own.
  if (now - at < 45_000) return words.t('window.mailbox.changedJustNow');
  return words.t('window.mailbox.changed', { when: words.relative(at, now) });
}
