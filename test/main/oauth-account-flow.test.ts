import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import Conf from 'conf';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthEndpoints } from '../../common/mail-providers.ts';
import { countsClient } from '../../main/connection/counts-client.ts';
import type { AccountInput, SettingsInput, SignInResult } from '../../main/ipc-contract.ts';
import { MailtrayApp } from '../../main/mailtray-app.ts';
import { Settings } from '../../main/settings/settings.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { message, startDovecot, type Dovecot } from '../helpers/dovecot.ts';
import { eventually } from '../helpers/eventually.ts';
import { appClientId, startOAuthServer, type OAuthServer } from '../helpers/oauth-server.ts';
import { launchChromium } from '../renderer/window-harness.ts';
import { fakeSecrets } from './support/fake-secrets.ts';
import { FakeShell } from './support/fake-shell.ts';
import { processSpawner } from './support/process-spawner.ts';
import { translatorFor } from '../../common/i18n/translator.ts';

const english = translatorFor('en');

const ann = { user: 'ann@example.com', password: 'unused-password-1' };

/**
 * The whole way a user adds a Google account, with the provider, the browser
 * and the mail server real: sign in in Chromium through the loopback
 * redirect, test, save; the bundled server counts and keeps refreshing; a
 * rotated refresh token is sealed into the settings; removing the account
 * forgets it. Only "Google" is the test's own OAuth server.
 */
describe('adding an account that signs in with the browser, end to end', () => {
  let oauth: OAuthServer;
  let dovecot: Dovecot;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    oauth = await startOAuthServer({ accessTokenSeconds: 4 });
    dovecot = await startDovecot({ users: [ann], oauth2: { introspectionUrl: oauth.dovecotIntrospectionUrl } });
    browser = await launchChromium();
    dir = await mkdtemp(join(tmpdir(), 'mailtray-oauth-app-'));
  });
  afterAll(async () => {
    await browser?.close();
    await dovecot?.stop();
    await oauth?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in, tests, saves, counts past the access token\'s life, keeps the rotated refresh token, and forgets it all on removal', async () => {
    const mail = await dovecot.client(ann);
    await mail.append('INBOX', message('hello'));
    await mail.logout();

    const endpoints: OAuthEndpoints = {
      issuer: oauth.issuer, authorizationUrl: oauth.authorizationUrl, tokenUrl: oauth.tokenUrl,
      mailScope: 'mail offline_access', identityScope: 'openid email', authorizationParams: { prompt: 'consent' },
    };
    const secrets = fakeSecrets();
    const settings = new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir }), secrets);
    const shell = new FakeShell();
    const { spawn } = processSpawner();
    const app = new MailtrayApp({
      shell, settings, requestCounts: countsClient(axios.create()), spawnServer: spawn, random: () => 0,
      oauthClients: { google: { clientId: appClientId } },
      oauthEndpoints: (provider) => (provider === 'google' ? endpoints : undefined),
    });
    app.start();
    try {
      // "Sign in with Google": the system browser opens; the user signs in and allows access there.
      const signingIn = app.accounts.signIn({ provider: 'google' });
      const url = await eventually(() => shell.opened[0]);
      const tab = await browser.newPage();
      await tab.goto(url);
      await tab.fill('input[name=login]', ann.user);
      await tab.fill('input[name=password]', 'any');
      await tab.click('button[type=submit]');
      await tab.click('text=Continue');
      const signedIn = await signingIn as Extract<SignInResult, { ok: true }>;
      expect(signedIn).toMatchObject({ ok: true, address: ann.user });
      await tab.waitForSelector('text=You may close this tab');
      await tab.close();

      const account: AccountInput = {
        id: 'gmail', name: 'Gmail', provider: 'google', signIn: 'oauth2', signInId: signedIn.signInId,
        host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath, user: ann.user, folders: ['INBOX'], folderChoice: 'inbox' as const,
      };
      // "Test account" before saving: it signs in and counts, and saves nothing.
      const tested = await app.accounts.test(account);
      expect({ ...tested, message: english.say(tested.message) }).toEqual({ ok: true, unseen: 1, message: 'Signed in as ann@example.com: 1 unread in INBOX.' });
      expect(settings.stored.accounts).toEqual([]);

      const input: SettingsInput = {
        servers: { bundled: { enabled: true }, remotes: [] }, accounts: [account],
        notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
        general: { launchAtLogin: false },
      };
      const saved = app.saveSettings(input);
      expect(saved).toMatchObject({ ok: true, settings: { accounts: [{ id: 'gmail', signIn: 'oauth2', signedInAs: ann.user }] } });
      const file = await readFile(join(dir, 'config.json'), 'utf8');
      expect(file).toContain('"refreshToken": "sealed:');
      const first = settings.stored.accounts[0]!.oauth!.refreshToken;

      // The counts arrive from the bundled server, and stay ok while access tokens expire and are renewed.
      await eventually(() => app.snapshot().counts.mailboxes.find((m) => m.id === 'gmail' && m.state === 'ok' && m.count === 1), 30_000);
      await eventually(() => oauth.tokenRequests().filter((r) => r.grant === 'refresh_token' && r.ok).length >= 3, 30_000);
      expect(oauth.tokenRequests().filter((r) => !r.ok)).toEqual([]);
      // Each refresh rotated the refresh token; the app sealed the newest one into the settings.
      await eventually(() => settings.stored.accounts[0]!.oauth!.refreshToken !== first);
      expect(app.snapshot().counts.mailboxes.find((m) => m.id === 'gmail')).toMatchObject({ state: 'ok', count: 1 });

      // Removing the account forgets its sign-in: nothing of it is left in the file.
      expect(app.saveSettings({ ...input, accounts: [] })).toMatchObject({ ok: true });
      const after = await readFile(join(dir, 'config.json'), 'utf8');
      expect(after).not.toContain('refreshToken');
      expect(after).not.toContain('gmail');
    } finally {
      await app.stop();
    }
  }, 120_000);

  it('refuses to save an account whose sign-in never happened, and says what to do', async () => {
    const secrets = fakeSecrets();
    const settings = new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: await mkdtemp(join(dir, 'b-')) }), secrets);
    const result = settings.save({
      servers: { bundled: { enabled: true }, remotes: [] },
      accounts: [{ id: 'gmail', name: 'Gmail', provider: 'google', signIn: 'oauth2', host: 'imap.gmail.com', port: 993, security: 'tls', user: 'ann@gmail.com', folders: ['INBOX'], folderChoice: 'inbox' }],
      notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false },
    });
    expect(result).toEqual({ ok: false, errors: [{ field: 'accounts.0.signIn', message: { key: 'check.signInMissing' } }] });
    expect(english.say({ key: 'check.signInMissing' })).toBe('Sign in before saving: press the Sign in button.');
  });
});
