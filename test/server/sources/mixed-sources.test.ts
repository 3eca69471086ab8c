import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Mailbox } from '../../../common/protocol.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { startPostgres, type TestPostgres } from '../../helpers/postgres.ts';
import { pollUntil, startSourceServer } from '../../helpers/source-server.ts';

const ingestToken = 'test-ingest-token-0123456789';
let db: TestPostgres;
let dir: string;
let server: RunningServer | undefined;

beforeAll(async () => {
  [db, dir] = await Promise.all([startPostgres(), mkdtemp(join(tmpdir(), 'mailtray-mixed-'))]);
  await db.sql("CREATE TABLE users (user_id text PRIMARY KEY, unread integer NOT NULL); INSERT INTO users VALUES ('carol', 2)");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await db?.destroy();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

const byId = (mailboxes: Mailbox[]) => new Map(mailboxes.map((m) => [m.id, m]));

it('one server mixes a Maildir, a counts file, an SQL query and HTTP push', async () => {
  const maildir = join(dir, 'Maildir');
  for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(maildir, sub), { recursive: true });
  await writeFile(join(maildir, 'new', '1.M1P1.host'), '');
  await writeFile(join(dir, 'counts.txt'), 'bob 4\n');

  server = await startSourceServer([
    { type: 'maildir', path: maildir, mailbox: 'ann' },
    { type: 'counts-file', path: join(dir, 'counts.txt') },
    { type: 'sql', url: { env: 'MAIL_DB_URL' }, query: 'SELECT user_id AS id, unread AS count FROM users', listen: 'mail_changed' },
  ], {
    ingest: [{ name: 'crm', token: ingestToken, mailboxes: ['dave'] }],
    mailboxes: [{ id: 'ann', name: 'Ann' }, { id: 'dave', name: 'Dave' }],
  }, { MAIL_DB_URL: db.url });

  const put = await fetch(`${server.url}/v1/mailboxes/dave`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${ingestToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ count: 5 }),
  });
  expect(put.status).toBeLessThan(300);

  const first = await pollUntil(server, (a) => a.mailboxes.length === 4 && a.mailboxes.every((m) => m.state === 'ok'));
  expect(Object.fromEntries([...byId(first.mailboxes)].map(([id, m]) => [id, [m.name, m.count]]))).toEqual({
    ann: ['Ann', 1], bob: ['bob', 4], carol: ['carol', 2], dave: ['Dave', 5],
  });

  // Each source wakes the same held poll.
  await writeFile(join(maildir, 'tmp', '2.M2P1.host'), '');
  await rename(join(maildir, 'tmp', '2.M2P1.host'), join(maildir, 'new', '2.M2P1.host'));
  await pollUntil(server, (a) => byId(a.mailboxes).get('ann')?.count === 2);
  await writeFile(join(dir, 'counts.txt'), 'bob 0\n');
  await pollUntil(server, (a) => byId(a.mailboxes).get('bob')?.count === 0);
  await db.sql("UPDATE users SET unread = 3 WHERE user_id = 'carol'; NOTIFY mail_changed");
  await pollUntil(server, (a) => byId(a.mailboxes).get('carol')?.count === 3);
});
