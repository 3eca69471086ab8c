import { countRule, DEFAULT_MESSAGES_PER_MAILBOX, isCount, mailboxIdProblem, type MessageSummary } from '../../common/protocol.ts';
import { readMessageList } from '../messages/message-list.ts';
import { excerpt } from './error-text.ts';

export type CountsFormat = 'json' | 'lines';

/** What a counts file says: every mailbox's count, or the first problem (with its line) and nothing else. */
export type ParsedCounts =
  | { counts: Map<string, number>; messages?: Map<string, MessageSummary[]>; problem?: undefined }
  | { problem: string; counts?: undefined };

/**
 * Reads a counts file: JSON (`{"alice": 3, "bob": 0}`, or
 * `{"alice": {"count": 3, "messages": [...]}}` with the newest messages) or
 * lines of `id count` with `#` comments. Without a format, text starting with
 * `{` is JSON. `file` names the file in problems, which reach people as
 * mailbox errors.
 */
export function parseCounts(text: string, file: string, format?: CountsFormat, messagesPerMailbox = DEFAULT_MESSAGES_PER_MAILBOX): ParsedCounts {
  const isJson = format === undefined ? text.trimStart().startsWith('{') : format === 'json';
  return isJson ? parseJson(text, file, messagesPerMailbox) : parseLines(text, file);
}

function parseLines(text: string, file: string): ParsedCounts {
  const counts = new Map<string, number>();
  const lineOf = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const at = `${file} line ${i + 1}`;
    const words = line.split(/\s+/);
    if (words.length !== 2) return { problem: `${at}: ${excerpt(line)} is not an id and a count, like "alice 3"` };
    const [id, countText] = words as [string, string];
    const idProblem = mailboxIdProblem(id);
    if (idProblem) return { problem: `${at}: ${excerpt(id)} is not a mailbox id (${idProblem})` };
    const count = /^\d{1,10}$/.test(countText) ? Number(countText) : NaN;
    if (!isCount(count)) return { problem: `${at}: ${excerpt(countText)} is not a count (${countRule})` };
    const earlier = lineOf.get(id);
    if (earlier !== undefined) return { problem: `${at}: ${id} is already given on line ${earlier}` };
    counts.set(id, count);
    lineOf.set(id, i + 1);
  }
  return { counts };
}

function parseJson(text: string, file: string, messagesPerMailbox: number): ParsedCounts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message names the position and, since Node 20, the line and column.
    return { problem: `${file} is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `${file} must hold one object of counts, like {"alice": 3, "bob": 0}` };
  }
  const counts = new Map<string, number>();
  const messages = new Map<string, MessageSummary[]>();
  for (const [id, entry] of Object.entries(value)) {
    const at = `${file} ${lineOfKey(text, id)}`;
    const idProblem = mailboxIdProblem(id);
    if (idProblem) return { problem: `${at}: ${excerpt(id)} is not a mailbox id (${idProblem})` };
    const isDetailed = typeof entry === 'object' && entry !== null && !Array.isArray(entry);
    const count: unknown = isDetailed ? (entry as Record<string, unknown>).count : entry;
    if (!isCount(count)) return { problem: `${at}: ${excerpt(id)}: ${excerpt(count)} is not a count (${countRule})` };
    counts.set(id, count);
    if (isDetailed && (entry as Record<string, unknown>).messages !== undefined) {
      const read = readMessageList((entry as Record<string, unknown>).messages, messagesPerMailbox, `${at}: ${id}.messages`);
      if ('problem' in read) return { problem: read.problem };
      messages.set(id, read.messages);
    }
  }
  return messages.size === 0 ? { counts } : { counts, messages };
}

/** "line 3" for the key as written in the text; JSON.parse does not say where values were. */
function lineOfKey(text: string, key: string): string {
  const match = new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:`).exec(text);
  if (!match) return `at ${excerpt(key)}`;
  return `line ${text.slice(0, match.index).split('\n').length}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
