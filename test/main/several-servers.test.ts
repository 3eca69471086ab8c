import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { countsClient, type RequestCounts } from '../../main/connection/counts-client.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { message, startDovecot } from '../helpers/dovecot.ts';
import { eventually } from '../helpers/eventually.ts';
import { remoteSettings, startAppUnderTest } from './support/app-under-test.ts';
import type { FakeShell } from './support/fake-shell.ts';

// More than one server (issue 22): three real count servers on loopback, each polled on its own.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function countServer(options: { port?: number; token?: string } = {}): Promise<AppServer> {
  const server = await startAppServer(options);
  cleanups.push(() => server.stop());
  return server;
}

const remote = (name: string, server: AppServer, key?: string) => ({ ...(key ? { key } : {}), name, url: server.url, token: server.token, enabled: true });
const following = (base: SettingsInput, remotes: SettingsInput['servers']['remotes']): SettingsInput => ({
  ...base, servers: { bundled: { enabled: false }, remotes },
});

/** Every poll the app sends, by server address: a held poll that is kept sends no new one. */
function recordingClient(): { requestCounts: RequestCounts; pollsTo: (server: AppServer) => number } {
  const client = countsClient(axios.create());
  const sent: string[] = [];
  return {
    requestCounts: (endpoint, options) => {
      sent.push(endpoint.url);
      return client(endpoint, options);
    },
    pollsTo: (server) => sent.filter((url) => url === server.url).length,
  };
}

const lastCounts = (shell: FakeShell) => shell.payloads('counts:changed').at(-1)!;
const lastStatus = (shell: FakeShell) => shell.payloads('status:changed').at(-1)!;

describe('the app following three count servers', () => {
  it('shows them together grouped by server; one stopped greys out only its own, and comes back when restarted', async () => {
    const [office, home, lists] = [await countServer(), await countServer(), await countServer()];
    await office.setCount('work', 3);
    await home.setCount('work', 2);
    await lists.setCount('home', 4);
    const base = remoteSettings(office);
    const { shell } = await startAppUnderTest(cleanups, {
      settings: following(base, [remote('Office', office), remote('Home', home), remote('Lists', lists)]),
    });
    await eventually(() => lastCounts(shell).total === 9 && lastStatus(shell).connection.state === 'live', 15_000);
    // Two servers with a mailbox "work": two mailboxes, never one.
    expect(lastCounts(shell).mailboxes.filter((m) => m.count > 0).map((m) => [m.id, m.server, m.count]))
      .toEqual([['s1/work', 's1', 3], ['s2/work', 's2', 2], ['s3/home', 's3', 4]]);
    expect(lastStatus(shell).servers!.map((s) => [s.name, s.connection.state, s.total])).toEqual([['Office', 'live', 3], ['Home', 'live', 2], ['Lists', 'live', 4]]);
    expect(shell.tray!.tooltip.split('\n')[0]).toBe('Mailtray: 9 unread');

    const port = home.port;
    await home.stop();
    await eventually(() => lastStatus(shell).servers![1]!.connection.state === 'retrying', 15_000);
    const status = lastStatus(shell);
    expect(status.connection).toMatchObject({ state: 'partial', live: 2, of: 3 });
    expect(status.servers!.map((s) => s.connection.state)).toEqual(['live', 'retrying', 'live']);
    // Home's count stays, as of when it was last confirmed; the others keep counting live.
    expect(lastCounts(shell).total).toBe(9);
    expect(status.servers![1]!.countsConfirmedAt).not.toBeNull();
    await office.setCount('work', 5);
    await eventually(() => lastCounts(shell).total === 11, 10_000);
    expect(shell.notifications.map((n) => n.title)).toEqual([]);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications[0]!.title).toBe('2 new in Work');
    expect(shell.tray!.tooltip).toContain("Live: 2 of 3 servers; the others' counts may be out of date");

    // Restarted where it was: it is live again, its counts a silent baseline.
    const again = await countServer({ port, token: home.token });
    await again.setCount('work', 7);
    await eventually(() => lastStatus(shell).connection.state === 'live', 20_000);
    await eventually(() => lastCounts(shell).total === 16, 10_000);
    expect(shell.notifications).toHaveLength(1);
  }, 90_000);

  it('adds, edits and removes one server at once, leaving the others\' held polls alone', async () => {
    const [office, home, lists] = [await countServer(), await countServer(), await countServer()];
    await office.setCount('work', 1);
    await home.setCount('work', 2);
    await lists.setCount('work', 4);
    const client = recordingClient();
    const base = remoteSettings(office);
    const { app, shell } = await startAppUnderTest(cleanups, {
      settings: following(base, [remote('Office', office), remote('Home', home)]), requestCounts: client.requestCounts,
    });
    await eventually(() => lastCounts(shell).total === 3 && lastStatus(shell).connection.state === 'live', 15_000);
    // Each holds one poll now (its first answer came at once, the next is held).
    await eventually(() => client.pollsTo(office) === 2 && client.pollsTo(home) === 2, 10_000);

    // Added: polled at once.
    expect(app.saveSettings(following(base, [remote('Office', office, 's1'), remote('Home', home, 's2'), remote('Lists', lists)])).ok).toBe(true);
    await eventually(() => lastCounts(shell).total === 7, 10_000);
    expect(lastStatus(shell).servers!.map((s) => s.key)).toEqual(['s1', 's2', 's3']);
    // Renamed: nothing is polled again.
    expect(app.saveSettings(following(base, [remote('Office', office, 's1'), remote('House', home, 's2'), remote('Lists', lists, 's3')])).ok).toBe(true);
    await eventually(() => lastStatus(shell).servers![1]!.name === 'House');
    // Removed: its mailboxes leave the list and the total.
    expect(app.saveSettings(following(base, [remote('Office', office, 's1'), remote('Lists', lists, 's3')])).ok).toBe(true);
    await eventually(() => lastCounts(shell).total === 5, 10_000);
    expect(lastCounts(shell).mailboxes.filter((m) => m.count > 0).map((m) => m.id)).toEqual(['s1/work', 's3/work']);
    // Through all of it Office's poll stayed held: no new request went to it.
    expect(client.pollsTo(office)).toBe(2);
    // And it still answers at once when its count moves.
    await office.setCount('work', 6);
    await eventually(() => lastCounts(shell).total === 10, 10_000);
  }, 60_000);
});

