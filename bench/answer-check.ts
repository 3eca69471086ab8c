/**
 * Whether an answer to a poll delivers a change, as the benchmark counts
 * deliveries. A count the poll has not seen is not enough: change n sets
 * count n + 1 on one mailbox, so the answer must show the poll's own mailbox,
 * a change made on that mailbox and newer than the last one the poll had,
 * and (Mailtray) a cursor version no older than the poll's. An answer that
 * fails is an extra delivery, said in words with the answer itself, so a run
 * that delivers more than it changed says why (one once delivered 4,507
 * answers for 4,501 changes, and could not).
 */
import type { Answer } from './http-answers.ts';
import type { PollReading } from './wire.ts';

/** What one poll has seen so far. */
export interface PollSeen {
  mailbox: number;
  /** The last count it was given (0 before any change). */
  value: number;
  /** Which change of its mailbox that count was (1 = its first; 0 before any). */
  changesSeen: number;
  /** The version of the last cursor it was given (Mailtray only). */
  version?: number | undefined;
}

/** The changes made so far, as the load generator keeps them. */
export interface ChangesMade {
  /** How many the run makes: counts run from 1 to this. */
  total: number;
  /** Change n's mailbox. */
  mailboxOf(change: number): number;
  /** Change n was the k-th change of its mailbox (1-based); 0 while it is not made yet. */
  ordinalOf(change: number): number;
}

export type Verdict =
  | { kind: 'delivery'; change: number; ordinal: number }
  /** A timeout, or an answer with the count the poll already has. */
  | { kind: 'nothing new' }
  | { kind: 'extra'; why: string };

export function judgeAnswer(poll: PollSeen, reading: PollReading, made: ChangesMade): Verdict {
  const own = `m${poll.mailbox}`;
  if (reading.mailboxId !== undefined && reading.mailboxId !== own) {
    return { kind: 'extra', why: `a poll of ${own} was answered with the mailbox ${reading.mailboxId}` };
  }
  if (reading.version !== undefined && poll.version !== undefined && reading.version < poll.version) {
    return { kind: 'extra', why: `a poll of ${own} holding cursor version ${poll.version} was answered with the older version ${reading.version}` };
  }
  const { value } = reading;
  if (value === undefined || value === poll.value) return { kind: 'nothing new' };
  const change = value - 1;
  if (!Number.isInteger(value) || value < 1 || value > made.total) {
    return { kind: 'extra', why: `a poll of ${own} that had count ${poll.value} was answered with count ${value}, which no change of the run set` };
  }
  const ordinal = made.ordinalOf(change);
  if (made.mailboxOf(change) !== poll.mailbox) {
    return { kind: 'extra', why: `a poll of ${own} was answered with count ${value}, which change ${change} set on m${made.mailboxOf(change)}` };
  }
  if (ordinal === 0) return { kind: 'extra', why: `a poll of ${own} was answered with count ${value} before change ${change} was made` };
  if (ordinal <= poll.changesSeen) {
    return {
      kind: 'extra',
      why: `a poll of ${own} that had its mailbox's change #${poll.changesSeen} (count ${poll.value}) was answered with change #${ordinal} `
        + `(count ${value}) again`,
    };
  }
  return { kind: 'delivery', change, ordinal };
}

/** The answer as text for the report: its status line and the start of its body. */
export function answerText({ head, body }: Answer): string {
  const statusLine = head.split('\r\n', 1)[0] ?? '';
  const text = body.toString('utf8', 0, 300);
  return `${statusLine} ${JSON.stringify(body.length > 300 ? `${text}...` : text)}`;
}
