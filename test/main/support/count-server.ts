import { parseConfig } from '../../../server/config.ts';
import { startServer, type RunningServer } from '../../../server/start.ts';
import { newToken } from '../../../server/tokens.ts';

export interface TestServer {
  server: RunningServer;
  token: string;
  url: string;
  port: number;
  setCount(id: string, count: number): Promise<void>;
  stop(): Promise<void>;
}

/** A real count server on 127.0.0.1 with a client token that sees Work and Home. */
export async function startCountServer(options: { port?: number; token?: string } = {}): Promise<TestServer> {
  const token = options.token ?? newToken().token;
  const config = parseConfig({
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    clients: [{ name: 'test-app', token, mailboxes: '*' }],
    mailboxes: [{ id: 'work', name: 'Work' }, { id: 'home', name: 'Home' }],
  });
  const server = await startServer({ config });
  return {
    server,
    token,
    url: server.url,
    port: server.port,
    async setCount(id, count) {
      await server.store.set({ id, count, state: 'ok' });
    },
    stop: () => server.stop(),
  };
}
