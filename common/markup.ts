// The five entities of XML, and no numeric ones: GNOME Shell's notification markup
// keeps exactly these and escapes any other "&" (so "&#39;" would show as it is
// written); HTML reads them all too.
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text that a markup parser (HTML, or a notification server's body markup) reads back as the same text. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}
