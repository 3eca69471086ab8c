import { createServer, type ServerResponse } from 'node:http';

export interface HostileServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A "count server" on 127.0.0.1 at a port the OS picks that answers every
 * first poll (no `since`) with `body`, as a broken or hostile remote server
 * might, and holds every later poll, as a real server holds one until a
 * change. It checks no token.
 */
export async function startHostileServer(body: string): Promise<HostileServer> {
  const held = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname !== '/v1/counts') {
      response.writeHead(404).end();
      return;
    }
    if (url.searchParams.has('since')) {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A body like a server's answer: `cursor` and these mailboxes. */
export function answerBody(mailboxes: unknown[]): string {
  return JSON.stringify({ cursor: 'hostile1.1', mailboxes });
}
