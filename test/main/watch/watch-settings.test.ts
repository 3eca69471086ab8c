import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileSecrets } from '../../../main/watch/file-secrets.ts';
import { appSettingsPath } from '../../../main/watch/settings-path.ts';
import { preferredLanguagesOf } from '../../../main/watch/preferred-languages.ts';
import { nodeSpawner } from '../../../main/bundled/node-spawner.ts';
import { startAppServer, type AppServer } from '../../helpers/count-server.ts';
import { message, startDovecot, type Dovecot } from '../../helpers/dovecot.ts';
import { isAlive } from '../../helpers/cli-process.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { watchFor } from './support/watch-run.ts';

describe('where the app keeps its settings file', () => {
  it.each([
    ['linux', {}, '/home/ann/.config/Mailtray/settings.json'],
    ['linux', { XDG_CONFIG_HOME: '/home/ann/conf' }, '/home/ann/conf/Mailtray/settings.json'],
    // Electron, as the XDG spec says, ignores a relative XDG_CONFIG_HOME.
    ['linux', { XDG_CONFIG_HOME: 'conf' }, '/home/ann/.config/Mailtray/settings.json'],
    ['darwin', {}, '/home/ann/Library/Application Support/Mailtray/settings.json'],
    ['win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann\\AppData\\Roaming\\Mailtray\\settings.json'],
    // The app's own override (main/electron/main.ts), for a second profile or tests.
    ['linux', { MAILTRAY_USER_DATA: '/tmp/profile' }, '/tmp/profile/settings.json'],
  ] as const)('%s with %j: %s', (platform, env, path) => {
    expect(appSettingsPath(platform, env, '/home/ann')).toBe(path);
  });
});

describe('the terminal\'s language', () => {
  it.each([
    [{ LANG: 'ko_KR.UTF-8' }, ['ko-KR']],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'de_DE.UTF-8' }, ['de-DE']],
    [{ LC_ALL: 'ja_JP.UTF-8', LANG: 'de_DE.UTF-8' }, ['ja-JP']],
    [{ LANGUAGE: 'ar:en', LANG: 'ar_EG.UTF-8' }, ['ar', 'en', 'ar-EG']],
    // C means no language chosen: LANGUAGE is not read then either, as gettext does.
    [{ LANGUAGE: 'ko', LANG: 'C.UTF-8' }, []],
    [{ LANG: 'de_DE@euro' }, ['de-DE']],
    [{}, []],
  ])('%j: %j', (env, tags) => {
    expect(preferredLanguagesOf(env)).toEqual(tags);
  });
});

describe('secrets sealed by the app', () => {
  const linux = fileSecrets('linux');
  it('opens plain ones, and on Linux those sealed with Chromium\'s built-in key (no secret service: "v10")', () => {
    // What Chromium's OSCrypt writes on Linux without a key store (components/os_crypt, the "basic_text" backend).
    const key = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
    const cipher = createCipheriv('aes-128-cbc', key, Buffer.alloc(16, ' '));
    const sealed = `safe:${Buffer.concat([Buffer.from('v10'), cipher.update('app-password-ü'), cipher.final()]).toString('base64')}`;
    expect(linux.open(sealed)).toBe('app-password-ü');
    expect(linux.open('plain:token-123')).toBe('token-123');
  });

  it('leaves closed what only the desktop\'s key store, Keychain or DPAPI can open', () => {
    expect(linux.open(`safe:${Buffer.from('v11 sealed by the keyring').toString('base64')}`)).toBeUndefined();
    expect(linux.open(`safe:${Buffer.from('v10 broken padding').toString('base64')}`)).toBeUndefined();
    expect(fileSecrets('darwin').open(`safe:${Buffer.from('v10anything').toString('base64')}`)).toBeUndefined();
    expect(linux.open('')).toBeUndefined();
  });
});

