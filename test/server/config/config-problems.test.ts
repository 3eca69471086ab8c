import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config-check.ts';
import { configSchema } from '../../../server/config/config-schema.ts';
import { loadConfigFile } from '../../../server/config/config-file.ts';
import { parseConfig } from '../../../server/config/server-config.ts';
import { oauthProviderIds } from '../../../common/mail-providers.ts';
import { MAILBOX_ID_PATTERN, MAX_WAIT_SECONDS } from '../../../common/protocol.ts';
import { sourceTypes } from '../../../server/sources/index.ts';

let folder: string;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-config-')); });
afterEach(async () => { await rm(folder, { recursive: true, force: true }); });

function problemsOf(raw: unknown, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(raw, { env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('the config was accepted');
}

describe('config problems', () => {
  it('lists five missing environment variables at once, each at its place', () => {
    const problems = problemsOf({
      clients: [
        { name: 'ann', token: { env: 'ANN_TOKEN' }, mailboxes: ['ann'] },
        { name: 'bob', token: { env: 'BOB_TOKEN' }, mailboxes: ['bob'] },
      ],
      ingest: [{ name: 'db', token: { env: 'INGEST_TOKEN' } }],
      sources: [
        { type: 'imap', host: 'imap.example.com', user: 'ann', password: { env: 'ANN_IMAP_PASSWORD' }, mailbox: 'ann' },
        { type: 'sql', url: { env: 'MAIL_DB_URL' }, query: 'SELECT 1' },
      ],
    });
    expect(problems).toEqual([
      'clients[0].token: the environment variable ANN_TOKEN is not set',
      'clients[1].token: the environment variable BOB_TOKEN is not set',
      'ingest[0].token: the environment variable INGEST_TOKEN is not set',
      'sources[0].password: the environment variable ANN_IMAP_PASSWORD is not set',
      'sources[1].url: the environment variable MAIL_DB_URL is not set',
    ]);
  });

  it('lists shape problems and semantic ones together, in the order of the file', () => {
    const problems = problemsOf({
      listen: { port: 'http' },
      clients: [{ name: 'ann', token: 'short', mailboxes: ['ann'] }, { name: 'ann', token: 'another-token-0123456789', mailboxes: '*' }],
      mailboxes: [{ id: 'ann', nmae: 'Ann' }],
      sources: [{ type: 'maildir', path: '/m' }],
    });
    expect(problems).toEqual([
      'listen.port: must be a whole number from 0 to 65535, not the text "http"',
      'clients[0].token: a token must be at least 16 characters (make one with: mailtray-server token)',
      'clients[1].name: "ann" is used twice',
      'mailboxes[0].nmae: unknown field; the fields here are id, name',
      'sources[0].mailbox: is missing; it must be a mailbox id (1 to 128 of A-Z a-z 0-9 . _ @ + -, but not "." or "..")',
    ]);
  });

  it('never prints a secret written as a number, true, or an odd text: only its place and its kind', () => {
    const problems = problemsOf({
      clients: [{ name: 'ann', token: 271828182845, mailboxes: '*' }],
      ingest: [{ name: 'db', token: true }],
      sources: [
        { type: 'imap', host: 'imap.example.com', user: 'ann', password: 314159265358, mailbox: 'ann' },
        { type: 'sql', url: 'mysql://u:hunter2@db/mail', query: 'SELECT 1' },
      ],
      metrics: { token: 161803398874 },
    });
    expect(problems).toEqual([
      'clients[0].token: must be text or {"env": "NAME"} (read from the environment), not a number',
      'ingest[0].token: must be text or {"env": "NAME"} (read from the environment), not true or false',
      'sources[0].password: must be text or {"env": "NAME"} (read from the environment), not a number',
      'sources[1].url: must be a PostgreSQL URL: postgres://user:password@host:5432/database',
      'metrics.token: must be text or {"env": "NAME"} (read from the environment), not a number',
    ]);
    for (const secret of ['271828182845', '314159265358', 'hunter2', '161803398874']) expect(problems.join('\n')).not.toContain(secret);
  });

  it('gives the line and column of a JSON syntax error, as editors do', async () => {
    const file = join(folder, 'server.json');
    await writeFile(file, '{\n  "listen": { "port": 7300 }\n  "clients": []\n}\n');
    await expect(loadConfigFile(file, { env: {} })).rejects.toThrow(`${file}:3:3: expected ',' or '}' after property value (not valid JSON)`);
    await writeFile(file, '{\n  "clients": [\n');
    await expect(loadConfigFile(file, { env: {} })).rejects.toThrow(/server\.json:3:1: .* \(not valid JSON\)/);
  });
});

describe('the published config schema', () => {
  it('is a valid JSON Schema, which an editor given "$schema" uses, and the server accepts "$schema" in the file', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(configSchema)).toBe(true);
    expect(parseConfig({ $schema: './config.schema.json' }, { env: {} }).listen.port).toBe(7300);
    expect(ajv.validate(configSchema, { listen: { port: 'x' } })).toBe(false);
  });

  it('names every source type the server has, and the same mailbox id rule as the protocol', async () => {
    const schema = JSON.parse(await readFile(new URL('../../../server/config/config.schema.json', import.meta.url), 'utf8'));
    expect(schema.definitions.source.properties.type.enum).toEqual(sourceTypes.map((t) => t.type));
    expect(schema.definitions.mailboxId.pattern).toBe(MAILBOX_ID_PATTERN);
    expect(schema.definitions.oauth2Auth.properties.provider.enum).toEqual(oauthProviderIds);
    expect(schema.properties.limits.properties.maxWaitSeconds).toMatchObject({ maximum: MAX_WAIT_SECONDS, default: MAX_WAIT_SECONDS });
  });
});
