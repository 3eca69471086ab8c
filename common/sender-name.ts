/**
 * "Alice Smith" from "Alice Smith <alice@example.com>" (quotes dropped); the
 * address when there is no name; "Unknown sender" for nothing at all. How a
 * notification's title and the window's list of messages name the sender.
 */
export function senderName(from: string): string {
  const match = /^(.*?)\s*<([^<>]*)>\s*$/.exec(from);
  const name = match ? match[1]!.replace(/^"(.*)"$/, '$1').trim() : from.trim();
  if (name) return name;
  return match?.[2]?.trim() || 'Unknown sender';
}
