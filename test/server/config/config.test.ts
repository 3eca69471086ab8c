import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config-check.ts';
import { parseConfig } from '../../../server/config/server-config.ts';
import { digestOf } from '../../../server/tokens/token-table.ts';
import { testConfig } from '../../helpers/count-server.ts';

const client = (fields: Record<string, unknown>) => ({ clients: [{ name: 'c', token: 'a-token-of-16-chars+', mailboxes: '*', ...fields }] });

const refused: Array<[string, unknown, string]> = [
  ['a list at the top', [], 'must be an object, not an empty list'],
  ['an unknown top-level field', { limit: {} }, 'limit: unknown field; the fields here are listen, clients'],
  ['mailboxes written as "all"', client({ mailboxes: 'all' }), 'clients[0].mailboxes: must be a list of mailbox ids like ["ann", "ann-work"], or "*" for all, not the text "all"'],
  ['a bad mailbox id in a client', client({ mailboxes: ['ok', 'not ok'] }), 'clients[0].mailboxes[1]: must be a mailbox id (1 to 128 of A-Z a-z 0-9 . _ @ + -, but not "." or ".."), not the text "not ok"'],
  ['a short plain token', client({ token: 'short' }), 'clients[0].token: a token must be at least 16 characters'],
  ['a sha256 token without 64 hex digits', client({ token: 'sha256:abc' }), 'clients[0].token: a sha256: token must be followed by 64 hex digits'],
  ['a token that is a number', client({ token: 5 }), 'clients[0].token: must be text or {"env": "NAME"} (read from the environment), not a number'],
  ['a missing client name', { clients: [{ token: 'a-token-of-16-chars+', mailboxes: '*' }] }, 'clients[0].name: is missing; it must be non-empty text'],
  ['a port out of range', { listen: { port: 70000 } }, 'listen.port: must be a whole number from 0 to 65535'],
  ['held polls per token of 0', { limits: { heldPollsPerToken: 0 } }, 'limits.heldPollsPerToken: must be a whole number from 1 to 100000'],
  ['a wait limit over 120', { limits: { maxWaitSeconds: 300 } }, 'limits.maxWaitSeconds: must be a whole number from 1 to 120'],
  ['getPhp as text', { compat: { getPhp: 'yes' } }, 'compat.getPhp: must be true or false'],
  ['pollFront as text', { http: { pollFront: 'off' } }, 'http.pollFront: must be true or false'],
  ['a mailbox id with a slash', { mailboxes: [{ id: 'a/b' }] }, 'mailboxes[0].id: must be a mailbox id (1 to 128 of'],
  ['a mailbox declared twice', { mailboxes: [{ id: 'a' }, { id: 'a' }] }, 'mailboxes[1].id: "a" is used twice'],
  ['the same token twice', { clients: [{ name: 'a', token: 'a-token-of-16-chars+', mailboxes: '*' }], ingest: [{ name: 'b', token: 'a-token-of-16-chars+' }] }, 'ingest[0].token: the same token is given to another'],
  ['messages as text', client({ messages: 'no' }), 'clients[0].messages: must be true or false'],
  ['canMarkRead on an ingest token', { ingest: [{ name: 'b', token: 'a-token-of-16-chars+', canMarkRead: true }] }, 'ingest[0].canMarkRead: unknown field'],
  ['51 messages per mailbox', { limits: { messagesPerMailbox: 51 } }, 'limits.messagesPerMailbox: must be a whole number from 0 to 50'],
  ['a source without a type', { sources: [{ path: '/tmp' }] }, 'sources[0].type: is missing; it must be one of "imap", "maildir", "counts-file", "sql"'],
  ['an unknown source type', { sources: [{ type: 'nntp' }] }, 'sources[0].type: must be one of "imap", "maildir", "counts-file", "sql", "pop3", "jmap", not the text "nntp"'],
  ['an unknown field in a source', { sources: [{ type: 'maildir', path: '/m', mailbox: 'a', colour: 'red' }] }, 'sources[0].colour: unknown field; the fields here are path, mailbox'],
];

describe('server config', () => {
  it.each(refused)('refuses %s, naming the place and the problem', (_what, raw, message) => {
    expect(() => parseConfig(raw, { env: {} })).toThrow(ConfigError);
    expect(() => parseConfig(raw, { env: {} })).toThrow(message);
  });

  it('reads DESIGN.md\'s example config, with tokens plain, hashed and from the environment', () => {
    const hashed = `sha256:${digestOf('ann-secret-token-1234').toString('hex')}`;
    const config = parseConfig({
      listen: { host: '127.0.0.1', port: 7300 },
      clients: [
        { name: 'ann-laptop', token: hashed, mailboxes: ['ann', 'ann-work'] },
        { name: 'ops-dashboard', token: { env: 'OPS_TOKEN' }, mailboxes: '*' },
      ],
      ingest: [{ name: 'mail-db', token: { env: 'MAILTRAY_INGEST_TOKEN' } }],
      mailboxes: [{ id: 'ann', name: 'Ann' }, { id: 'ann-work', name: 'Ann (work)' }],
      sources: [],
      limits: { heldPollsPerToken: 16, maxWaitSeconds: 120 },
      compat: { getPhp: false },
    }, { env: { OPS_TOKEN: 'ops-token-from-env-123', MAILTRAY_INGEST_TOKEN: 'ingest-token-from-env-1' } });
    expect(config.clients[0]!.digest.equals(digestOf('ann-secret-token-1234'))).toBe(true);
    expect(config.clients[1]!.digest.equals(digestOf('ops-token-from-env-123'))).toBe(true);
    expect(config.ingest[0]!.view).toBe('*');
    expect(config.mailboxes).toEqual([{ id: 'ann', name: 'Ann' }, { id: 'ann-work', name: 'Ann (work)' }]);
  });

  it('fills in defaults: 127.0.0.1:7300, 16 held polls per token, 120 s, /get.php off, the poll front on', () => {
    const config = parseConfig({}, { env: {} });
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 7300, workers: 1 });
    expect(config.limits).toMatchObject({ heldPollsPerToken: 16, maxWaitSeconds: 120 });
    expect(config.compat.getPhp).toBe(false);
    expect(config.http.pollFront).toBe(true);
    expect(parseConfig({ http: { pollFront: false } }, { env: {} }).http.pollFront).toBe(false);
    expect(parseConfig(testConfig()).clients).toHaveLength(3);
  });

  it('gives clients messages and no marking by default, 5 messages per mailbox', () => {
    const config = parseConfig({ ...client({}), limits: {} }, { env: {} });
    expect(config.clients[0]).toMatchObject({ seesMessages: true, canMarkRead: false });
    expect(config.limits.messagesPerMailbox).toBe(5);
    expect(parseConfig(client({ messages: false, canMarkRead: true }), { env: {} }).clients[0])
      .toMatchObject({ seesMessages: false, canMarkRead: true });
  });
});
