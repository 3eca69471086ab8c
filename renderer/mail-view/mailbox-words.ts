import type { MailboxView, ServerLabel } from '../../main/ipc-contract.ts';
import { clockText } from '../../common/clock-time.ts';
import { relativeTime } from '../relative-time.ts';

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
      return { tone: 'error', text, advice: errorAdvice(text, mode) };
    }
    case 'ok': {
      const note = mailbox.note?.trim() ? { note: mailbox.note.trim() } : {};
      if (confirmedAt !== undefined) return { tone: 'ok', text: `last confirmed ${clockText(confirmedAt, now)}`, ...note };
      const when = relativeTime(Date.parse(mailbox.changedAt), now);
      return { tone: 'ok', text: when ? `changed ${when}` : '', ...note };
    }
  }
}

interface AdviceRule {
  matches: RegExp;
  bundled: string;
  remote: string;
}

// The server says what failed; the window adds where to fix it. First match wins.
const adviceRules: AdviceRule[] = [
  {
    matches: /login|auth|password|credential/i,
    bundled: 'Check the user name and password of this account in Settings.',
    remote: "Ask the server's operator to check this mailbox's login.",
  },
  {
    matches: /certificate|tls|ssl|starttls/i,
    bundled: 'Check the security (TLS or STARTTLS) and the port of this account in Settings.',
    remote: "Ask the server's operator to check this mailbox's TLS settings.",
  },
  {
    matches: /resolve|enotfound|getaddrinfo|unknown host|no such host/i,
    bundled: 'Check the host name of this account in Settings.',
    remote: "The server cannot find this mailbox's mail host; ask its operator.",
  },
  {
    matches: /refused|unreachable|timed out|timeout|econn|network/i,
    bundled: 'Check the host and port in Settings, and that the mail server is up. Mailtray keeps trying.',
    remote: "The server cannot reach this mailbox's mail host. Mailtray keeps trying.",
  },
  {
    matches: /folder|mailbox .*(not found|exist)/i,
    bundled: 'Check the folder name of this account in Settings.',
    remote: "Ask the server's operator to check this mailbox's folder.",
  },
];

function errorAdvice(error: string, mode: Mode): string {
  const rule = adviceRules.find((candidate) => candidate.matches.test(error));
  if (rule) return rule[mode];
  return mode === 'bundled'
    ? 'Mailtray keeps trying. If this stays, check the account in Settings.'
    : "Mailtray keeps trying. If this stays, tell the server's operator.";
}