describe('following the app\'s own settings', () => {
  let server: AppServer;
  let userData: string;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(() => server.stop());
  afterEach(() => rm(userData, { recursive: true, force: true }));

  it('polls the app\'s remote server with its token, and never writes the app\'s file (not even to migrate it)', async () => {
    userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-settings-'));
    await server.setCount('work', 6);
    // The prototype's layout (version 0) with a plain token: the app would migrate and seal it on its next start.
    const file = join(userData, 'settings.json');
    const text = JSON.stringify({ serverUrl: server.url, token: server.token, notify: true });
    await writeFile(file, text);
    const before = await stat(file);
    const run = watchFor(['--once'], { env: { MAILTRAY_USER_DATA: userData } });
    expect(await run.done).toBe(0);
    expect(run.stdout.lines()).toEqual(['6 unread: Work 6']);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('follows every server of a version 5 file, each on its own: the total of all, JSON naming whose each mailbox is, one down told apart', async () => {
    userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-settings-'));
    const other = await startAppServer();
    try {
      await server.setCount('work', 2);
      await other.setCount('work', 3);
      // No mailbox left pending: --once would wait 15 s for it.
      await server.setCount('home', 0);
      await other.setCount('home', 0);
      await writeFile(join(userData, 'settings.json'), JSON.stringify({
        version: 5,
        servers: { bundled: { enabled: false }, remotes: [
          { key: 's1', name: 'Office', url: server.url, token: `plain:${server.token}`, enabled: true },
          { key: 's2', name: 'Home', url: other.url, token: `plain:${other.token}`, enabled: true },
          // Switched off in the app: not followed here either.
          { key: 's3', name: 'Old', url: 'http://127.0.0.1:9', token: 'plain:an-old-token-0123456789', enabled: false },
        ] },
        accounts: [],
        // The app's per-mailbox settings are by the app's ids: Home's "work" is left out of the total.
        mailboxes: [{ id: 's2/work', inTotal: false }],
      }));
      const run = watchFor(['--once', '--format', 'json'], { env: { MAILTRAY_USER_DATA: userData } });
      expect(await run.done).toBe(0);
      const answer = JSON.parse(run.stdout.lines()[0]!) as { total: number; connection: string; mailboxes: Array<Record<string, unknown>> };
      expect(answer.connection).toBe('live');
      expect(answer.total).toBe(2 + 0);
      // Two mailboxes "work", each with the server's own id and the name of its server.
      expect(answer.mailboxes.filter((m) => m.id === 'work')).toEqual([
        { id: 'work', server: 'Office', name: 'Work', count: 2, state: 'ok' },
        { id: 'work', server: 'Home', name: 'Work', count: 3, state: 'ok', inTotal: false },
      ]);

      // Home stops: the text still counts Office, and says which part is not current.
      await other.stop();
      const down = watchFor(['--once'], { env: { MAILTRAY_USER_DATA: userData } });
      expect(await down.done).toBe(0);
      expect(down.stdout.lines()[0]).toMatch(/^2 unread: Work 2 · Live: 1 of 2 servers; the others' counts may be out of date$/);
    } finally {
      await other.stop();
    }
  }, 60_000);

  it('--settings names a file elsewhere; one that is not a settings file is refused with a sentence, exit 64', async () => {
    userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-settings-'));
    const file = join(userData, 'elsewhere.json');
    await writeFile(file, JSON.stringify({ version: 2, server: { mode: 'remote', url: 'not a url', token: '' } }));
    const run = watchFor(['--once', '--settings', file]);
    expect(await run.done).toBe(64);
    expect(run.stderr.text).toContain(`the settings file ${file} is not one this version of Mailtray reads (/servers/remotes/0/url`);
    await writeFile(file, '{"version": 2,');
    const broken = watchFor(['--once', '--settings', file]);
    expect(await broken.done).toBe(64);
    expect(broken.stderr.text).toContain(`the settings file ${file} is not JSON`);
  });

  it('a token sealed by the desktop\'s key store: says to pass --token instead, exit 64', async () => {
    userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-settings-'));
    await writeFile(join(userData, 'settings.json'), JSON.stringify({
      version: 2, server: { mode: 'remote', url: server.url, token: `safe:${Buffer.from('v11-keyring').toString('base64')}` }, accounts: [],
    }));
    const run = watchFor(['--once'], { env: { MAILTRAY_USER_DATA: userData } });
    expect(await run.done).toBe(64);
    expect(run.stderr.text).toContain(`the app's token for ${server.url} is sealed by this desktop's key store, which mailtray watch cannot open: pass --server URL --token TOKEN`);
  });
});

describe('the app\'s accounts, through the bundled server started without a window', () => {
  const ann = { user: 'ann', password: 'ann-secret-1' };
  let dovecot: Dovecot;
  let userData: string;
  beforeAll(async () => {
    dovecot = await startDovecot({ users: [ann] });
    const client = await dovecot.client(ann);
    await client.append('INBOX', message('Hello from the test'), []);
    await client.append('INBOX', message('Another one'), []);
    await client.logout();
  });
  afterAll(async () => {
    await dovecot.stop();
    await rm(userData, { recursive: true, force: true });
  });

  it('counts the IMAP account with the bundled server as a child process, and stops it on the way out', async () => {
    userData = await mkdtemp(join(tmpdir(), 'mailtray-watch-bundled-'));
    await writeFile(join(userData, 'settings.json'), JSON.stringify({
      version: 2,
      server: { mode: 'bundled', url: '', token: '' },
      accounts: [
        { id: 'home', name: 'Home', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath, user: ann.user, password: `plain:${ann.password}`, folder: 'INBOX' },
        // Sealed by a key store this process cannot open: its row says so, the other account counts.
        { id: 'work', name: 'Work', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', user: 'bob', password: `safe:${Buffer.from('v11').toString('base64')}`, folder: 'INBOX' },
      ],
    }));
    const children: Array<{ pid?: number | undefined }> = [];
    // On a clock that stands still, --once waits for the IMAP login however long a busy machine takes
    // (its own limit for mailboxes still pending is 15 s of that clock).
    const run = watchFor(['--once', '--format', 'json'], {
      env: { MAILTRAY_USER_DATA: userData }, spawnServer: nodeSpawner((child) => children.push(child)), timers: new FakeTimers(Date.now()),
    });
    expect(await run.done).toBe(0);
    const state = JSON.parse(run.stdout.lines()[0]!) as { total: number; mailboxes: Array<Record<string, unknown>> };
    expect(state.total).toBe(2);
    expect(state.mailboxes).toEqual([
      { id: 'home', name: 'Home', count: 2, state: 'ok', messages: expect.any(Array) },
      { id: 'work', name: 'Work', count: 0, state: 'error', error: expect.stringMatching(/./) },
    ]);
    expect(children).toHaveLength(1);
    expect(isAlive(children[0]!.pid!)).toBe(false);
  }, 60_000);
});
