import { ConfigError } from '../../server/config-check.ts';
import { parseConfig } from '../../server/config.ts';
import type { MailboxUpdate } from '../../server/mailbox.ts';
import { sourceTypes } from '../../server/sources/index.ts';
import { startServer, type RunningServer } from '../../server/start.ts';

/** app -> bundled server process */
export type ToServerHost = { type: 'start'; config: unknown } | { type: 'stop' };
/** bundled server process -> app */
export type FromServerHost = { type: 'listening'; port: number } | { type: 'failed'; message: string } | { type: 'stopped' };

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
      start(message.config).then((running) => {
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

async function start(raw: unknown): Promise<RunningServer> {
  const { config, unsupported } = withoutUnknownSources(raw);
  const parsed = parseConfig(config, { env: {} });
  const server = await startServer({ config: parsed });
  // A mailbox whose source this build cannot run says so, instead of staying "pending" for ever.
  const updates: MailboxUpdate[] = unsupported.map(({ mailbox, type }) => ({
    id: mailbox, state: 'error', error: `this Mailtray build cannot watch ${type} mailboxes yet`,
  }));
  if (updates.length > 0) await server.store.setMany(updates);
  return server;
}

function withoutUnknownSources(raw: unknown): { config: unknown; unsupported: Array<{ mailbox: string; type: string }> } {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { sources?: unknown }).sources)) {
    if (raw === undefined) throw new ConfigError('', 'no config was sent');
    return { config: raw, unsupported: [] };
  }
  const sources = (raw as { sources: Array<{ type?: unknown; mailbox?: unknown }> }).sources;
  const known = new Set(sourceTypes.map((t) => t.type));
  return {
    config: { ...raw, sources: sources.filter((s) => known.has(String(s.type))) },
    unsupported: sources.filter((s) => !known.has(String(s.type))).map((s) => ({ mailbox: String(s.mailbox), type: String(s.type) })),
  };
}
