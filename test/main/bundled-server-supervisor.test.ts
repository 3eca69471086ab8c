import { eventually } from '../helpers/eventually.ts';
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledServerConfig } from '../../main/bundled/server-config.ts';
import { BundledServerSupervisor, type BundledServerStatus } from '../../main/bundled/bundled-server-supervisor.ts';
import { realTimers } from '../../common/timers.ts';
import { newToken } from '../../server/tokens/token-table.ts';

import { processSpawner } from './support/process-spawner.ts';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const account = {
  id: 'work', name: 'Work', host: '127.0.0.1', port: 9, security: 'tls' as const, // nothing listens: fails without leaving the machine
  user: 'ann', password: 'hunter2', folders: ['INBOX'], folderChoice: 'inbox' as const,
};

function supervise() {
  const client = newToken();
  const { spawn, children } = processSpawner();
  const statuses: BundledServerStatus[] = [];
  const sent: unknown[] = [];
  const supervisor = new BundledServerSupervisor({
    spawn: () => {
      const child = spawn();
      return { ...child, postMessage: (message) => { sent.push(message); child.postMessage(message); } };
    },
    config: () => bundledServerConfig({ mailboxes: [account], accounts: [account], unusable: new Map() }, client.hashed),
    timers: realTimers,
    random: () => 0,
    onStatus: (status) => statuses.push(status),
  });
  stops.push(() => supervisor.stop());
  return { supervisor, statuses, children, sent, token: client.token };
}

const running = (statuses: BundledServerStatus[], n: number) =>
  statuses.filter((s) => s.state === 'running')[n - 1] as Extract<BundledServerStatus, { state: 'running' }> | undefined;

async function counts(url: string, token: string) {
  return axios.get(`${url}/v1/counts`, { headers: { Authorization: `Bearer ${token}` }, proxy: false, validateStatus: () => true });
}

// Each test starts a server process; on a busy machine that alone can take most of the default 20 s, which is
// also how long each waits for it: the test's own limit is set above that wait.
describe('the bundled server', { timeout: 60_000 }, () => {
  it('starts on 127.0.0.1 with a port from the OS and answers the app\'s token', async () => {
    const { supervisor, statuses, token } = supervise();
    supervisor.start();
    const first = await eventually(() => running(statuses, 1), 20_000);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.url).not.toBe('http://127.0.0.1:7300');
    const answer = await counts(first.url, token);
    expect(answer.status).toBe(200);
    // Until this build has an IMAP source, the mailbox says so instead of staying pending.
    expect(answer.data.mailboxes).toEqual([expect.objectContaining({ id: 'work', name: 'Work', state: expect.stringMatching(/^(pending|error)$/) })]);
    expect((await counts(first.url, 'someone-elses-token-123456')).status).toBe(401);
  });

  it('gets its config and the account passwords over the message channel only', async () => {
    const { supervisor, statuses, sent, token } = supervise();
    supervisor.start();
    await eventually(() => running(statuses, 1), 20_000);
    expect(sent).toEqual([{ type: 'start', config: expect.objectContaining({ sources: [expect.objectContaining({ password: 'hunter2' })] }) }]);
    // The client token itself never leaves the app: the server gets its sha256: form.
    expect(JSON.stringify(sent)).not.toContain(token);
  });

  it('is restarted after it dies, and says so in the meantime', async () => {
    const { supervisor, statuses, children, token } = supervise();
    supervisor.start();
    await eventually(() => running(statuses, 1), 20_000);
    children[0]!.kill('SIGKILL');
    const outage = await eventually(() => statuses.find((s) => s.state === 'restarting'));
    expect(outage).toMatchObject({ reason: expect.stringMatching(/the bundled server stopped \(exit code \d+\); restarting/) });
    const second = await eventually(() => running(statuses, 2), 20_000);
    expect(children).toHaveLength(2);
    expect((await counts(second.url, token)).status).toBe(200);
  });

  it('answers held polls before it stops, so the app hears it at once', async () => {
    const { supervisor, statuses, token } = supervise();
    supervisor.start();
    const { url } = await eventually(() => running(statuses, 1), 20_000);
    const { cursor } = (await counts(url, token)).data as { cursor: string };
    const held = axios.get(`${url}/v1/counts?since=${cursor}&wait=60`, { headers: { Authorization: `Bearer ${token}` }, proxy: false, validateStatus: () => true });
    // The poll is held (the server's /metrics says so) before the server is told to stop.
    await eventually(async () => /^mailtray_held_polls 1$/m.test((await axios.get<string>(`${url}/metrics`, { proxy: false, responseType: 'text' })).data));
    const stoppedAt = Date.now();
    await supervisor.stop();
    const answer = await held;
    // The 503 says it was answered, not waited out (60 s); the time is a net a busy machine stays far under.
    expect(answer.status).toBe(503);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(statuses.at(-1)).toEqual({ state: 'stopped' });
  });
});
