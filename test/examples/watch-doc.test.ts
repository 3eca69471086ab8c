import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseWatchArgs } from '../../main/watch/watch-args.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { watchFor } from '../main/watch/support/watch-run.ts';

// docs/watch.md, checked: every "$ mailtray watch ..." runs against a real server in the state the page
// describes (Work 3, Home 2), and prints what the page shows; every bar's config runs a watch in the format it reads.
const page = await readFile(join(import.meta.dirname, '../../docs/watch.md'), 'utf8');
const blocks = (language: string) => [...page.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);
const DOC_SERVER = 'https://counts.example.com';

interface Example { args: string[]; output: string[]; code?: number }

/** "$ mailtray watch ARGS" and the lines under it; "$ echo $?" and its line is the exit code. */
function examples(): Example[] {
  const found: Example[] = [];
  for (const block of blocks('sh')) {
    for (const line of block.split('\n')) {
      if (line.startsWith('$ mailtray watch ')) found.push({ args: line.slice('$ mailtray watch '.length).split(' '), output: [] });
      else if (line === '$ echo $?') found.at(-1)!.code = Number.NaN;
      else if (found.length > 0 && line !== '' && !line.startsWith('$ ')) {
        const last = found.at(-1)!;
        if (Number.isNaN(last.code)) last.code = Number(line);
        else last.output.push(line);
      }
    }
  }
  return found;
}

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
  await server.setCount('work', 3);
  await server.setCount('home', 2);
});
afterAll(() => server.stop());

it('docs/watch.md shows each format at least once, with its exit codes', () => {
  const shown = examples();
  expect(shown.length).toBeGreaterThanOrEqual(6);
  const formats = new Set(shown.map(({ args }) => (args.includes('--format') ? args[args.indexOf('--format') + 1] : 'text')));
  expect([...formats].sort()).toEqual(['i3blocks', 'json', 'polybar', 'text', 'waybar']);
});

it.each(examples().map((example) => [example.args.join(' '), example] as const))('$ mailtray watch %s prints what docs/watch.md says', async (_, example) => {
  const args = example.args.map((arg) => (arg === DOC_SERVER ? server.url : arg));
  const run = watchFor(args, { env: { MAILTRAY_TOKEN: server.token, MAILTRAY_USER_DATA: join(tmpdir(), 'mailtray-watch-doc-no-settings') } });
  const code = await run.done;
  expect(run.stdout.lines()).toEqual(example.output);
  if (example.code !== undefined) expect(code).toBe(example.code);
});

it('each bar\'s config in docs/watch.md runs a watch in the format that bar reads, set up as the bar needs it', () => {
  const configs = [...blocks('jsonc'), ...blocks('ini')];
  expect(configs).toHaveLength(3);
  for (const config of configs) {
    const command = /(?:"exec": "|command=|exec = )mailtray watch ([^"\n]*)/.exec(config)?.[1];
    expect(command, config).toBeDefined();
    const parsed = parseWatchArgs(command!.split(' '), {});
    expect(parsed.kind).toBe('watch');
    const { format, isOnce } = (parsed as Extract<typeof parsed, { kind: 'watch' }>).options;
    expect(isOnce).toBe(false);
    if (format === 'waybar') expect(config).toContain('"return-type": "json"');
    else if (format === 'i3blocks') expect(config).toMatch(/interval=persist\nformat=json/);
    else if (format === 'polybar') expect(config).toMatch(/type = custom\/script[\s\S]*tail = true/);
    else throw new Error(`a bar config with --format ${format}`);
  }
});
