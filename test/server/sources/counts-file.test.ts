import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { parseCounts } from '../../../server/sources/counts-file-parse.ts';
import { CountsFileSource, countsFileSourceType, type CountsFileConfig } from '../../../server/sources/counts-file.ts';
import { silentLogger } from '../../../server/log.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { pollUntil, startSourceServer } from '../../helpers/source-server.ts';
import { hasCount, isError, waitForMailbox } from '../../helpers/store-wait.ts';

// The watch (inotify) brings a change in milliseconds, the recount only every 60 s: a change seen within
// 10 s came by the watch. A busy machine stays far under that; how fast the watch is, the benchmark says.
const BY_WATCH_MS = 10_000;

describe('reading a counts file', () => {
  it('reads lines of "id count" with comments and blank lines', () => {
    const text = '# unread per user, written by cron\nalice 3\n\n  bob\t0   # on holiday\r\ncarol@example.org 12\n';
    expect(parseCounts(text, 'counts.txt')).toEqual({ counts: new Map([['alice', 3], ['bob', 0], ['carol@example.org', 12]]) });
  });

  it('reads a JSON object of counts', () => {
    expect(parseCounts('{"alice": 3, "bob": 0}', 'counts.json')).toEqual({ counts: new Map([['alice', 3], ['bob', 0]]) });
  });

  it('reads an empty file as no mailboxes', () => {
    expect(parseCounts('', 'counts.txt')).toEqual({ counts: new Map() });
  });

  it('reads the newest messages of a mailbox given as {"count", "messages"}, decoded and limited', () => {
    const text = JSON.stringify({
      alice: { count: 2, messages: [
        { id: 'm2', from: '=?UTF-8?B?QWxpY2UgU21pdGg=?= <alice@example.com>', subject: 'Lunch tomorrow?', date: '2026-11-21T08:55:00Z' },
        { id: 'm1', from: 'bob@example.com' },
      ] },
      bob: 0,
    });
    expect(parseCounts(text, 'counts.json', undefined, 1)).toEqual({
      counts: new Map([['alice', 2], ['bob', 0]]),
      messages: new Map([['alice', [{ id: 'm2', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: '2026-11-21T08:55:00.000Z' }]]]),
    });
  });

  it('names a bad message in a counts file by its mailbox and place', () => {
    const parsed = parseCounts('{"alice": {"count": 1, "messages": [{"id": "m 1", "from": "a@example.com"}]}}', 'counts.json');
    expect(parsed.problem).toMatch(/^counts\.json line 1: alice\.messages\[0\]\.id is not valid: a message id is/);
  });

  it.each([
    ['alice 3\nbob -1\n', 'counts.txt line 2: "-1" is not a count (a count is a whole number from 0 to 2147483647)'],
    ['alice 3\nbob\n', 'counts.txt line 2: "bob" is not an id and a count, like "alice 3"'],
    ['alice 3 4\n', 'counts.txt line 1: "alice 3 4" is not an id and a count, like "alice 3"'],
    ['alice 2.5\n', 'counts.txt line 1: "2.5" is not a count (a count is a whole number from 0 to 2147483647)'],
    ['alice 99999999999\n', 'counts.txt line 1: "99999999999" is not a count (a count is a whole number from 0 to 2147483647)'],
    ['a/b 1\n', 'counts.txt line 1: "a/b" is not a mailbox id (a mailbox id is 1 to 128 of A-Z a-z 0-9 . _ @ + -)'],
    ['alice 1\n# x\nalice 2\n', 'counts.txt line 3: alice is already given on line 1'],
  ])('refuses the lines %j: %s', (text, problem) => {
    expect(parseCounts(text, 'counts.txt')).toEqual({ problem });
  });

  it.each([
    ['{\n  "alice": 3,\n  "bob": -1\n}', 'counts.json line 3: "bob": -1 is not a count (a count is a whole number from 0 to 2147483647)'],
    ['{"alice": "3"}', 'counts.json line 1: "alice": "3" is not a count (a count is a whole number from 0 to 2147483647)'],
    ['[1, 2]', 'counts.json must hold one object of counts, like {"alice": 3, "bob": 0}'],
  ])('refuses the JSON %j: %s', (text, problem) => {
    expect(parseCounts(text, 'counts.json', 'json')).toEqual({ problem });
  });

  it('says where JSON is broken', () => {
    const parsed = parseCounts('{\n  "alice": 3,\n  "bob" 0\n}', 'counts.json');
    expect(parsed.problem).toMatch(/^counts\.json is not valid JSON: .*line 3/);
  });
});

