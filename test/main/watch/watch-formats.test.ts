import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tokens, type TestServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { watchFor, type WatchUnderTest } from './support/watch-run.ts';

// Ann sees two mailboxes; one is named in markup, as a server may name one.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ mailboxes: [{ id: 'ann', name: 'Ann <b>& co</b>' }, { id: 'ann-work', name: 'Work' }, { id: 'bob', name: 'Bob' }] });
});
afterAll(() => server.stop());

let running: WatchUnderTest | undefined;
afterEach(async () => {
  running?.stop();
  await running?.done;
  running = undefined;
});

const args = (format: string, ...more: string[]) => ['--format', format, '--server', server.url, `--token=${tokens.ann}`, ...more];

/** Watches in `format` until a line arrives for the counts just set, and returns the lines so far. */
async function watchUntil(format: string, ready: (line: string) => boolean): Promise<string[]> {
  running ??= watchFor(args(format));
  return eventually(() => (running!.stdout.lines().some(ready) ? running!.stdout.lines() : undefined));
}

describe('each format prints one line per change, in the shape its bar documents', () => {
  it('waybar: a JSON object with text, tooltip, class and alt; markup in names escaped', async () => {
    await server.setCount('ann', 4);
    await server.setCount('ann-work', 1);
    const lines = await watchUntil('waybar', (line) => line.includes('"unread"'));
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(Object.keys(last).sort()).toEqual(['alt', 'class', 'text', 'tooltip']);
    expect(last).toEqual({
      text: '5',
      tooltip: 'Mailtray: 5 unread\nAnn &lt;b&gt;&amp; co&lt;/b&gt;: 4\nWork: 1',
      class: 'unread',
      alt: 'unread',
    });
    // Read mail: a new line, "none".
    await server.setCount('ann', 0);
    await server.setCount('ann-work', 0);
    const after = await watchUntil('waybar', (line) => line.includes('"none"'));
    expect(JSON.parse(after.at(-1)!)).toMatchObject({ text: '0', class: 'none', alt: 'none' });
  });

  it('a change another mailbox saw, or none at all, prints nothing: one line per change of this view', async () => {
    await server.setCount('ann', 2);
    const lines = await watchUntil('text', (line) => line.startsWith('2 unread'));
    const count = lines.length;
    await server.setCount('bob', 9);
    await server.setCount('ann', 3);
    await watchUntil('text', (line) => line.startsWith('3 unread'));
    expect(running!.stdout.lines().slice(count)).toEqual(['3 unread: Ann <b>& co</b> 3']);
  });

  it('i3blocks while watching: one JSON object a line with full_text, short_text and color (interval=persist, format=json)', async () => {
    await server.setCount('ann', 7);
    await server.setCount('ann-work', 0);
    const lines = await watchUntil('i3blocks', (line) => line.includes('7 unread'));
    expect(JSON.parse(lines.at(-1)!)).toEqual({ full_text: '7 unread', short_text: '7', color: '#8ab4f8' });
  });

  it('i3blocks --once: full_text, short_text and color, a line each', async () => {
    await server.setCount('ann', 7);
    const run = watchFor(args('i3blocks', '--once'));
    expect(await run.done).toBe(0);
    expect(run.stdout.lines()).toEqual(['7 unread', '7', '#8ab4f8']);
  });

  it('polybar: the text in %{F#rrggbb}...%{F-} colour tags (custom/script, tail = true)', async () => {
    await server.setCount('ann', 1);
    await server.setCount('ann-work', 1);
    const lines = await watchUntil('polybar', (line) => line.includes('2 unread'));
    expect(lines.at(-1)).toBe('%{F#8ab4f8}2 unread%{F-}');
    await server.setCount('ann', 0);
    await server.setCount('ann-work', 0);
    const none = await watchUntil('polybar', (line) => line.startsWith('0 unread'));
    // No mail: the bar's own colour.
    expect(none.at(-1)).toBe('0 unread');
  });

  it('json: the state with stable keys, each mailbox with its count and state', async () => {
    await server.setCount('ann', 2);
    await server.setCount('ann-work', 0);
    const lines = await watchUntil('json', (line) => line.includes('"total":2'));
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      state: 'unread',
      connection: 'live',
      total: 2,
      text: '2 unread: Ann <b>& co</b> 2',
      mailboxes: [
        // The app's ids: a remote server's mailbox carries the server's key (more than one server, issue 22).
        { id: 's1/ann', name: 'Ann <b>& co</b>', count: 2, state: 'ok' },
        { id: 's1/ann-work', name: 'Work', count: 0, state: 'ok' },
      ],
    });
  });

  it('speaks the terminal\'s language (LANG), as the app speaks the system\'s', async () => {
    await server.setCount('ann', 3);
    await server.setCount('ann-work', 0);
    const run = watchFor(args('text', '--once'), { env: { LANG: 'ko_KR.UTF-8' } });
    expect(await run.done).toBe(0);
    expect(run.stdout.lines()).toEqual(['읽지 않은 메일 3통: Ann <b>& co</b> 3통']);
  });
});
