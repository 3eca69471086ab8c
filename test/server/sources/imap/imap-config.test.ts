import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { build } from '../../../../server/http/app.ts';
import { parseConfig } from '../../../../server/config/server-config.ts';
import { MemoryStore } from '../../../../server/store/memory-store.ts';
import { parseImapConfig } from '../../../../server/sources/imap/imap-config.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';

const base = { type: 'imap', host: 'imap.example.com', user: 'ann@example.com', password: 'pw-123', mailbox: 'ann' };
const parse = (fields: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => parseImapConfig(checkedEntry({ ...base, ...fields }), 'sources[0]', env);
const problem = (fields: Record<string, unknown>) => {
  try {
    parse(fields);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no problem found');
};

const oauth = { type: 'oauth2', tokenUrl: 'https://oauth.example.com/token', clientId: 'app-1', refreshToken: 'rt-secret-1' };

describe('an IMAP account in the server config', () => {
  it('defaults to TLS on 993, counting INBOX, re-counting every 5 min and re-issuing IDLE every 20 min', () => {
    expect(parse({})).toMatchObject({
      host: 'imap.example.com', port: 993, security: 'tls', user: 'ann@example.com',
      mailboxes: [{ id: 'ann', folders: ['INBOX'] }], recountMs: 300_000, pollMs: 60_000, idleRestartMs: 1_200_000,
    });
  });

  it.each([
    ['starttls', 143], ['none', 143], ['tls', 993],
  ])('with security %s the port defaults to %i', (security, port) => {
    expect(parse({ security }).port).toBe(port);
  });

  it('takes an OAuth2 access token instead of a password, from the environment', () => {
    const config = parse({ password: undefined, accessToken: { env: 'ANN_TOKEN' } }, { ANN_TOKEN: 'ya29.token' });
    expect(config.auth.kind === 'accessToken' && config.auth.secret.reveal()).toBe('ya29.token');
  });

  it('takes an OAuth2 refresh token with a known provider\'s token endpoint and mail scope', () => {
    const config = parse({ password: undefined, auth: { type: 'oauth2', provider: 'microsoft', clientId: 'app-1', refreshToken: { env: 'RT' } } }, { RT: 'rt-secret-2' });
    expect(config.auth).toMatchObject({
      kind: 'oauth2', clientId: 'app-1',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scope: 'https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    });
    expect(config.auth.kind === 'oauth2' && config.auth.refreshToken.reveal()).toBe('rt-secret-2');
    expect(parse({ password: undefined, auth: { ...oauth, provider: 'google' } }).auth).toMatchObject({
      tokenUrl: 'https://oauth.example.com/token', scope: 'https://mail.google.com/',
    });
  });

  it('hides the refresh token and client secret however the config is printed', () => {
    const config = parse({ password: undefined, auth: { ...oauth, clientSecret: 'cs-secret-3' } });
    for (const text of [JSON.stringify(config), inspect(config, { depth: 10 })]) {
      expect(text).not.toContain('rt-secret-1');
      expect(text).not.toContain('cs-secret-3');
    }
  });

  it('hides the password however the config is printed', () => {
    const config = parse({ password: 'hunter2-secret' });
    expect(JSON.stringify(config)).not.toContain('hunter2');
    expect(inspect(config, { depth: 10 })).not.toContain('hunter2');
    expect(config.auth.kind === 'password' && String(config.auth.secret)).toBe('[hidden]');
  });

  it('reads several mailboxes, each summing its folders', () => {
    const config = parse({ mailbox: undefined, mailboxes: [
      { id: 'ann', name: 'Ann', folders: ['INBOX', 'Lists'] }, { id: 'ann-family', folders: ['Family'] }, { id: 'ann-rest' },
    ] });
    expect(config.mailboxes).toEqual([
      { id: 'ann', name: 'Ann', folders: ['INBOX', 'Lists'] }, { id: 'ann-family', folders: ['Family'] }, { id: 'ann-rest', folders: ['INBOX'] },
    ]);
  });

  it('reads a CA certificate file to trust', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailtray-ca-'));
    await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    await writeFile(join(dir, 'not.pem'), 'hello');
    expect(parse({ ca: join(dir, 'ca.pem') }).ca).toContain('BEGIN CERTIFICATE');
    expect(problem({ ca: join(dir, 'not.pem') })).toBe(`sources[0].ca: ${join(dir, 'not.pem')} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    expect(problem({ ca: join(dir, 'missing.pem') })).toBe(`sources[0].ca: cannot read the certificate file ${join(dir, 'missing.pem')}: ENOENT`);
    await rm(dir, { recursive: true });
  });

  it.each([
    [{ security: 'ssl' }, 'sources[0].security: must be one of "tls", "starttls", "none", not the text "ssl"'],
    [{ port: 0 }, 'sources[0].port: must be a whole number from 1 to 65535, not number 0'],
    [{ password: undefined }, 'sources[0]: give one of "password", "auth" (OAuth2 with a refresh token) or "accessToken" (a fixed OAuth2 access token)'],
    [{ accessToken: 'x' }, 'sources[0]: give one of "password", "auth" (OAuth2 with a refresh token) or "accessToken" (a fixed OAuth2 access token)'],
    [{ auth: oauth }, 'sources[0]: give one of "password", "auth" (OAuth2 with a refresh token) or "accessToken" (a fixed OAuth2 access token)'],
    [{ password: undefined, auth: { ...oauth, provider: 'yahoo' } }, 'sources[0].auth.provider: must be one of "google", "microsoft", not the text "yahoo"'],
    [{ password: undefined, auth: { ...oauth, tokenUrl: undefined } }, 'sources[0].auth: give "provider" ("google" or "microsoft") or "tokenUrl"'],
    [{ password: undefined, auth: { ...oauth, tokenUrl: 'http://oauth.example.com/token' } }, 'sources[0].auth.tokenUrl: must be an https:// address (plain http:// only for 127.0.0.1)'],
    [{ password: undefined, auth: { ...oauth, refreshToken: undefined } }, 'sources[0].auth.refreshToken: is missing; it must be text or {"env": "NAME"} (read from the environment)'],
    [{ password: undefined, auth: { ...oauth, stateFile: 'tokens.json' } }, 'sources[0].auth.stateFile: must be an absolute path'],
    [{ password: { env: 'NOPE' } }, 'sources[0].password: the environment variable NOPE is not set'],
    [{ mailbox: 'a b' }, 'sources[0].mailbox: must be a mailbox id (1 to 128 of A-Z a-z 0-9 . _ @ + -, but not "." or ".."), not the text "a b"'],
    [{ mailboxes: [{ id: 'x' }] }, 'sources[0]: give either "mailbox" (the id the folders feed) or "mailboxes" (a list), not both or neither'],
    [{ mailbox: undefined, mailboxes: [{ id: 'x' }, { id: 'x' }] }, 'sources[0].mailboxes[1].id: "x" is used twice'],
    [{ mailbox: undefined, mailboxes: [{ id: 'x' }], folders: ['A'] }, 'sources[0].folders: with "mailboxes", give each mailbox its own "folders"'],
    [{ folders: [] }, 'sources[0].folders: must be a list of at least one folder name, like ["INBOX", "Work"], not an empty list'],
    [{ idleRestartSeconds: 3600 }, 'sources[0].idleRestartSeconds: must be a whole number from 1 to 1500, not number 3600'],
    [{ security: 'none', ca: '/x.pem' }, 'sources[0].ca: only means something with "security": "tls" or "starttls"'],
    [{ pasword: 'typo' }, expect.stringMatching(/^sources\[0\]\.pasword: unknown field; the fields here are host, port/)],
  ])('%o is refused: %s', (fields, message) => {
    expect(problem(fields)).toEqual(message);
  });

  it('keeps the name given in the top-level mailboxes list over the id the source declares', async () => {
    const config = parseConfig({ mailboxes: [{ id: 'ann', name: 'Ann (home)' }], sources: [base] }, { env: {} });
    const store = new MemoryStore();
    const app = await build({ config, store });
    expect((await store.snapshot(['ann'])).mailboxes[0]).toMatchObject({ name: 'Ann (home)', state: 'pending' });
    await app.close();
  });
});
