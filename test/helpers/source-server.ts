import { parseConfig } from '../../server/config/server-config.ts';
import type { FastifyServerOptions } from 'fastify';
import type { CountsAnswer, Mailbox } from '../../common/protocol.ts';
import { startServer, type RunningServer } from '../../server/run/start.ts';

export const clientToken = 'test-client-token-0123456789';

/** Starts the real count server on 127.0.0.1, port 0, with these sources and one client that sees all. */
export async function startSourceServer(
  sources: unknown[], extra: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {},
  logger: FastifyServerOptions['logger'] = false,
): Promise<RunningServer> {
  const config = parseConfig({
    listen: { host: '127.0.0.1', port: 0 },
    clients: [{ name: 'test', token: clientToken, mailboxes: '*' }],
    sources,
    ...extra,
  }, { env });
  return startServer({ config, sourceSpacingMs: 20, logger });
}

/** GET /v1/counts over real HTTP; with `since`, held until a change (or `wait` seconds). */
export async function getCounts(server: RunningServer, since?: string, wait = 10): Promise<CountsAnswer> {
  const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}&wait=${wait}`;
  const response = await fetch(`${server.url}/v1/counts${query}`, { headers: { Authorization: `Bearer ${clientToken}` } });
  if (response.status !== 200) throw new Error(`GET /v1/counts answered ${response.status}: ${await response.text()}`);
  return await response.json() as CountsAnswer;
}

/** Long-polls until `predicate` holds for the answer. */
export async function pollUntil(
  server: RunningServer, predicate: (answer: CountsAnswer) => boolean, timeoutMs = 10_000,
): Promise<CountsAnswer> {
  const deadline = Date.now() + timeoutMs;
  let answer = await getCounts(server);
  while (!predicate(answer)) {
    const left = Math.ceil((deadline - Date.now()) / 1000);
    if (left <= 0) throw new Error(`the counts never matched; last answer ${JSON.stringify(answer)}`);
    answer = await getCounts(server, answer.cursor, Math.min(left, 30));
  }
  return answer;
}

/** A source server with its calls bound, for suites that keep one per test. */
export interface CountServer {
  server: RunningServer;
  counts(since?: string, waitSeconds?: number): Promise<CountsAnswer>;
  /** Long-polls until `test` holds for the mailboxes by id. */
  waitFor(test: (mailboxes: Map<string, Mailbox>) => boolean, timeoutMs?: number): Promise<Map<string, Mailbox>>;
  stop(): Promise<void>;
}

export async function startCountServer(sources: object[], options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<CountServer> {
  const server = await startSourceServer(sources, {}, {}, options.logger ?? false);
  const byId = (answer: CountsAnswer) => new Map(answer.mailboxes.map((m) => [m.id, m]));
  return {
    server,
    counts: (since, waitSeconds = 30) => getCounts(server, since, waitSeconds),
    waitFor: async (test, timeoutMs = 15_000) => byId(await pollUntil(server, (answer) => test(byId(answer)), timeoutMs)),
    stop: () => server.stop(),
  };
}
