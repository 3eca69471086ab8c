import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { testAccount as testAccountInWords } from '../../main/bundled/account-test.ts';
import { freePort, message, startDovecot, type Dovecot } from '../helpers/dovecot.ts';
import { appClientId, startOAuthServer, type OAuthServer } from '../helpers/oauth-server.ts';

const ann = { user: 'ann@example.com', password: 'ann-password-11' };
const english = translatorFor('en');

/** "Test account" with its result worded as the window shows it in English. */
async function testAccount(...args: Parameters<typeof testAccountInWords>) {
  const result = await testAccountInWords(...args);
  return { ...result, message: english.say(result.message) };
}

describe('"Test account" in the account form, against a real Dovecot and OAuth server', () => {
  let dovecot: Dovecot;
  let oauth: OAuthServer;

  beforeAll(async () => {
    oauth = await startOAuthServer();
    dovecot = await startDovecot({ users: [ann], oauth2: { introspectionUrl: oauth.dovecotIntrospectionUrl } });
    const mail = await dovecot.client(ann);
    await mail.append('INBOX', message('one'));
    await mail.append('INBOX', message('two'));
    await mail.logout();
  });
  afterAll(async () => {
    await dovecot?.stop();
    await oauth?.stop();
  });

  const account = (fields: object = {}) => ({
    host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath, user: ann.user, password: ann.password,
    folders: ['INBOX'], ...fields,
  });

  it('signs in and counts', async () => {
    expect(await testAccount(account())).toEqual({ ok: true, unseen: 2, message: 'Signed in as ann@example.com: 2 unread in INBOX.' });
  });

  it.each([
    ['a wrong password', { password: 'not-it' }, 'auth', 'Wrong user name or password: login failed for ann@example.com: the server said AUTHENTICATIONFAILED.'],
    ['no such host', { host: 'imap.mailtray-test.invalid' }, 'dns', 'No such host: imap.mailtray-test.invalid could not be found.'],
    ['a folder that does not exist', { folders: ['Archive'] }, 'folder', /^No such folder: the folder "Archive" on 127\.0\.0\.1 cannot be opened: the server said (NONEXISTENT|Mailbox doesn't exist: Archive)\.$/],
  ])('says %s in words', async (_name, fields, problem, words) => {
    const result = await testAccount(account(fields));
    expect(result).toMatchObject({ ok: false, problem });
    if (typeof words === 'string') expect(result.message).toBe(words);
    else expect(result.message).toMatch(words);
  });

  it('names a certificate problem and the choice that solves it', async () => {
    const result = await testAccount({ ...account(), ca: undefined });
    expect(result).toEqual({
      ok: false, problem: 'certificate',
      message: 'Certificate problem: the certificate of 127.0.0.1 is self-signed and not trusted (to trust it, choose its PEM file).',
    });
  });

  it('points a certificate file it cannot read at the certificate choice, and other refused fields at the settings', async () => {
    expect(await testAccount(account({ ca: '/no/such/ca.pem' }))).toEqual({
      ok: false, problem: 'certificate', message: 'Cannot read the certificate file /no/such/ca.pem: ENOENT',
    });
    expect(await testAccount(account({ port: 70_000 }))).toEqual({
      ok: false, problem: 'setup', message: 'Must be a whole number from 1 to 65535, not number 70000',
    });
  });

  it('a "ca" file that is no certificate is a certificate problem, known by the field, and other settings problems are setup', async () => {
    const notPem = await testAccount({ ...account(), ca: fileURLToPath(import.meta.url) });
    expect(notPem).toMatchObject({ ok: false, problem: 'certificate' });
    expect(notPem.message).toMatch(/holds no PEM certificate/);
    expect(await testAccount({ ...account(), port: 0 })).toMatchObject({ ok: false, problem: 'setup' });
  });

  it('checks the entry against the config schema, as a config file\'s entry is, before any connection', async () => {
    expect(await testAccount(account({ security: 'ssl' }))).toEqual({
      ok: false, problem: 'setup', message: 'Must be one of "tls", "starttls", "none", not the text "ssl"',
    });
    expect(await testAccount(account({ maxConnections: 0 }))).toEqual({
      ok: false, problem: 'setup', message: 'Must be a whole number from 1 to 50, not number 0',
    });
  });

  it('says nothing answers on a closed port', async () => {
    const port = await freePort();
    expect(await testAccount(account({ port }))).toEqual({
      ok: false, problem: 'refused', message: `Nothing answers at 127.0.0.1:${port} (connection refused).`,
    });
  });

  it('signs in with OAuth2 and hands back the rotated refresh token to keep; a revoked one asks to sign in again', async () => {
    const refreshToken = await oauth.refreshTokenFor(ann.user);
    const oauth2 = { type: 'oauth2', tokenUrl: oauth.tokenUrl, clientId: appClientId, refreshToken };
    const result = await testAccount(account({ password: undefined, auth: oauth2 }));
    expect(result).toMatchObject({ ok: true, unseen: 2 });
    expect(result.rotatedRefreshToken).toMatch(/\S{20,}/);
    expect(result.rotatedRefreshToken).not.toBe(refreshToken);

    await oauth.revoke(result.rotatedRefreshToken!);
    expect(await testAccount(account({ password: undefined, auth: { ...oauth2, refreshToken: result.rotatedRefreshToken } }))).toEqual({
      ok: false, problem: 'consent', message: 'Mail access was withdrawn or has expired: sign in again.',
    });
  });

  it('says when the IMAP server refuses the access token (mail access not granted)', async () => {
    const result = await testAccount(account({ password: undefined, auth: { type: 'oauth2', tokenUrl: oauth.tokenUrl, clientId: appClientId, refreshToken: 'x' } }),
      { accessToken: 'an-access-token-the-provider-never-issued' });
    expect(result).toEqual({
      ok: false, problem: 'consent',
      message: '127.0.0.1 refused the sign-in for ann@example.com: mail access may not have been granted. Sign in again and allow mail access.',
    });
  });
});
