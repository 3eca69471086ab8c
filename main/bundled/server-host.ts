import { ConfigError } from '../../server/config-check.ts';
import { parseConfig } from '../../server/config/server-config.ts';
import { startServer, type RunningServer } from '../../server/run/start.ts';

/** app -> bundled server process */
export type ToServerHost = { type: 'start'; config: unknown } | { type: 'stop' };
/** bundled server process -> app */
export type FromServerHost =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped' }
  /** An account's provider rotated its refresh token: the app must seal and keep the new one. */
  | { type: 'refresh-token'; mailboxIds: string[]; refreshToken: string };

/** The message channel of the process the server runs in: Electron's parentPort, or a worker's in tests. */
export interface HostChannel {
  onMessage(listener: (message: ToServerHost) => void): void;
  postMessage(message: FromServerHost): void;
}

/**
 * Runs the count server inside the bundled server process: waits for its
 * config on the channel, starts it, reports the port, stops on request.
 */
export function runServerHost(channel: HostChannel, exit: (code: number) => void): void {
  let server: RunningServer | undefined;
  channel.onMessage((message) => {
    if (message.type === 'start' && !server) {
      const onRefreshToken = (mailboxIds: string[], refreshToken: string) => {
        channel.postMessage({ type: 'refresh-token', mailboxIds, refreshToken });
      };
      start(message.config, onRefreshToken).then((running) => {
        server = running;
        channel.postMessage({ type: 'listening', port: running.port });
      }, (error: unknown) => {
        channel.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        exit(1);
      });
    }
    if (message.type === 'stop') {
      const stopping = server ? server.stop() : Promise.resolve();
      stopping.finally(() => {
        channel.postMessage({ type: 'stopped' });
        exit(0);
      });
    }
  });
}

async function start(raw: unknown, onRefreshToken: (mailboxIds: string[], refreshToken: string) => void): Promise<RunningServer> {
  if (raw === undefined) throw new ConfigError('', 'no config was sent');
  return startServer({ config: parseConfig(raw, { env: {} }), onRefreshToken });
}
