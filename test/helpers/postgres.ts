import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './dovecot.ts';

const run = promisify(execFile);

/** A throw-away PostgreSQL cluster on 127.0.0.1 for one test file. */
export interface TestPostgres {
  port: number;
  user: string;
  password: string;
  /** A postgres:// URL for the database, with the password. */
  url: string;
  /** Runs SQL as the cluster's owner (for setting up tables, UPDATE, NOTIFY). */
  sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** Stops the server, keeping its data, as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and deletes its folder; safe to call twice. */
  destroy(): Promise<void>;
}

/**
 * initdb into a temp folder and pg_ctl start on a free port. initdb refuses to
 * run as root, so as root the cluster runs as the `postgres` system user.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = await findPostgresBin();
  const owner = process.getuid?.() === 0 ? await systemUser('postgres') : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-pg-'));
  const data = join(dir, 'data');
  const user = 'mailtray';
  const password = `pw-${Math.random().toString(36).slice(2)}:@/%`;
  const port = await freePort();
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
  const pg_ctl = (args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', ...args], { ...as, cwd: dir });

  await writeFile(join(dir, 'password'), password);
  if (owner) {
    await chown(dir, owner.uid, owner.gid);
    await chown(join(dir, 'password'), owner.uid, owner.gid);
  }
  await run(join(bin, 'initdb'), [
    '-D', data, '-U', user, '--pwfile', join(dir, 'password'), '-E', 'UTF8', '--no-sync',
    '--auth-local', 'trust', '--auth-host', 'scram-sha-256',
  ], { ...as, cwd: dir });
  await appendFile(join(data, 'postgresql.conf'), [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    // A test cluster: no need to survive a power cut.
    'fsync = off', 'synchronous_commit = off', 'full_page_writes = off',
    '',
  ].join('\n'));

  let isRunning = false;
  const start = async () => {
    try {
      await pg_ctl(['start']);
    } catch (error) {
      const log = await readFile(join(dir, 'log'), 'utf8').catch(() => '');
      throw new Error(`pg_ctl start failed: ${(error as Error).message}\n${log.slice(-2000)}`);
    }
    isRunning = true;
  };
  const stop = async () => {
    if (!isRunning) return;
    await pg_ctl(['stop', '-m', 'fast']);
    isRunning = false;
  };
  await start();

  const url = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    port, user, password, url, start, stop,
    async sql(text, values) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(text, values);
      } finally {
        await client.end();
      }
    },
    async destroy() {
      await stop().catch(() => pg_ctl(['stop', '-m', 'immediate']).catch(() => {}));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function findPostgresBin(): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions.filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`PostgreSQL is not installed (nothing in ${root}); .ci/run installs Debian's postgresql`);
  return join(root, newest, 'bin');
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

