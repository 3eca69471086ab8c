import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tokens, type TestServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { columnsOf, liveViewLines } from '../../../main/watch/live-view.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { AppSnapshot } from '../../../main/ipc-contract.ts';
import { Output, watchFor } from './support/watch-run.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ mailboxes: [{ id: 'ann', name: '받은편지함' }, { id: 'ann-work', name: 'Work' }, { id: 'bob', name: 'Bob' }] });
});
afterAll(() => server.stop());

// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;

/** The screen as the person sees it after the last painting: the text after the last "clear below". */
function lastPainting(text: string): string[] {
  const paintings = text.split('\x1b[J');
  return paintings.at(-1)!.replace(ansi, '').split('\n').slice(0, -1);
}

describe('the live view on a terminal', () => {
  it('shows each mailbox, the total and the newest messages, and repaints in place when a count changes', async () => {
    await server.put('ann', { count: 2, messages: [
      { id: '1', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: '2026-12-05T07:01:00Z' },
      { id: '2', from: 'bob@example.com', subject: '\x1b[31mred\x1b[0m', date: '2026-12-05T06:00:00Z' },
    ] }, tokens.ingest);
    await server.setCount('ann-work', 1);
    const stdout = new Output({ isTTY: true, columns: 60 });
    const run = watchFor(['--server', server.url, `--token=${tokens.ann}`], { stdout });
    try {
      const first = await eventually(() => {
        const screen = lastPainting(stdout.text);
        return screen.some((line) => line.includes('Total')) && screen.some((l) => l.includes('Alice')) ? screen : undefined;
      });
      expect(first[0]).toMatch(/^Live: 127\.0\.0\.1:\d+$/);
      expect(first).toContain('  받은편지함  2');
      expect(first).toContain('  Work        1');
      expect(first).toContain('  Total       3');
      expect(first).toContain('Newest unread mail');
      expect(first.some((line) => line.endsWith('Alice Smith: Lunch tomorrow? — 받은편지함'))).toBe(true);
      // A subject's escape sequence never reaches the terminal as a command (the server drops it; so would the view).
      expect(stdout.text).not.toContain('\x1b[31m');
      expect(first.at(-1)).toBe('Press Ctrl+C to stop watching.');
      for (const line of first) expect(columnsOf(line)).toBeLessThanOrEqual(60);

      const rows = first.length;
      await server.setCount('ann-work', 4);
      const second = await eventually(() => {
        const screen = lastPainting(stdout.text);
        return screen.includes('  Total       6') ? screen : undefined;
      });
      expect(second).toContain('  Work        4');
      // The cursor went back up over the last painting's rows before clearing: the view stays in place.
      expect(stdout.text).toContain(`\x1b[${rows}F\x1b[J`);
    } finally {
      run.stop();
      await run.done;
    }
  });

  it('cuts lines to a narrow terminal instead of letting them wrap, and counts wide characters as two columns', async () => {
    const stdout = new Output({ isTTY: true, columns: 24 });
    const run = watchFor(['--server', server.url, `--token=${tokens.ann}`], { stdout });
    try {
      const screen = await eventually(() => {
        const lines = lastPainting(stdout.text);
        return lines.some((line) => line.includes('Alice')) ? lines : undefined;
      });
      for (const line of screen) expect(columnsOf(line)).toBeLessThanOrEqual(24);
      expect(screen.some((line) => line.endsWith('…'))).toBe(true);
    } finally {
      run.stop();
      await run.done;
    }
  });

  it('is not drawn into a pipe: without a terminal, text is one line per change', async () => {
    const stdout = new Output({ isTTY: false });
    const run = watchFor(['--server', server.url, `--token=${tokens.ann}`], { stdout });
    try {
      await eventually(() => stdout.text.includes('unread'));
      expect(stdout.text).not.toContain('\x1b[');
      expect(stdout.lines().at(-1)).toMatch(/^\d+ unread: /);
    } finally {
      run.stop();
      await run.done;
    }
  });
});

it('shows control characters a server sent as a visible mark, never as terminal commands', () => {
  const snapshot: AppSnapshot = {
    counts: { total: 1, mailboxes: [{ id: 'a', name: 'In\x1b[2Jbox', count: 1, state: 'ok', changedAt: '2026-12-05T07:00:00Z',
      messages: [{ id: '1', from: 'x@example.com', subject: 'red \x1b[31malert\u009b', date: '2026-12-05T07:00:00Z' }] }] },
    status: { connection: { state: 'live', server: { mode: 'remote', label: 'counts.example.com', isInsecure: false } }, warnings: [], snoozedUntil: null, countsConfirmedAt: 1 },
    language: { choice: 'en', chosen: 'en', system: 'en' },
  };
  const lines = liveViewLines(snapshot, Date.parse('2026-12-05T08:00:00Z'), translatorFor('en'), 80);
  for (const line of lines) expect(line).not.toMatch(/\p{Cc}/u);
  expect(lines).toContain('  In\ufffd[2Jbox  1');
  expect(lines.some((line) => line.includes('x@example.com: red \ufffd[31malert\ufffd — In\ufffd[2Jbox'))).toBe(true);
});
