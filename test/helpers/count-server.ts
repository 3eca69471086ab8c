import { parseConfig } from '../../server/config/server-config.ts';
import { startServer, type RunningServer } from '../../server/run/start.ts';
import { newToken } from '../../server/tokens/token-table.ts';

export const tokens = {
  ann: 'ann-token-0123456789abcdef',
  bob: 'bob-token-0123456789abcdef',
  ops: 'ops-token-0123456789abcdef',
  ingest: 'ingest-token-0123456789abcdef',
};

/** A config with two people, a watch-everything client and one ingest token. */
export function testConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    clients: [
      { name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann', 'ann-work'] },
      { name: 'bob-laptop', token: tokens.bob, mailboxes: ['bob'] },
      { name: 'ops', token: tokens.ops, mailboxes: '*' },
    ],
    ingest: [{ name: 'mail-db', token: tokens.ingest }],
    mailboxes: [{ id: 'ann', name: 'Ann' }, { id: 'ann-work', name: 'Ann (work)' }, { id: 'bob', name: 'Bob' }],
    ...overrides,
  };
}

export async function startTestServer(overrides: Record<string, unknown> = {}): Promise<TestServer> {
  return new TestServer(await startServer({ config: parseConfig(testConfig(overrides)) }));
}

export type AppServer = TestServer & { token: string };

/**
 * A server as the app sees one: a single client token (`token`) that sees
 * every mailbox, with Work and Home declared. `port` lets a test restart it
 * where the app keeps polling.
 */
export async function startAppServer(options: { port?: number; token?: string } = {}): Promise<AppServer> {
  const token = options.token ?? newToken().token;
  const server = await startTestServer({
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    clients: [{ name: 'test-app', token, mailboxes: '*' }],
    mailboxes: [{ id: 'work', name: 'Work' }, { id: 'home', name: 'Home' }],
  });
  return Object.assign(server, { token });
}

/** A running count server with the calls tests make, over real HTTP. */
export class TestServer {
  readonly server: RunningServer;

  constructor(server: RunningServer) {
    this.server = server;
  }

  get url(): string {
    return this.server.url;
  }

  get port(): number {
    return this.server.port;
  }

  poll(token: string, query = '', init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}/v1/counts${query}`, { ...init, headers: { Authorization: `Bearer ${token}` } });
  }

  async counts(token: string, query = ''): Promise<CountsBody> {
    const response = await this.poll(token, query);
    if (response.status !== 200) throw new Error(`GET /v1/counts answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as CountsBody;
  }

  put(id: string, body: unknown, token = tokens.ingest): Promise<Response> {
    return fetch(`${this.url}/v1/mailboxes/${id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async setCount(id: string, count: number): Promise<void> {
    const response = await this.put(id, { count });
    if (response.status !== 200) throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
  }

  metric(name: string): Promise<number> {
    return metricAt(this.url, name);
  }

  /** How many polls the server holds now: wait for a poll to be held instead of sleeping and hoping it is. */
  heldPolls(): Promise<number> {
    return this.metric('mailtray_held_polls');
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

export interface CountsBody {
  cursor: string;
  mailboxes: Array<{ id: string; name: string; count: number; state: string; error?: string; changedAt: string }>;
}

/** One value from a server's /metrics (no metrics token), by its name with labels: `mailtray_polls_ended_total{how="change"}`. */
export async function metricAt(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`no metric ${name}`);
  return Number(line.split(' ').pop());
}

/** Resolves after `ms`; for giving a request time to be registered as held. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