describe('the app following the bundled server and a remote one at once', () => {
  it('counts the account through the bundled server beside the remote server\'s mailboxes; the remote one stopped leaves the account live', async () => {
    const ann = { user: 'ann', password: 'ann-secret-1' };
    const dovecot = await startDovecot({ users: [ann] });
    cleanups.push(() => dovecot.stop());
    const client = await dovecot.client(ann);
    await client.append('INBOX', message('Hello from home'), []);
    await client.append('INBOX', message('Another one'), []);
    await client.logout();
    const office = await countServer();
    await office.setCount('work', 3);
    await office.setCount('home', 0);
    const base = remoteSettings(office);
    const { shell } = await startAppUnderTest(cleanups, {
      settings: {
        ...base,
        servers: { bundled: { enabled: true }, remotes: [remote('Office', office)] },
        accounts: [{
          id: 'work', name: 'Work', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
          user: ann.user, password: ann.password, folders: ['INBOX'], folderChoice: 'inbox',
        }],
        mailboxes: [],
      },
    });
    // The account's "work" and the remote server's "work": two mailboxes, one per server, counted together.
    await eventually(() => lastCounts(shell).total === 5 && lastStatus(shell).connection.state === 'live', 30_000);
    expect(lastCounts(shell).mailboxes.filter((m) => m.count > 0).map((m) => [m.id, m.server, m.count]))
      .toEqual([['work', 'bundled', 2], ['s1/work', 's1', 3]]);
    expect(lastStatus(shell).servers!.map((s) => [s.key, s.connection.state, s.total])).toEqual([['bundled', 'live', 2], ['s1', 'live', 3]]);

    await office.stop();
    await eventually(() => lastStatus(shell).connection.state === 'partial', 15_000);
    expect(lastStatus(shell).servers!.map((s) => s.connection.state)).toEqual(['live', 'retrying']);
    // The tooltip names the server that is down; the account keeps counting live.
    expect(shell.tray!.tooltip).toContain('Office: Not connected');
    const more = await dovecot.client(ann);
    await more.append('INBOX', message('A third'), []);
    await more.logout();
    await eventually(() => lastCounts(shell).mailboxes.find((m) => m.id === 'work')?.count === 3, 15_000);
  }, 90_000);
});
