import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { countsClient, markReadClient } from '../../main/connection/counts-client.ts';
import { invokeHandlers } from '../../main/ipc-handlers.ts';
import { MailtrayApp } from '../../main/mailtray-app.ts';
import { Settings } from '../../main/settings/settings.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import type { RunningServer } from '../../server/run/start.ts';
import { eventually } from '../helpers/eventually.ts';
import { clientToken, startSourceServer } from '../helpers/source-server.ts';
import { fakeSecrets } from './support/fake-secrets.ts';
import { FakeShell } from './support/fake-shell.ts';
import { processSpawner } from './support/process-spawner.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A count server watching a real Maildir, with a client token that may mark messages read. */
async function maildirServer(): Promise<{ server: RunningServer; root: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-app-msg-'));
  const root = join(dir, 'Maildir');
  for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(root, sub), { recursive: true });
  const server = await startSourceServer([{ type: 'maildir', path: root, mailbox: 'work', name: 'Work' }], {
    clients: [{ name: 'app', token: clientToken, mailboxes: '*', canMarkRead: true }],
  });
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => server.stop());
  return { server, root };
}

let seq = 0;
async function deliver(root: string, header: string): Promise<string> {
  const name = `${Math.floor(Date.now() / 1000)}.M${++seq}P1.test`;
  await writeFile(join(root, 'tmp', name), `${header}\r\n\r\nbody\r\n`);
  await rename(join(root, 'tmp', name), join(root, 'new', name));
  return name;
}

async function startApp(server: RunningServer, platform: NodeJS.Platform = 'darwin') {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-app-'));
  const secrets = fakeSecrets();
  const settings = new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir }), secrets);
  expect(settings.save({
    servers: { bundled: { enabled: false }, remotes: [{ name: 'Mail', url: server.url, token: clientToken, enabled: true }] },
    accounts: [],
    notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    general: { launchAtLogin: false },
  }).ok).toBe(true);
  const shell = new FakeShell(platform);
  const app = new MailtrayApp({
    shell, settings, requestCounts: countsClient(axios.create()), requestMarkRead: markReadClient(axios.create()),
    spawnServer: processSpawner().spawn, random: () => 0, burstMs: 100,
  });
  cleanups.push(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });
  app.start();
  return { app, shell };
}

describe('the app and the newest messages', () => {
  it('a new message notifies "Alice Smith" / "Lunch tomorrow? — Work", and its Mark as read marks it on the server', async () => {
    const { server, root } = await maildirServer();
    const { shell } = await startApp(server);
    await eventually(() => shell.tray?.tooltip.includes('Work: 0'));

    const name = await deliver(root, 'From: =?UTF-8?B?QWxpY2UgU21pdGg=?= <alice@example.com>\r\nSubject: Lunch tomorrow?');
    await eventually(() => shell.notifications.length === 1, 10_000);
    const [shown] = shell.notifications;
    expect(shown).toMatchObject({ title: 'Alice Smith', body: 'Lunch tomorrow? — Work' });
    expect(shown!.actions.map((a) => a.label)).toEqual(['Mark as read', 'Open']);
    const window = shell.payloads('counts:changed').at(-1)!;
    expect(window.mailboxes[0]).toMatchObject({ count: 1, canMarkRead: true, messages: [{ id: name, from: 'Alice Smith <alice@example.com>' }] });

    shown!.act(0);
    await eventually(() => shell.tray?.tooltip.includes('Work: 0'), 10_000);
    expect(await readdir(join(root, 'cur'))).toEqual([`${name}:2,S`]);
  });

  it('the window\'s Mark all as read goes through main to the server', async () => {
    const { server, root } = await maildirServer();
    await deliver(root, 'From: a@example.com\r\nSubject: one');
    await deliver(root, 'From: b@example.com\r\nSubject: two');
    const { app, shell } = await startApp(server, 'linux');
    await eventually(() => shell.tray?.tooltip.includes('Work: 2'));
    const handlers = invokeHandlers(app, () => { throw new Error('not asked'); });
    expect(await handlers['mailbox:mark-read']('s1/work', { all: true })).toEqual({ ok: true, marked: 2 });
    await eventually(() => shell.tray?.tooltip.includes('Work: 0'), 10_000);
    expect(() => handlers['mailbox:mark-read']('work', { all: 'yes' })).toThrow(/takes a mailbox id/);
    expect(await handlers['mailbox:mark-read']('nope', { messageIds: ['x'] })).toMatchObject({ ok: false });
  });
});
