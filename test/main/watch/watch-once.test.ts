import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../helpers/count-server.ts';
import { watchFor } from './support/watch-run.ts';

let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(() => server.stop());

describe('mailtray watch --once', () => {
  it('exits 0 with unread mail and says how much, per mailbox', async () => {
    await server.setCount('work', 3);
    await server.setCount('home', 2);
    const run = watchFor(['--once', '--server', server.url, `--token=${server.token}`]);
    expect(await run.done).toBe(0);
    expect(run.stdout.lines()).toEqual(['5 unread: Work 3 and Home 2']);
    expect(run.stderr.text).toBe('');
  });

  it('exits 1 with no unread mail', async () => {
    await server.setCount('work', 0);
    await server.setCount('home', 0);
    const run = watchFor(['--once', '--server', server.url], { env: { MAILTRAY_TOKEN: server.token } });
    expect(await run.done).toBe(1);
    expect(run.stdout.lines()).toEqual(['No unread mail']);
  });

  it('exits 2 when nothing listens at the address, saying so', async () => {
    const gone = await startAppServer();
    const { url, token } = gone;
    await gone.stop();
    const run = watchFor(['--once', '--server', url, `--token=${token}`]);
    expect(await run.done).toBe(2);
    expect(run.stdout.lines()).toEqual(['Not connected: server unreachable (connection refused)']);
  });

  it('exits 2 when the server refuses the token', async () => {
    const run = watchFor(['--once', '--format', 'json', '--server', server.url, '--token', 'not-the-token-0123456789']);
    expect(await run.done).toBe(2);
    const [line] = run.stdout.lines();
    expect(JSON.parse(line!)).toMatchObject({ state: 'auth-failed', connection: 'auth-failed', total: 0 });
  });

  it.each([
    [['--fromat', 'json'], /Unknown option '--fromat'/],
    [['--format', 'xml', '--server', 'http://127.0.0.1:1', '--token', 't'], /--format must be one of text, json, waybar, i3blocks, polybar; "xml" is not/],
    [['--server', 'http://127.0.0.1:1'], /--server needs a client token: pass --token TOKEN, or set MAILTRAY_TOKEN/],
    [['--token', 'abc'], /--token is for --server/],
    [['--server', 'ftp://example.com', '--token', 't'], /--server "ftp:\/\/example.com": /],
    [['stray'], /Unexpected argument 'stray'/],
    // Tokens may begin with a dash (base64url): the sentence says how to pass one.
    [['--server', 'http://127.0.0.1:1', '--token', '-abc'], /use '--token=-XYZ'/],
    // No server, and no settings file where the app keeps it.
    [['--once'], /no settings file at .*mailtray-watch-no-settings\/settings.json: start the Mailtray app once/],
  ])('exits 64 on %j with a sentence that says what is wrong', async (args, message) => {
    const run = watchFor(args);
    expect(await run.done).toBe(64);
    expect(run.stderr.text).toMatch(message);
    expect(run.stderr.text).toContain('mailtray watch --help');
    expect(run.stdout.text).toBe('');
  });

  it('--help prints the usage and exits 0', async () => {
    const run = watchFor(['--help']);
    expect(await run.done).toBe(0);
    expect(run.stdout.text).toMatch(/^Usage: mailtray watch \[options\]/);
  });
});
