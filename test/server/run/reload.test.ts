import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliProcesses } from '../../helpers/cli-process.ts';
import { parseConfig } from '../../../server/config/server-config.ts';
import { metricAt, startTestServer, testConfig, tokens, type CountsBody } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';

const cli = new CliProcesses();
const carolToken = 'carol-token-0123456789abcdef';
let folder: string;

beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-reload-')); });
afterEach(async () => {
  cli.stopAll();
  await rm(folder, { recursive: true, force: true });
});

/** The CLI on a free port, with its log lines as they come. */
async function startCli(file: string): Promise<{ proc: ChildProcess; url: string; log: () => Array<{ level: number; msg: string }> }> {
  const { proc, url, log } = await cli.start(file);
  return { proc, url, log: () => log().trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string }) };
}

async function logged(log: () => Array<{ msg: string }>, pattern: RegExp): Promise<string> {
  try {
    return await eventually(() => log().find((l) => pattern.test(l.msg))?.msg, 15_000);
  } catch {
    throw new Error(`no log line matched ${pattern}: ${JSON.stringify(log())}`);
  }
}

const get = (url: string, token: string, query = '') => fetch(`${url}/v1/counts${query}`, { headers: { Authorization: `Bearer ${token}` } });

describe('SIGHUP', () => {
  it('re-reads the config: new clients, mailboxes and sources take effect, removed ones go, held polls stay held', async () => {
    const file = join(folder, 'server.json');
    const countsFile = join(folder, 'counts.txt');
    await writeFile(countsFile, 'dave 7\n');
    await writeFile(file, JSON.stringify(testConfig()));
    const { proc, url, log } = await startCli(file);

    const { cursor } = (await (await get(url, tokens.ann)).json()) as CountsBody;
    let isAnswered = false;
    const held = get(url, tokens.ann, `?since=${cursor}&wait=30`).then((r) => { isAnswered = true; return r; });
    held.catch(() => {}); // a failed test kills the server under it
    await eventually(async () => (await metricAt(url, 'mailtray_held_polls')) === 1);

    await writeFile(file, JSON.stringify(testConfig({
      clients: [
        { name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann', 'ann-work'] },
        { name: 'carol-laptop', token: carolToken, mailboxes: ['carol', 'dave'] },
        { name: 'ops', token: tokens.ops, mailboxes: '*' },
      ],
      mailboxes: [{ id: 'ann', name: 'Ann' }, { id: 'ann-work', name: 'Ann (work)' }, { id: 'carol', name: 'Carol' }],
      sources: [{ type: 'counts-file', path: countsFile, mailboxes: ['dave'] }],
    })));
    proc.kill('SIGHUP');
    expect(await logged(log, /^config reloaded/)).toBe(
      'config reloaded: 3 clients (ann-laptop, carol-laptop, ops), 1 ingest token (mail-db), 3 declared mailboxes, 1 source (counts-file); sources: 0 kept, 0 stopped, 1 started',
    );

    expect((await get(url, tokens.bob)).status).toBe(401);
    const carol = await (await get(url, carolToken)).json() as CountsBody;
    expect(carol.mailboxes.map((m) => [m.id, m.name])).toEqual([['carol', 'Carol'], ['dave', 'dave']]);
    const ops = await (await get(url, tokens.ops)).json() as CountsBody;
    expect(ops.mailboxes.map((m) => m.id).sort()).toEqual(['ann', 'ann-work', 'carol', 'dave']);

    // Ann's poll, held from before the reload, is still held (the reload is done: it logged so), and is answered by the next change.
    expect(isAnswered).toBe(false);
    expect(await metricAt(url, 'mailtray_held_polls')).toBe(1);
    await fetch(`${url}/v1/mailboxes/ann`, {
      method: 'PUT', headers: { Authorization: `Bearer ${tokens.ingest}`, 'Content-Type': 'application/json' }, body: '{"count": 2}',
    });
    const answer = await held;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as CountsBody).mailboxes.find((m) => m.id === 'ann')!.count).toBe(2);
  });

  it('refuses a bad new config with its problems and keeps the old one running', async () => {
    const file = join(folder, 'server.json');
    await writeFile(file, JSON.stringify(testConfig()));
    const { proc, url, log } = await startCli(file);
    await writeFile(file, JSON.stringify(testConfig({ clients: [{ name: 'x', token: 'short', mailboxes: 'all' }] })));
    proc.kill('SIGHUP');
    expect(await logged(log, /^the config was not reloaded/)).toBe(
      `the config was not reloaded: ${file} has 2 problems; the old config keeps running`,
    );
    expect(log().filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'config: clients[0].token: a token must be at least 16 characters (make one with: mailtray-server token)',
      'config: clients[0].mailboxes: must be a list of mailbox ids like ["ann", "ann-work"], or "*" for all, not the text "all"',
      `the config was not reloaded: ${file} has 2 problems; the old config keeps running`,
    ]);
    expect((await get(url, tokens.bob)).status).toBe(200);
    proc.kill('SIGTERM');
    expect((await once(proc, 'exit'))[0]).toBe(0);
  });

  it('a new {"env": NAME} the server did not start with: says the environment is read only at start, and to restart', async () => {
    const file = join(folder, 'server.json');
    await writeFile(file, JSON.stringify(testConfig()));
    const { proc, url, log } = await startCli(file);
    // What an operator does: the variable goes into /etc/mailtray/env, the client into the config, then a reload.
    await writeFile(file, JSON.stringify(testConfig({
      clients: [{ name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann'] }, { name: 'carol-laptop', token: { env: 'CAROL_TOKEN_ADDED_LATER' }, mailboxes: ['carol'] }],
    })));
    proc.kill('SIGHUP');
    expect(await logged(log, /reads its environment/)).toBe(
      'the server reads its environment only when it starts: if CAROL_TOKEN_ADDED_LATER is now in its environment file, restart the server (systemctl restart mailtray-server) instead of reloading',
    );
    expect(log().map((l) => l.msg)).toContain('config: clients[1].token: the environment variable CAROL_TOKEN_ADDED_LATER is not set');
    expect((await get(url, tokens.ann)).status).toBe(200);
  });
});

describe('a reload that changes what a client may see', () => {
  it('answers that client\'s held polls with their own code and sentence, not "the server is stopping"', async () => {
    const server = await startTestServer();
    try {
      const { cursor } = await server.counts(tokens.bob);
      const held = server.poll(tokens.bob, `?since=${cursor}&wait=30`);
      await eventually(async () => (await server.heldPolls()) === 1);
      await server.server.reload(parseConfig(testConfig({
        clients: [{ name: 'bob-laptop', token: tokens.bob, mailboxes: ['bob', 'ann'] }, { name: 'ops', token: tokens.ops, mailboxes: '*' }],
      })));
      const answer = await held;
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(await answer.json()).toEqual({ error: { code: 'access_changed', message: 'your access changed (the server reloaded its config); reconnect' } });
      // Reconnecting, Bob sees what the new config gives him.
      expect((await server.counts(tokens.bob)).mailboxes.map((m) => m.id).sort()).toEqual(['ann', 'bob']);
    } finally {
      await server.stop();
    }
  });
});

describe('a reload that turns the poll front off', () => {
  it('says it takes effect after a restart, and polls are still answered', async () => {
    const server = await startTestServer();
    try {
      const said = await server.server.reload(parseConfig(testConfig({ http: { pollFront: false } })));
      expect(said).toMatch(/; http\.pollFront changed and take effect after a restart$/);
      expect((await server.poll(tokens.ann)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
