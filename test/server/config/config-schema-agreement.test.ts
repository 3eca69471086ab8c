import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { ConfigError } from '../../../server/config-check.ts';
import schema from '../../../server/config/config.schema.json' with { type: 'json' };

/**
 * The published schema (server/config/config.schema.json) and the server's own check
 * (`mailtray-server check`, which is parseConfig) must agree on every config:
 * an editor that uses the schema flags what the server would refuse. The only
 * configs they may disagree on are those whose fault no schema can see, each
 * listed with the reason.
 */

// As an editor uses a schema: plain draft-07, no defaults filled in, unknown "x-" keywords ignored.
const editorAjv = new Ajv({ strict: false, allErrors: true });
const schemaAccepts = editorAjv.compile(schema);

const env = {
  OPS_TOKEN: 'ops-token-from-the-environment-1',
  SHORT_TOKEN: 'short',
  REDIS_URL: 'redis://10.0.0.5:6379/0',
  DATABASE_URL: 'postgres://mailtray:secret@db.example.com:5432/mail',
  SIGNING_KEY: 'k'.repeat(48),
};
const folder = mkdtempSync(join(tmpdir(), 'mailtray-schema-'));
const pemPath = join(folder, 'ca.pem');
writeFileSync(pemPath, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');

const token = (n: number) => `client-token-number-${n}-0123456789`;
const client = (extra: object = {}) => ({ clients: [{ name: 'ann-laptop', token: token(1), mailboxes: ['ann'], ...extra }] });
const imap = (extra: object = {}) => ({
  sources: [{ type: 'imap', host: 'imap.example.com', user: 'ann@example.com', password: 'imap-password', mailbox: 'ann', ...extra }],
});
const withoutPassword = (extra: object) => ({ sources: [{ ...imap().sources[0], password: undefined, ...extra }] });
const oauth = (extra: object = {}) => withoutPassword({ auth: { type: 'oauth2', provider: 'google', clientId: 'id.apps.example.com', refreshToken: 'refresh-1', ...extra } });
const maildir = (extra: object = {}) => ({ sources: [{ type: 'maildir', path: '/var/mail/ann', mailbox: 'ann', ...extra }] });
const sql = (extra: object = {}) => ({ sources: [{ type: 'sql', url: 'postgres://mailtray@db/mail', query: 'SELECT id, count FROM counts', ...extra }] });
const pop3 = (extra: object = {}) => ({
  sources: [{ type: 'pop3', host: 'pop.example.com', user: 'ann@example.com', password: 'pop3-password', mailbox: 'ann', ...extra }],
});
const store = (value: object) => ({ store: value });
const signed = (key: object) => ({ signedTokens: { keys: [{ id: 'key-2026', secret: 'k'.repeat(48), ...key }] } });

type Verdict = 'accepts' | 'refuses';
/** A config, what the server says of it, and, where the schema cannot see the fault, why. */
type Case = [name: string, config: object, server: Verdict, schemaCannotSay?: string];

const notInSchema = {
  environment: 'the environment is read when the server starts; an editor sees only the variable\'s name',
  files: 'whether a file exists and what it holds is known only where the server runs',
  unique: 'JSON Schema cannot say that one field is unique across the items of a list',
  compare: 'JSON Schema (draft-07) cannot compare two values of the config',
  platform: 'whether a path is absolute depends on the system the server runs on',
};

const cases: Case[] = [
  ['an empty config', {}, 'accepts'],
  ['a client with a plain token', client(), 'accepts'],
  ['a client with a plain token shorter than 16 characters', client({ token: 'short' }), 'refuses'],
  ['a client with a sha256: token', client({ token: `sha256:${'ab'.repeat(32)}` }), 'accepts'],
  ['a client with a sha256: token in capitals', client({ token: `SHA256:${'AB'.repeat(32)}` }), 'accepts'],
  ['a client with sha256: and too few hex digits', client({ token: 'sha256:abcdef0123456789abcdef' }), 'refuses'],
  ['a client whose token is in the environment', client({ token: { env: 'OPS_TOKEN' } }), 'accepts'],
  ['a client whose token variable is not set', client({ token: { env: 'NOT_SET_ANYWHERE' } }), 'refuses', notInSchema.environment],
  ['a client whose token variable holds a short token', client({ token: { env: 'SHORT_TOKEN' } }), 'refuses', notInSchema.environment],
  ['a client that sees every mailbox', client({ mailboxes: '*' }), 'accepts'],
  ['a client whose mailboxes are "all"', client({ mailboxes: 'all' }), 'refuses'],
  ['a client with an unknown field', client({ colour: 'red' }), 'refuses'],
  ['two clients of one name', { clients: [...client().clients, { name: 'ann-laptop', token: token(2), mailboxes: '*' }] }, 'refuses', notInSchema.unique],
  ['two clients with one token', { clients: [...client().clients, { name: 'ops', token: token(1), mailboxes: '*' }] }, 'refuses', notInSchema.unique],
  ['an ingest token of 8 characters', { ingest: [{ name: 'mail-db', token: '12345678' }] }, 'refuses'],
  ['an ingest entry for every mailbox', { ingest: [{ name: 'mail-db', token: token(3) }] }, 'accepts'],
  ['a metrics token with sha256: and no digits', { metrics: { token: 'sha256:' } }, 'refuses'],
  ['a mailbox named ".."', { mailboxes: [{ id: '..' }] }, 'refuses'],
  ['a mailbox declared twice', { mailboxes: [{ id: 'ann' }, { id: 'ann' }] }, 'refuses', notInSchema.unique],
  ['a wait over 120 s', { limits: { maxWaitSeconds: 121 } }, 'refuses'],
  ['headers allowed longer than the whole request', { limits: { headersSeconds: 60, requestSeconds: 30 } }, 'refuses', notInSchema.compare],
  ['no messages in answers', { limits: { messagesPerMailbox: 0 } }, 'accepts'],
  ['port 70000', { listen: { port: 70000 } }, 'refuses'],

  ['a Redis store', store({ type: 'redis', url: 'redis://127.0.0.1:6379' }), 'accepts'],
  ['a Redis store over TLS, its URL from the environment', store({ type: 'redis', url: { env: 'REDIS_URL' }, prefix: 'team:' }), 'accepts'],
  ['a Redis store without a URL', store({ type: 'redis' }), 'refuses'],
  ['a Redis store with an http:// URL', store({ type: 'redis', url: 'http://127.0.0.1:6379' }), 'refuses'],
  ['a memory store with a prefix', store({ type: 'memory', prefix: 'team:' }), 'refuses'],
  ['a memory store with a Redis URL', store({ type: 'memory', url: 'redis://127.0.0.1:6379' }), 'refuses'],
  ['a lease of half a second', store({ type: 'redis', url: 'redis://127.0.0.1:6379', leaseSeconds: 0.5 }), 'refuses'],

  ['a signing key of 48 characters', signed({}), 'accepts'],
  ['a signing key from the environment', signed({ secret: { env: 'SIGNING_KEY' } }), 'accepts'],
  ['a signing key of 31 characters', signed({ secret: 'k'.repeat(31) }), 'refuses'],
  ['a signing key id with a space', signed({ id: 'key 2026' }), 'refuses'],
  ['no signing keys', { signedTokens: { keys: [] } }, 'refuses'],

  ['an IMAP account with a password', imap(), 'accepts'],
  ['an IMAP account with a password and an access token', imap({ accessToken: 'token' }), 'refuses'],
  ['an IMAP account with no way to log in', withoutPassword({}), 'refuses'],
  ['an IMAP account with a fixed access token', withoutPassword({ accessToken: { env: 'OPS_TOKEN' } }), 'accepts'],
  ['an IMAP account with "mailbox" and "mailboxes"', imap({ mailboxes: [{ id: 'ann-work' }] }), 'refuses'],
  ['an IMAP account feeding no mailbox', imap({ mailbox: undefined }), 'refuses'],
  ['an IMAP account with mailboxes and their folders', imap({ mailbox: undefined, mailboxes: [{ id: 'ann', folders: ['INBOX', 'Lists'] }] }), 'accepts'],
  ['an IMAP account with "mailboxes" and top-level "folders"', imap({ mailbox: undefined, mailboxes: [{ id: 'ann' }], folders: ['INBOX'] }), 'refuses'],
  ['an IMAP account with one mailbox id twice', imap({ mailbox: undefined, mailboxes: [{ id: 'ann' }, { id: 'ann' }] }), 'refuses', notInSchema.unique],
  ['an IMAP account with a CA file', imap({ ca: pemPath }), 'accepts'],
  ['an IMAP account with a CA and no TLS', imap({ security: 'none', ca: pemPath }), 'refuses'],
  ['an IMAP account whose CA file is missing', imap({ ca: join(folder, 'missing.pem') }), 'refuses', notInSchema.files],
  ['an IMAP account on port 0', imap({ port: 0 }), 'refuses'],
  ['an OAuth2 account at Google', oauth(), 'accepts'],
  ['an OAuth2 account with neither provider nor token URL', oauth({ provider: undefined }), 'refuses'],
  ['an OAuth2 token URL over plain http', oauth({ provider: undefined, tokenUrl: 'http://oauth.example.com/token' }), 'refuses'],
  ['an OAuth2 token URL over http to this machine', oauth({ provider: undefined, tokenUrl: 'http://127.0.0.1:8080/token' }), 'accepts'],
  ['an OAuth2 token URL that is no URL', oauth({ tokenUrl: 'oauth.example.com/token' }), 'refuses'],
  ['an OAuth2 token URL over 1000 characters', oauth({ tokenUrl: `https://oauth.example.com/${'t'.repeat(1000)}` }), 'refuses'],
  ['an OAuth2 state file at a relative path', oauth({ stateFile: 'tokens.json' }), 'refuses'],
  ['an OAuth2 state file at an absolute path', oauth({ stateFile: '/var/lib/mailtray/tokens.json' }), 'accepts'],
  ['an OAuth2 state file at a Windows path', oauth({ stateFile: 'C:\\mailtray\\tokens.json' }), 'refuses', notInSchema.platform],

  ['a Maildir', maildir(), 'accepts'],
  ['a Maildir without its inbox and no folder', maildir({ inbox: false }), 'refuses'],
  ['a Maildir without its inbox, with a folder', maildir({ inbox: false, folders: ['.Work'] }), 'accepts'],
  ['a Maildir folder with a slash', maildir({ folders: ['.Work/x'] }), 'refuses'],
  ['a counts file', { sources: [{ type: 'counts-file', path: '/run/counts.json', mailboxes: ['ann'] }] }, 'accepts'],
  ['a counts file in CSV', { sources: [{ type: 'counts-file', path: '/run/counts.csv', format: 'csv' }] }, 'refuses'],
  ['an SQL query', sql(), 'accepts'],
  ['an SQL query whose URL is in the environment', sql({ url: { env: 'DATABASE_URL' } }), 'accepts'],
  ['an SQL query against MySQL', sql({ url: 'mysql://mailtray@db/mail' }), 'refuses'],
  ['an SQL query every half second', sql({ intervalSeconds: 0.5 }), 'refuses'],
  ['a POP3 account', pop3(), 'accepts'],
  ['a POP3 account without a password', pop3({ password: undefined }), 'refuses'],
  ['a POP3 account without a mailbox', pop3({ mailbox: undefined }), 'refuses'],
  ['a POP3 account over STLS, its password in the environment', pop3({ security: 'starttls', password: { env: 'OPS_TOKEN' } }), 'accepts'],
  ['a POP3 account checked every 10 s', pop3({ intervalSeconds: 10 }), 'refuses'],
  ['a POP3 account checked every 2 hours', pop3({ intervalSeconds: 7200 }), 'refuses'],
  ['a POP3 account with a CA and no TLS', pop3({ security: 'none', ca: pemPath }), 'refuses'],
  ['a POP3 account with a state file at a relative path', pop3({ stateFile: 'ann.json' }), 'refuses'],
  ['a POP3 account with a state file at an absolute path', pop3({ stateFile: '/var/lib/mailtray/ann-pop3.json' }), 'accepts'],
  ['a POP3 account with folders', pop3({ folders: ['INBOX'] }), 'refuses'],
];

const serverVerdict = (config: object): Verdict => {
  try {
    parseConfig(config, { env });
    return 'accepts';
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return 'refuses';
  }
};

describe('the published config schema and mailtray-server check', () => {
  it('are tried on at least 40 configs, across every source type, tokens, store, limits and signing keys', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const types = new Set(cases.flatMap(([, config]) => ((config as { sources?: Array<{ type: string }> }).sources ?? []).map((s) => s.type)));
    expect([...types].sort()).toEqual(['counts-file', 'imap', 'maildir', 'pop3', 'sql']);
  });

  it.each(cases)('agree on %s', (_name, config, server, schemaCannotSay) => {
    // JSON has no undefined: a field set to undefined above is a field left out.
    const json = JSON.parse(JSON.stringify(config)) as object;
    expect(serverVerdict(json)).toBe(server);
    // Where no schema can see the fault, the schema lets the config pass and the server alone refuses it.
    const expected = schemaCannotSay === undefined ? server : 'accepts';
    expect(schemaAccepts(json) ? 'accepts' : 'refuses', JSON.stringify(schemaAccepts.errors)).toBe(expected);
  });
});
