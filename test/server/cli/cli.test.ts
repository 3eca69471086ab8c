import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf } from '../../../server/tokens/token-table.ts';
import { CliProcesses } from '../../helpers/cli-process.ts';
import { metricAt, testConfig, tokens } from '../../helpers/count-server.ts';
import { openEvents } from '../../helpers/event-reader.ts';
import { eventually } from '../../helpers/eventually.ts';
import { openSlowly, receivedBeforeClose } from '../../helpers/raw-http.ts';

const cli = new CliProcesses();
let folder: string;

beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-cli-')); });
afterEach(async () => {
  cli.stopAll();
  await rm(folder, { recursive: true, force: true });
});

const run = (args: string[], env: Record<string, string> = {}) => cli.run(args, env);

async function output(proc: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => { stdout += d; });
  proc.stderr!.on('data', (d: Buffer) => { stderr += d; });
  const [code] = (await once(proc, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Starts the CLI with `config` on a free port. */
async function startCli(config: unknown, env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string; log: () => string }> {
  const file = join(folder, 'server.json');
  await writeFile(file, JSON.stringify(config));
  return cli.start(file, env);
}

describe('mailtray-server', () => {
  it('SIGTERM answers every held poll with 503 and Retry-After: 1, then exits 0', async () => {
    const { proc, url } = await startCli(testConfig());
    const headers = { Authorization: `Bearer ${tokens.ann}` };
    const { cursor } = (await (await fetch(`${url}/v1/counts`, { headers })).json()) as { cursor: string };
    const held = [1, 2, 3].map(() => fetch(`${url}/v1/counts?since=${cursor}&wait=60`, { headers }));
    await eventually(async () => (await metricAt(url, 'mailtray_held_polls')) === 3);
    const killedAt = Date.now();
    proc.kill('SIGTERM');
    const answers = await Promise.all(held);
    // The 503s say they were not waited out; the bound is only a net, far under the 60 s wait, that a busy machine will not reach.
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(await answer.json()).toMatchObject({ error: { code: 'shutting_down' } });
    }
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
  });

  // docs/protocol.md, "Events": the stream ends, the client reconnects.
  it('SIGTERM ends every event stream cleanly (EventSource then reconnects), then exits 0', async () => {
    const { proc, url } = await startCli(testConfig());
    const streams = [tokens.ann, tokens.bob].map((token) => openEvents(url, token));
    const readers = await Promise.all(streams);
    for (const reader of readers) await reader.nextEvent();
    await eventually(async () => (await metricAt(url, 'mailtray_held_polls')) === 2);
    const killedAt = Date.now();
    proc.kill('SIGTERM');
    for (const reader of readers) {
      await reader.done;
      // The stream's last chunk came: an end, not a cut connection.
      expect(reader.failure).toBeUndefined();
    }
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
  });

  it('SIGTERM with a slow request body open exits 0 without waiting for the body', async () => {
    // The server would give the body 120 s: exiting well before that is not waiting for it.
    const { proc, url } = await startCli(testConfig({ limits: { requestSeconds: 120 } }));
    const port = Number(new URL(url).port);
    const slow = await openSlowly(port, [
      'PUT /v1/mailboxes/ann HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 1000',
      `Authorization: Bearer ${tokens.ingest}`, '', '{"cou'].join('\r\n'));
    const closed = receivedBeforeClose(slow, 5000);
    // Kept: nothing tells from outside that the server has read the partial body; if it has not yet, the test is weaker, never wrong.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const killedAt = Date.now();
    proc.kill('SIGTERM');
    const [code] = await once(proc, 'exit');
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(code).toBe(0);
    expect((await closed).isClosed).toBe(true);
  });

  it('logs one structured line saying where it listens, with tokens read from the environment', async () => {
    const config = testConfig({ clients: [{ name: 'env-client', token: { env: 'TEST_CLIENT_TOKEN' }, mailboxes: '*' }] });
    const { proc, url } = await startCli(config, { TEST_CLIENT_TOKEN: 'from-the-environment-123' });
    const response = await fetch(`${url}/v1/counts`, { headers: { Authorization: 'Bearer from-the-environment-123' } });
    expect(response.status).toBe(200);
    proc.kill('SIGINT');
    expect((await once(proc, 'exit'))[0]).toBe(0);
  });

  it('refuses to start on a config with errors, naming the place and the problem', async () => {
    const file = join(folder, 'bad.json');
    await writeFile(file, JSON.stringify(testConfig({ clients: [{ name: 'x', token: tokens.ann, mailboxes: 'all' }] })));
    const { code, stderr } = await output(run(['--config', file]));
    expect(code).toBe(1);
    expect(stderr).toContain('  clients[0].mailboxes: must be a list of mailbox ids like ["ann", "ann-work"], or "*" for all, not the text "all"');
  });

  it('says which environment variable is missing', async () => {
    const file = join(folder, 'env.json');
    await writeFile(file, JSON.stringify(testConfig({ ingest: [{ name: 'db', token: { env: 'NOT_SET_ANYWHERE_XYZ' } }] })));
    const { code, stderr } = await output(run(['--config', file]));
    expect(code).toBe(1);
    expect(stderr).toContain('ingest[0].token: the environment variable NOT_SET_ANYWHERE_XYZ is not set');
  });

  it('says when the config file is missing or not JSON', async () => {
    const missing = await output(run(['--config', join(folder, 'nope.json')]));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the config file .*nope\.json: ENOENT/);
    const file = join(folder, 'broken.json');
    await writeFile(file, '{"clients": [');
    const broken = await output(run(['--config', file]));
    expect(broken.stderr).toMatch(/broken\.json:1:14: unexpected end of the file \(not valid JSON\)/);
  });

  it('rejects a bad --port with the config message', async () => {
    const file = join(folder, 'ok.json');
    await writeFile(file, JSON.stringify(testConfig()));
    const { code, stderr } = await output(run(['--config', file, '--port', '70000']));
    expect(code).toBe(1);
    expect(stderr).toContain('listen.port: must be a whole number from 0 to 65535');
  });

  it('`token` prints a new random token and its sha256 form, which the server accepts', async () => {
    const first = await output(run(['token']));
    const second = await output(run(['token']));
    expect(first.code).toBe(0);
    const token = /token:\s+(\S+)/.exec(first.stdout)![1]!;
    const hashed = /config:\s+"(sha256:[0-9a-f]{64})"/.exec(first.stdout)![1]!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(hashed).toBe(`sha256:${digestOf(token).toString('hex')}`);
    expect(second.stdout).not.toContain(token);
    const { proc, url } = await startCli(testConfig({ clients: [{ name: 'hashed', token: hashed, mailboxes: '*' }] }));
    expect((await fetch(`${url}/v1/counts`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${url}/v1/counts`, { headers: { Authorization: `Bearer ${hashed}` } })).status).toBe(401);
    proc.kill('SIGTERM');
    await once(proc, 'exit');
  });

  it('refuses a config with several problems, listing them all with their places', async () => {
    const file = join(folder, 'bad.json');
    await writeFile(file, JSON.stringify(testConfig({
      listen: { host: '127.0.0.1', port: 'http' },
      ingest: [{ name: 'db', token: { env: 'NOT_SET_ANYWHERE_XYZ' } }, { name: 'crm', token: { env: 'NOT_SET_EITHER_XYZ' } }],
    })));
    const { code, stderr } = await output(run(['--config', file]));
    expect(code).toBe(1);
    expect(stderr).toBe([
      `mailtray-server: the server did not start: ${file} has 3 problems:`,
      '  listen.port: must be a whole number from 0 to 65535, not the text "http"',
      '  ingest[0].token: the environment variable NOT_SET_ANYWHERE_XYZ is not set',
      '  ingest[1].token: the environment variable NOT_SET_EITHER_XYZ is not set',
      '',
    ].join('\n'));
  });

  it('`check` exits 0 for a good config, printing what it holds and its warnings, without listening', async () => {
    const file = join(folder, 'ok.json');
    // Port 1 would need root: a check that tried to listen would fail.
    await writeFile(file, JSON.stringify(testConfig({
      listen: { host: '127.0.0.1', port: 1 },
      ingest: [],
      clients: [{ name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann', 'ann-wrok'] }],
      sources: [
        { type: 'maildir', path: '/srv/mail/ann', mailbox: 'ann' },
        { type: 'maildir', path: '/srv/mail/ann2', mailbox: 'ann' },
      ],
    })));
    const { code, stdout, stderr } = await output(run(['check', '--config', file]));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'warning: sources[1]: the mailbox "ann" is also fed by sources[0]; the two would overwrite each other\'s count. Give each mailbox one source',
      'warning: clients[0].mailboxes: no source feeds "ann-wrok" and no ingest token may set it, so it will stay pending; check the spelling',
      `${file} is good: 1 client (ann-laptop), 0 ingest tokens, 3 declared mailboxes, 2 sources (maildir, maildir)`,
      '',
    ]);
  });

  it('`check` exits 1 for a bad config, listing its problems', async () => {
    const file = join(folder, 'bad.json');
    await writeFile(file, '{\n  "clients": [\n    { "name": "x" }\n  ]\n  "ingest": []\n}\n');
    const syntax = await output(run(['check', '--config', file]));
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toBe(`mailtray-server: ${file} has a problem:\n  ${file}:5:3: expected ',' or '}' after property value (not valid JSON)\n`);
    await writeFile(file, JSON.stringify({ clients: [{ name: 'x' }] }));
    const fields = await output(run(['check', '--config', file]));
    expect(fields.code).toBe(1);
    expect(fields.stderr).toContain(`mailtray-server: ${file} has 2 problems:\n  clients[0].token: is missing`);
    expect(fields.stderr).toContain('  clients[0].mailboxes: is missing');
  });

  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(await readFile(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await output(run(['--version']));
    expect(code).toBe(0);
    expect(stdout).toBe(`mailtray-server ${version}\n`);
  });

  it('logs a JSON start line with the version, clients, mailboxes and sources, and the config warnings', async () => {
    const { proc, log } = await startCli(testConfig({ ingest: [], clients: [{ name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann', 'nobody'] }] }));
    proc.kill('SIGTERM');
    await once(proc, 'exit');
    const lines = log().trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.find((l) => l.msg.includes('listening at'))!.msg)
      .toMatch(/^mailtray-server \d+\.\d+\.\d+ \(sources\) listening at http:\/\/127\.0\.0\.1:\d+ with 1 client \(ann-laptop\), 0 ingest tokens, 3 declared mailboxes, 0 sources$/);
    expect(lines).toContainEqual(expect.objectContaining({
      level: 40, msg: 'config: clients[0].mailboxes: no source feeds "nobody" and no ingest token may set it, so it will stay pending; check the spelling',
    }));
  });

  it('logs readable lines, not JSON, when asked for the terminal format', async () => {
    const { proc, log } = await startCli(testConfig(), { LOG_FORMAT: 'pretty' });
    proc.kill('SIGTERM');
    await once(proc, 'exit');
    const stdout = log();
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: mailtray-server \S+ \(sources\) listening at http:\/\/127\.0\.0\.1:\d+ with 3 clients/m);
    expect(stdout).not.toContain('{"level"');
  });

  it('without --config says how to run it', async () => {
    const { code, stderr } = await output(run([]));
    expect(code).toBe(2);
    expect(stderr).toContain('--config FILE is required');
  });
});
