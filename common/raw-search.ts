/** One part of a raw search as IMAP sends it: an atom, a quoted string, or a parenthesized list. */
export type SearchToken = { type: 'ATOM' | 'STRING'; value: string } | SearchToken[];

/** The longest raw search a config or the app may hold. */
export const MAX_RAW_SEARCH_LENGTH = 1000;

/**
 * A filter's `search` (docs/sources.md, "An IMAP SEARCH as written"): IMAP SEARCH keys (RFC 3501
 * 6.4.4) typed by an operator (the server's config) or a person (the app's "What counts"), read
 * into the tokens IMAP sends. Here in common/ so the app refuses at Save what the server would. Only the syntax is
 * checked here (quotes and parentheses closed, no line breaks or literals that would end the
 * command early); which keys a server knows is the server's to say, and a refusal becomes the
 * mailbox's error. Throws an Error whose message says what is wrong.
 */
export function parseRawSearch(text: string): SearchToken[] {
  if (text.trim() === '') throw new Error('is empty: give IMAP SEARCH keys, like "FROM boss SUBJECT urgent"');
  if (text.length > MAX_RAW_SEARCH_LENGTH) throw new Error(`is longer than ${MAX_RAW_SEARCH_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex -- control characters (a line break above all) would end the command and start another
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new Error('holds a line break or another control character');
  const stack: SearchToken[][] = [[]];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === ' ') { at += 1; continue; }
    if (char === '(') { stack.push([]); at += 1; continue; }
    if (char === ')') {
      if (stack.length === 1) throw new Error(`has a ")" with no "(" before it (character ${at + 1})`);
      const list = stack.pop()!;
      if (list.length === 0) throw new Error(`has empty parentheses (character ${at + 1})`);
      stack.at(-1)!.push(list);
      at += 1;
      continue;
    }
    if (char === '"') {
      let value = '';
      let end = at + 1;
      for (; end < text.length && text[end] !== '"'; end += 1) {
        if (text[end] === '\\') end += 1;
        value += text[end] ?? '';
      }
      if (end >= text.length) throw new Error(`has a quote that is never closed (character ${at + 1})`);
      stack.at(-1)!.push({ type: 'STRING', value });
      at = end + 1;
      continue;
    }
    const atom = /^[^ ()"]+/.exec(text.slice(at))![0];
    // "{5}" announces a literal, which the rest of the line cannot be; "\" belongs in quotes only.
    if (/[{}\\]/.test(atom)) throw new Error(`has ${JSON.stringify(atom)}: braces and backslashes belong inside quotes`);
    stack.at(-1)!.push({ type: 'ATOM', value: atom });
    at += atom.length;
  }
  if (stack.length > 1) throw new Error('has a "(" that is never closed');
  return stack[0]!;
}
