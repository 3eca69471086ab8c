import type { MailboxView, ServerLabel } from '../../main/ipc-contract.ts';
import { clockText } from '../../common/clock-time.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import { failureAdvice } from '../../common/mailbox-failure.ts';
import { relativeTime } from '../relative-time.ts';

// Until the language setting reaches here (issue 21, in progress): the English catalogue.
const english = translatorFor('en');

export interface MailboxLine {
  tone: 'ok' | 'pending' | 'error';
  /** The state in words: "changed 2 min ago", "waiting for the first count", or the source's error. */
  text: string;
  /** For an error: what the user can do about it. */
  advice?: string;
  /** The source's remark on a working mailbox: "this server reports new mail late; checking for it every 60 s". */
  note?: string;
}

type Mode = ServerLabel['mode'];

/**
 * A mailbox row's state line. `mode` decides whose settings hold the fix: ours
 * (bundled) or the operator's. `confirmedAt` is given while not live: the
 * count is then as of that moment, not "changed 2 min ago".
 */
export function mailboxLine(mailbox: MailboxView, now: number, mode: Mode, confirmedAt?: number): MailboxLine {
  switch (mailbox.state) {
    case 'pending':
      return { tone: 'pending', text: 'waiting for the first count' };
    case 'error': {
      const text = mailbox.error?.trim() || 'the mail source is failing';
      return { tone: 'error', text, advice: failureAdvice(mailbox, mode, english) };
    }
    case 'ok': {
      const note = mailbox.note?.trim() ? { note: mailbox.note.trim() } : {};
      if (confirmedAt !== undefined) return { tone: 'ok', text: `last confirmed ${clockText(confirmedAt, now)}`, ...note };
      const when = relativeTime(Date.parse(mailbox.changedAt), now);
      return { tone: 'ok', text: when ? `changed ${when}` : '', ...note };
    }
  }
}
