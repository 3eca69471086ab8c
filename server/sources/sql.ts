import pg from 'pg';
import { DEFAULT_MESSAGES_PER_MAILBOX, type ErrorKind, type MailboxUpdate } from '../../common/protocol.ts';
import type { BackoffOptions } from '../../common/retry.ts';
import { RecountLoop } from './recount-loop.ts';
import type { Source, SourceContext, SourceState, SourceType } from './source.ts';
import { parseSqlConfig, type SqlConfig } from './sql-config.ts';
import { columnProblem, readRows } from './sql-rows.ts';
import { withoutPassword } from './sql-url.ts';
import type { Timers } from '../../common/timers.ts';

/** Knobs for tests; the config does not set these. */
export interface SqlOptions {
  timers?: Timers;
  backoff?: BackoffOptions;
}

export const sqlSourceType: SourceType<SqlConfig> = {
  type: 'sql',
  parse: parseSqlConfig,
  mailboxes: (config) => config.mailboxes.map((id) => ({ id, name: id })),
  findsMailboxes: true,
  create: (config, context) => new SqlSource(config, context),
};

/**
 * Runs one query that returns every mailbox's count, on an interval and at
 * once on a NOTIFY, over one read-only connection. Only counts that changed
 * reach the store, so 10,000 users cost a store write only for those with news.
 */
export class SqlSource implements Source {
  readonly #config: SqlConfig;
  readonly #context: SourceContext;
  readonly #loop: RecountLoop;
  #client: pg.Client | undefined;
  /** What the store was last told per mailbox, to send only what differs. */
  readonly #sent = new Map<string, string>();
  /** Every mailbox the query has fed, so one it stops returning is told. */
  readonly #fed: Set<string>;
  #problem: string | undefined;
  #state: SourceState = 'pending';

  constructor(config: SqlConfig, context: SourceContext, options: SqlOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#fed = new Set(config.mailboxes);
    this.#loop = new RecountLoop({
      recount: () => this.#recount(),
      // A burst of NOTIFYs (a trigger per row of a big UPDATE) costs one query.
      debounceMs: 20,
      log: context.log,
      everyMs: config.intervalMs,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  async start(): Promise<void> {
    // Not awaited: a database that does not answer would hold up the sources
    // started after this one for the whole connect timeout.
    void this.#loop.start();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
    await this.#disconnect();
  }

  state(): SourceState {
    return this.#state;
  }

  problem(): string | undefined {
    return this.#problem;
  }

  async #recount(): Promise<boolean> {
    const { url, query, columns } = this.#config;
    let client: pg.Client;
    try {
      client = this.#client ?? await this.#connect();
    } catch (error) {
      return this.#fail(`cannot connect to ${url.where}: ${this.#messageOf(error)}`, isLoginRefused(error) ? 'auth' : 'connection');
    }
    let result: pg.QueryResult;
    try {
      // The extended protocol takes exactly one statement, so the query cannot
      // smuggle in a second one (a SET, a COMMIT) around the read-only session.
      const statement: pg.QueryConfig & { queryMode: 'extended' } = { text: query, queryMode: 'extended' };
      result = await client.query(statement);
    } catch (error) {
      if (this.#client !== client || isConnectionError(error)) {
        await this.#disconnect();
        return this.#fail(`lost the connection to ${url.where}: ${this.#messageOf(error)}`, 'connection');
      }
      return this.#fail(`the SQL query failed: ${this.#messageOf(error)}`, 'setup');
    }
    const problem = columnProblem(result.fields.map((f) => f.name), columns);
    if (problem) return this.#fail(problem, 'setup');

    const { updates, skipped } = readRows(result.rows, columns, this.#context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX);
    if (skipped.length > 0) {
      this.#context.log.warn({ rows: skipped.length, first: skipped[0] }, 'the SQL query returns rows whose id is not a mailbox id; they are skipped');
    }
    for (const id of this.#fed) {
      if (updates.has(id)) continue;
      updates.set(id, this.#config.missing === 'zero'
        ? { id, count: 0, state: 'ok' }
        : { id, state: 'error', error: 'no longer returned by the SQL query', errorKind: 'setup' });
    }
    for (const id of updates.keys()) this.#fed.add(id);
    if (this.#problem !== undefined) this.#context.log.info({ database: url.where }, 'the SQL query works again');
    this.#problem = undefined;
    this.#state = 'ok';
    await this.#send([...updates.values()]);
    return true;
  }

  async #connect(): Promise<pg.Client> {
    const { url, timeoutMs, listen } = this.#config;
    const client = new pg.Client({
      connectionString: url.secret,
      application_name: 'mailtray',
      statement_timeout: timeoutMs,
      // Catches a connection that hangs without an error (a cable pulled).
      query_timeout: timeoutMs + 5000,
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
    // An idle connection dropped by the server (a restart) only shows as this
    // event; the next query would wait for the interval, so recount at once.
    const onLost = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      client.end().catch(() => {});
      this.#loop.poke();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === listen) this.#loop.poke();
    });
    try {
      await client.connect();
      await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
      if (listen !== undefined) await client.query(`LISTEN ${client.escapeIdentifier(listen)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.#client = client;
    return client;
  }

  async #disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  /** Puts the problem on every mailbox the query feeds, keeping their counts. */
  async #fail(problem: string, errorKind: ErrorKind): Promise<boolean> {
    if (problem !== this.#problem) this.#context.log.warn({ database: this.#config.url.where }, problem);
    this.#problem = problem;
    this.#state = 'error';
    await this.#send([...this.#fed].map((id) => ({ id, state: 'error' as const, error: problem, errorKind })));
    return false;
  }

  async #send(updates: MailboxUpdate[]): Promise<void> {
    const changed = updates.filter((u) => this.#sent.get(u.id) !== sentForm(u));
    if (changed.length === 0) return;
    await this.#context.store.setMany(changed);
    for (const update of changed) this.#sent.set(update.id, sentForm(update));
  }

  #messageOf(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return withoutPassword(message || (error as NodeJS.ErrnoException).code || 'unknown error', this.#config.url);
  }
}

/** The part of an update the store keeps: an error update leaves the count as it was. */
function sentForm(update: MailboxUpdate): string {
  return update.state === 'error' ? `error:${update.errorKind}:${update.error}` : `ok:${update.count}:${JSON.stringify(update.messages ?? null)}`;
}

/** SQLSTATE class 28 (invalid authorization: a wrong password, a role that may not log in). */
function isLoginRefused(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('28');
}

/** SQLSTATE classes 08 (connection exception) and 57P (server shut down), or no SQLSTATE at all (a socket error). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P');
}
