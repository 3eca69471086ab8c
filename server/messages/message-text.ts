import PostalMime, { addressParser, decodeWords } from 'postal-mime';
import { cutText } from '../../common/cut-text.ts';
import { MAX_MESSAGE_TEXT_LENGTH, type MessageSummary } from '../../common/protocol.ts';
import { headerInUtf8, wordsInKnownCharsets } from './header-charsets.ts';

/*
 * Headers are decoded by postal-mime (the nodemailer author's zero-dependency
 * parser): RFC 2047 words in any charset the platform's TextDecoder knows,
 * folded lines, quoted display names, group syntax; header-charsets.ts first
 * settles what it cannot know (raw 8-bit bytes, unknown labels). Mail is written by
 * strangers, so everything it yields is then flattened and bounded here
 * before a client can show it.
 */

// C0 and C1 controls and DEL, plus the marks and overrides that make text read
// backwards or hide part of it on screen ("Invoice\u202Efdp.exe").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeRe = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One line of plain text: no control characters, runs of space made one, at most `max` characters (an ellipsis marks a cut). */
export function cleanText(text: string, max = MAX_MESSAGE_TEXT_LENGTH): string {
  return cutText(text.replace(unsafeRe, ' ').replace(/\s+/g, ' ').trim(), max);
}

/** "Alice Smith <alice@example.com>", or the address alone when there is no name. */
export function senderText(name: string | undefined, address: string | undefined): string {
  const cleanName = cleanText(name ?? '');
  const cleanAddress = cleanText(address ?? '');
  if (!cleanName) return cleanAddress;
  if (!cleanAddress || cleanName === cleanAddress) return cleanName;
  // The address is what a reader can trust, so a long name gives way to it.
  const room = MAX_MESSAGE_TEXT_LENGTH - cleanAddress.length - 3;
  return room < 10 ? cleanText(cleanName) : `${cleanText(cleanName, room)} <${cleanAddress}>`;
}

/**
 * A `From` value as pushed by a mail host, maybe still encoded
 * (`=?UTF-8?B?...?= <a@example.com>`): decoded and bounded.
 */
export function decodeSender(raw: string): string {
  const value = wordsInKnownCharsets(raw.slice(0, 4096));
  const parsed = addressParser(value);
  const [first] = parsed;
  if (parsed.length === 1 && first && 'address' in first && first.address) return senderText(first.name, first.address);
  return cleanText(decodeWords(value));
}

/** A `Subject` value as pushed, maybe still encoded: decoded and bounded. */
export function decodeSubject(raw: string): string {
  return cleanText(decodeWords(wordsInKnownCharsets(raw.slice(0, 16_384))));
}

/**
 * The summary of one message from its header block (everything before the
 * first empty line; a body, if given, is ignored). `arrivedAt` stands in for
 * a missing or unreadable Date.
 */
export async function summaryFromHeader(header: string | Uint8Array, id: string, arrivedAt?: Date): Promise<MessageSummary> {
  const readable = typeof header === 'string' ? wordsInKnownCharsets(header) : headerInUtf8(header);
  const email = await PostalMime.parse(readable, { attachmentEncoding: 'arraybuffer' });
  const from = email.from && 'address' in email.from ? senderText(email.from.name, email.from.address) : '';
  const summary: MessageSummary = { id, from, subject: cleanText(email.subject ?? '') };
  const date = isoDate(email.date) ?? arrivedAt?.toISOString();
  if (date !== undefined) summary.date = date;
  return summary;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
