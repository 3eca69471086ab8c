/**
 * Reading a JMAP push stream: text/event-stream (the WHATWG EventSource
 * format) as RFC 8620 7.3 uses it, `event: state` with a StateChange as data,
 * `event: ping` to show the connection is alive.
 */

/** The push URL from the session's template (RFC 6570 level 1): every type, never closed after a change, a ping every `pingSeconds`. */
export function eventSourceUrl(template: string, pingSeconds: number): string {
  return template
    .replaceAll('{types}', '*')
    .replaceAll('{closeafter}', 'no')
    .replaceAll('{ping}', String(pingSeconds));
}

/** One event as the stream sent it. */
export interface StreamEvent {
  type: string;
  data: string;
}

// A line longer than this is no event a JMAP server sends; it ends the stream rather than fill the memory.
const MAX_LINE = 1024 * 1024;

/**
 * Reads events from a stream until it ends; `onChunk` hears every chunk (a
 * watchdog's heartbeat), `onEvent` every whole event. Rejects when the stream
 * breaks, or sends a line no server would.
 */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: StreamEvent) => void, onChunk: () => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  let type = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0 || type !== '') onEvent({ type: type || 'message', data: data.join('\n') });
      type = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
  };
  for await (const chunk of body) {
    onChunk();
    buffer += decoder.decode(chunk, { stream: true });
    for (let match; (match = /\r\n|\r|\n/.exec(buffer));) {
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (match[0] === '\r' && match.index === buffer.length - 1) break;
      line(buffer.slice(0, match.index));
      buffer = buffer.slice(match.index + match[0].length);
    }
    if (buffer.length > MAX_LINE) throw new Error('the push stream sent a line of more than 1 MiB');
  }
}

/** Whether a `state` event's data is a StateChange (RFC 8620 7.1) that changes mail: any Mailbox or Email state of any account. */
export function isMailChange(data: string): boolean {
  try {
    const change = JSON.parse(data) as { changed?: Record<string, Record<string, unknown>> };
    if (typeof change.changed !== 'object' || change.changed === null) return true;
    return Object.values(change.changed).some((types) => typeof types === 'object' && types !== null
      && ('Mailbox' in types || 'Email' in types || 'EmailDelivery' in types));
  } catch {
    // Something changed, though the server said it oddly: a check costs little.
    return true;
  }
}
