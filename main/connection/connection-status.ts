import type { BundledServerStatus } from '../bundled/bundled-server-supervisor.ts';
import type { ConnectionStatus, ServerLabel } from '../ipc-contract.ts';
import type { PollerStatus } from './poller-options.ts';

/**
 * The one connection state the window and tray show. With the bundled server,
 * its own outage (starting, restarting) comes first: the poller cannot be
 * live without it.
 */
export function connectionStatus(
  server: ServerLabel, poller: PollerStatus, supervisor: BundledServerStatus | undefined,
): ConnectionStatus {
  if (server.mode === 'bundled' && supervisor && supervisor.state !== 'running') {
    if (supervisor.state === 'restarting') {
      return { state: 'retrying', server, reason: supervisor.reason, nextTryAt: supervisor.nextTryAt };
    }
    return { state: 'connecting', server };
  }
  switch (poller.state) {
    case 'stopped':
    case 'connecting':
      return { state: 'connecting', server };
    case 'live':
    case 'offline':
      return { state: poller.state, server };
    case 'retrying':
      return { state: 'retrying', server, reason: poller.reason, nextTryAt: poller.nextTryAt };
    case 'auth-failed':
      return { state: 'auth-failed', server, reason: poller.reason };
  }
}
