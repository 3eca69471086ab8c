/**
 * A TCP proxy on 127.0.0.1 that can go silent: `freeze()` stops forwarding on
 * the connections open now without closing them, which is what a dead NAT
 * mapping or a suspended laptop looks like from the other end. New
 * connections pass as usual, unless `refuse(true)` has it close them at once
 * (a server that is down or unreachable for a while).
 */
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections open right now. */
  openConnections(): number;
  /** Connections made so far. */
  connectionsMade(): number;
  freeze(): void;
  refuse(isRefusing: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; isFrozen: boolean }>();
  let made = 0;
  let isRefusing = false;
  const server = createServer((client) => {
    if (isRefusing) {
      client.destroy();
      return;
    }
    made += 1;
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    const pair = { client, upstream, isFrozen: false };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) => from.on('data', (chunk) => { if (!pair.isFrozen) to.write(chunk); });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    openConnections: () => pairs.size,
    connectionsMade: () => made,
    freeze() {
      for (const pair of pairs) pair.isFrozen = true;
    },
    refuse(value) {
      isRefusing = value;
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
