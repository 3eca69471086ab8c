import { decodeWords } from 'postal-mime';

/*
 * What postal-mime cannot know from the header alone, decided before it
 * parses: the charset of raw 8-bit header bytes (old Korean mailers write
 * EUC-KR into Subject and From without RFC 2047; postal-mime reads them as
 * UTF-8 and shows U+FFFD), and of encoded words labelled with a charset no
 * decoder knows (postal-mime falls back to windows-1252 then). Both are
 * rewritten as UTF-8, in the charset the message's Content-Type names or,
 * without one, in the one the bytes read as: UTF-8, else EUC-KR when they
 * read as Hangul, else windows-1252. Known labels (euc-kr,
 * ks_c_5601-1987, cp949, ...) are left to postal-mime.
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const strictEucKr = new TextDecoder('euc-kr', { fatal: true });
const encoder = new TextEncoder();

// An RFC 2047 word: =?charset(*language)?B|Q?text?=
const encodedWordRe = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
// Hangul syllables and compatibility jamo, CJK punctuation and full-width forms: what EUC-KR text is made of.
const koreanTextRe = /^[\t\r\n -~\u3000-\u303f\u3131-\u318e\uac00-\ud7a3\uff01-\uffef]*$/;
const hangulRe = /[\uac00-\ud7a3]/;

/** The charset that `bytes` read as, when nothing names it: UTF-8, EUC-KR when they read as Korean, else windows-1252. */
export function guessCharset(bytes: Uint8Array): 'utf-8' | 'euc-kr' | 'windows-1252' {
  if (readsAs(strictUtf8, bytes) !== undefined) return 'utf-8';
  // Latin-1 text read as EUC-KR gives Hanja and symbols, rarely Hangul alone.
  const korean = readsAs(strictEucKr, bytes);
  if (korean !== undefined && hangulRe.test(korean) && koreanTextRe.test(korean)) return 'euc-kr';
  return 'windows-1252';
}

/**
 * The header block with every field in UTF-8 and every encoded word in a
 * charset postal-mime decodes; the body, if given, is left as it is. Bytes
 * that are UTF-8 already come back unchanged.
 */
export function headerInUtf8(message: Uint8Array): Uint8Array {
  const end = headerEnd(message);
  const block = message.subarray(0, end);
  const latin1 = Buffer.from(block).toString('latin1');
  const isUtf8 = !/[\x80-\xff]/.test(latin1) || readsAs(strictUtf8, block) !== undefined;
  if (isUtf8 && !hasUnknownWords(latin1)) return message;
  const named = isUtf8 ? undefined : namedCharset(latin1);
  const fields = splitFields(block).map((field) => {
    const text = readsAs(strictUtf8, field) ?? decoderFor(named ?? guessCharset(field)).decode(field);
    return wordsInKnownCharsets(text);
  });
  const rewritten = encoder.encode(fields.join(''));
  const out = new Uint8Array(rewritten.length + message.length - end);
  out.set(rewritten);
  out.set(message.subarray(end), rewritten.length);
  return out;
}

/** `text` with each run of encoded words in a charset no decoder knows rewritten as one UTF-8 word, in the charset guessed from its bytes. */
export function wordsInKnownCharsets(text: string): string {
  if (!hasUnknownWords(text)) return text;
  let out = '';
  let at = 0;
  const words = [...text.matchAll(encodedWordRe)];
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!;
    const label = first[1]!;
    if (isKnownCharset(label)) continue;
    // Adjacent words of one charset are one text (RFC 2047 6.2): a character may be split across two.
    const parts = [wordBytes(first)];
    let last = first;
    while (i + 1 < words.length) {
      const next = words[i + 1]!;
      const between = text.slice(last.index + last[0].length, next.index);
      if (!/^\s*$/.test(between) || next[1]!.toLowerCase() !== label.toLowerCase()) break;
      parts.push(wordBytes(next));
      last = next;
      i += 1;
    }
    const bytes = Buffer.concat(parts);
    const decoded = decoderFor(guessCharset(bytes)).decode(bytes);
    out += `${text.slice(at, first.index)}=?UTF-8?B?${Buffer.from(decoded).toString('base64')}?=`;
    at = last.index + last[0].length;
  }
  return out + text.slice(at);
}

function hasUnknownWords(text: string): boolean {
  for (const word of text.matchAll(encodedWordRe)) if (!isKnownCharset(word[1]!)) return true;
  return false;
}

// Mail chooses the labels, so the memory of them is bounded.
const knownLabels = new Map<string, boolean>();
const MAX_KNOWN_LABELS = 256;

/**
 * Whether postal-mime decodes `label` (itself, or by one of its aliases such
 * as cp949 or x-euc-jp) rather than falling back to windows-1252: asked of
 * postal-mime itself with byte 0x80, which only windows-1252 reads as "€".
 */
function isKnownCharset(label: string): boolean {
  const key = label.toLowerCase();
  let known = knownLabels.get(key);
  if (known === undefined) {
    known = isDecoderLabel(key) || decodeWords(`=?${key}?B?gA==?=`) !== '€';
    if (knownLabels.size >= MAX_KNOWN_LABELS) knownLabels.clear();
    knownLabels.set(key, known);
  }
  return known;
}

function isDecoderLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function decoderFor(charset: string): TextDecoder {
  return new TextDecoder(charset);
}

function readsAs(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function wordBytes(word: RegExpMatchArray): Buffer {
  const [, , encoding, text = ''] = word;
  if (encoding!.toUpperCase() === 'B') return Buffer.from(text, 'base64');
  // Q: "_" is a space, "=XX" a byte; everything else stands for itself.
  return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/** The charset parameter of the Content-Type field, when a decoder knows it. */
function namedCharset(latin1Block: string): string | undefined {
  const field = /^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im.exec(latin1Block)?.[0];
  const charset = field && /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(field)?.[1];
  return charset && isDecoderLabel(charset) && charset.toLowerCase() !== 'utf-8' ? charset : undefined;
}

/** Where the header block ends: after the empty line, or the whole text when there is none. */
function headerEnd(message: Uint8Array): number {
  for (let i = 0; i < message.length; i++) {
    if (message[i] !== 0x0a) continue;
    if (message[i + 1] === 0x0a) return i + 2;
    if (message[i + 1] === 0x0d && message[i + 2] === 0x0a) return i + 3;
  }
  return message.length;
}

/** The header block cut into fields, each with its folded lines and line ends, so that each is read in its own charset. */
function splitFields(block: Uint8Array): Uint8Array[] {
  const fields: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < block.length; i++) {
    if (block[i] !== 0x0a) continue;
    const next = block[i + 1];
    // A line that starts with a space or a tab continues the field.
    if (next === 0x20 || next === 0x09) continue;
    fields.push(block.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < block.length) fields.push(block.subarray(start));
  return fields;
}
