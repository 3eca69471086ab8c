/** Starts the real count server with some sources and watches it over real HTTP, as the app does. */
import { parseConfig } from '../../server/config.ts';
import type { CountsAnswer, Mailbox } from '../../server/mailbox.ts';
import { startServer, type RunningServer } from '../../server/start.ts';

export const clientToken = 'test-client-token-0123456789';

export interface CountServer {
  server: RunningServer;
  /** GET /v1/counts, held when `since` is the current cursor. */
  counts(since?: string, waitSeconds?: number): Promise<CountsAnswer>;
  /** Long-polls until `test` holds for the answer; rejects after `timeoutMs` with the last answer. */
  waitFor(test: (mailboxes: Map<string, Mailbox>) => boolean, timeoutMs?: number): Promise<Map<string, Mailbox>>;
  stop(): Promise<void>;
}

export async function startCountServer(sources: object[], options: { logger?: object } = {}): Promise<CountServer> {
  const config = parseConfig({
    listen: { host: '127.0.0.1', port: 0 },
    clients: [{ name: 'test', token: clientToken, mailboxes: '*' }],
    sources,
  }, { env: {} });
  const server = await startServer({ config, sourceSpacingMs: 20, ...(options.logger ? { logger: options.logger } : {}) });

  const counts = async (since?: string, waitSeconds = 30): Promise<CountsAnswer> => {
    const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}&wait=${waitSeconds}`;
    const response = await fetch(`${server.url}/v1/counts${query}`, { headers: { authorization: `Bearer ${clientToken}` } });
    if (response.status !== 200) throw new Error(`GET /v1/counts: ${response.status} ${await response.text()}`);
    return (await response.json()) as CountsAnswer;
  };

  return {
    server,
    counts,
    async waitFor(test, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let answer = await counts();
      for (;;) {
        const byId = new Map(answer.mailboxes.map((m) => [m.id, m]));
        if (test(byId)) return byId;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`not reached within ${timeoutMs} ms; last: ${JSON.stringify(answer.mailboxes)}`);
        answer = await counts(answer.cursor, Math.max(1, Math.ceil(left / 1000)));
      }
    },
    stop: () => server.stop(),
  };
}
