/**
 * At most `max` characters, cut by code points (no emoji split into half a
 * surrogate pair), an ellipsis marking the cut. The server cuts senders and
 * subjects so; the app cuts what a server sends it the same way.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('').trimEnd()}…`;
}
