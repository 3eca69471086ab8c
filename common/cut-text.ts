/** What a limit counts: code points (the protocol's 200 characters), or UTF-16 code units (Windows' tray tooltip, a WCHAR buffer). */
export type TextMeasure = 'code-points' | 'utf-16';

// Grapheme clusters are the same in every locale for cutting purposes (UAX #29's extended clusters).
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * At most `max` characters, an ellipsis marking the cut, cut between
 * grapheme clusters: a Hangul syllable written in conjoining jamo, a flag,
 * a ZWJ family or an emoji with its skin tone stays whole or goes whole.
 * The limit stays one of code points (or UTF-16 units), not of clusters,
 * so a cluster stacked with a thousand combining marks cannot make the text
 * unbounded. The server cuts senders and subjects so; the app cuts what a
 * server sends it the same way.
 */
export function cutText(text: string, max: number, measure: TextMeasure = 'code-points'): string {
  // UTF-16 length is never less than the code point count: short text is returned without counting.
  if (text.length <= max) return text;
  const size = measure === 'utf-16' ? (part: string) => part.length : codePoints;
  if (size(text) <= max) return text;
  const room = max - 1;
  let end = 0;
  let used = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    used += size(segment);
    if (used > room) break;
    end = index + segment.length;
  }
  // Only one cluster longer than the whole room (Zalgo text): cut inside it rather than show nothing.
  const kept = end > 0 ? text.slice(0, end) : slicePoints(text, room, size);
  return `${kept.trimEnd()}…`;
}

function codePoints(text: string): number {
  return Array.from(text).length;
}

/** The longest start of `text` within `room`, never half a surrogate pair. */
function slicePoints(text: string, room: number, size: (part: string) => number): string {
  let kept = '';
  let used = 0;
  for (const point of text) {
    used += size(point);
    if (used > room) break;
    kept += point;
  }
  return kept;
}