describe('the counts file source', () => {
  let dir: string;
  let file: string;
  let sources: CountsFileSource[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailtray-counts-'));
    file = join(dir, 'counts.txt');
    sources = [];
  });

  afterEach(async () => {
    await Promise.all(sources.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  async function start(extra: Partial<CountsFileConfig> = {}): Promise<MemoryStore> {
    const store = new MemoryStore();
    const config: CountsFileConfig = { path: file, format: undefined, mailboxes: [], recountSeconds: 60, ...extra };
    await store.declare(countsFileSourceType.mailboxes(config));
    const source = new CountsFileSource(config, { store, log: silentLogger }, { backoff: { minMs: 100, maxMs: 500 } });
    sources.push(source);
    await source.start();
    return store;
  }

  /** Replaces the file as editors and `mv` do: a new file renamed over the old. */
  async function replace(text: string): Promise<void> {
    await writeFile(join(dir, '.counts.txt.tmp'), text);
    await rename(join(dir, '.counts.txt.tmp'), file);
  }

  it('sets the counts in the file at start', async () => {
    await writeFile(file, 'alice 3\nbob 0\n');
    const store = await start();
    await waitForMailbox(store, 'alice', hasCount(3));
    await waitForMailbox(store, 'bob', hasCount(0));
  });

  it('shows a write in place by the watch, not at the next recount', async () => {
    await writeFile(file, 'alice 3\n');
    const store = await start();
    await waitForMailbox(store, 'alice', hasCount(3));
    await writeFile(file, 'alice 4\n');
    await waitForMailbox(store, 'alice', hasCount(4), BY_WATCH_MS);
  });

  it('shows a file replaced by rename by the watch, again and again', async () => {
    await writeFile(file, 'alice 3\n');
    const store = await start();
    await waitForMailbox(store, 'alice', hasCount(3));
    for (const count of [5, 6, 7]) {
      await replace(`alice ${count}\n`);
      await waitForMailbox(store, 'alice', hasCount(count), BY_WATCH_MS);
    }
  });

  it('follows a JSON file saved as an editor does, keeping a backup', async () => {
    file = join(dir, 'counts.json');
    await writeFile(file, '{"alice": 1}');
    const store = await start();
    await waitForMailbox(store, 'alice', hasCount(1));
    await rename(file, `${file}~`);
    await writeFile(file, '{"alice": 2}');
    await waitForMailbox(store, 'alice', hasCount(2), BY_WATCH_MS);
  });

  it('keeps the last good counts when a bad version is written, says why, and clears it on the next good write', async () => {
    await writeFile(file, 'alice 3\nbob 1\n');
    const store = await start();
    await waitForMailbox(store, 'bob', hasCount(1));

    await replace('alice 4\nbob -2\n');
    const alice = await waitForMailbox(store, 'alice', isError, BY_WATCH_MS);
    expect(alice).toMatchObject({ count: 3, error: 'counts.txt line 2: "-2" is not a count (a count is a whole number from 0 to 2147483647)' });
    expect((await waitForMailbox(store, 'bob', isError)).count).toBe(1);

    await replace('alice 4\nbob 2\n');
    await waitForMailbox(store, 'alice', hasCount(4), BY_WATCH_MS);
    const bob = await waitForMailbox(store, 'bob', hasCount(2));
    expect(bob.error).toBeUndefined();
  });

  it('marks a mailbox that disappears from the file, keeping its count, and clears it when it is back', async () => {
    await writeFile(file, 'alice 3\nbob 1\n');
    const store = await start();
    await waitForMailbox(store, 'bob', hasCount(1));
    await replace('alice 3\n');
    expect(await waitForMailbox(store, 'bob', isError, BY_WATCH_MS)).toMatchObject({ count: 1, error: 'no longer in counts.txt' });
    expect((await store.snapshot(['alice'])).mailboxes[0]).toMatchObject({ state: 'ok', count: 3 });
    await replace('alice 3\nbob 0\n');
    await waitForMailbox(store, 'bob', hasCount(0), BY_WATCH_MS);
  });

  it('reports a missing file on the expected mailboxes and picks it up when it is written', async () => {
    const store = await start({ mailboxes: ['alice'] });
    const failed = await waitForMailbox(store, 'alice', isError);
    expect(failed.error).toBe(`cannot read ${file}: it does not exist (ENOENT)`);
    await replace('alice 2\n');
    await waitForMailbox(store, 'alice', hasCount(2), BY_WATCH_MS);
  });

  it('marks an expected mailbox the file does not name', async () => {
    await writeFile(file, 'alice 1\n');
    const store = await start({ mailboxes: ['alice', 'bob'] });
    expect(await waitForMailbox(store, 'bob', isError)).toMatchObject({ error: 'not in counts.txt' });
  });
});

describe('a count server with a counts file source', () => {
  let dir: string;
  let server: RunningServer | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailtray-counts-'));
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('answers a held GET /v1/counts when a script rewrites the file', async () => {
    const file = join(dir, 'counts.json');
    await writeFile(file, '{"alice": 3}');
    server = await startSourceServer(
      [{ type: 'counts-file', path: file, mailboxes: ['alice', 'bob'] }],
      { mailboxes: [{ id: 'alice', name: 'Alice' }] },
    );
    const first = await pollUntil(server, (a) => a.mailboxes.some((m) => m.id === 'alice' && m.state === 'ok'));
    expect(first.mailboxes).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'alice', name: 'Alice', count: 3, state: 'ok' }),
      expect.objectContaining({ id: 'bob', state: 'error', error: 'not in counts.json', errorKind: 'setup', errorFacts: { file: 'counts.json' } }),
    ]));
    await writeFile(`${file}.new`, '{"alice": 4, "bob": 1}');
    await rename(`${file}.new`, file);
    await pollUntil(server, (a) => a.mailboxes.every((m) => m.state === 'ok') && a.mailboxes.find((m) => m.id === 'alice')?.count === 4);
  });

  it('keeps a 1 MB one-line file out of every answer and every log line: its error quotes a short excerpt', async () => {
    const file = join(dir, 'counts.txt');
    await writeFile(file, `alice 3 ${'x'.repeat(1024 * 1024)}`);
    const logLines: string[] = [];
    server = await startSourceServer([{ type: 'counts-file', path: file, mailboxes: ['alice'] }], {}, {},
      { level: 'info', stream: { write: (line: string) => { logLines.push(line); } } });
    const answer = await pollUntil(server, (a) => a.mailboxes.some((m) => m.id === 'alice' && m.state === 'error'));
    const error = answer.mailboxes[0]!.error!;
    expect(error).toBe(`counts.txt line 1: "alice 3 ${'x'.repeat(32)}"... (1048584 characters) is not an id and a count, like "alice 3"`);
    expect(error.length).toBeLessThanOrEqual(300);
    expect(JSON.stringify(answer).length).toBeLessThan(1000);
    const problemLine = logLines.find((line) => line.includes('is not an id and a count'));
    expect(problemLine).toBeDefined();
    expect(problemLine!.length).toBeLessThan(1000);
  });
});
