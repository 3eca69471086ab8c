import type { AppContext } from '../http/app-context.ts';
import type { ServerConfig } from '../config/server-config.ts';
import type { ClientConfig } from '../tokens/client-tokens.ts';

/** Fields a running server cannot change: where it listens, and what its HTTP server and store were made with. */
const restartOnly = ['listen', 'limits.maxMailboxes', 'limits.headersSeconds', 'limits.requestSeconds', 'compat.getPhp', 'http.pollFront'] as const;

/**
 * Applies a reloaded config to a running app: new tokens, declared mailboxes
 * and limits take effect at once. Held polls of clients whose entry is the
 * same stay held; those of a client removed or changed are answered 503
 * `access_changed` with `Retry-After: 1`, and come back under the new config.
 * Returns the restart-only fields that changed; they keep their old values.
 */
export async function applyConfig(context: AppContext, next: ServerConfig): Promise<string[]> {
  const { config: current, store, heldPolls } = context;
  const unchanged = new Set(next.clients.filter((c) => isSameClient(current.clients.find((o) => o.name === c.name), c)).map((c) => c.name));

  context.clientTokens.replace(next.clients);
  context.ingestTokens.replace(next.ingest);
  heldPolls.setLimit(next.limits.heldPollsPerToken);
  // A signed token's poll ends too, as it always has: its token is checked again, under the keys and deny list now.
  heldPolls.endWhere((key) => key.startsWith('signed:') || (key.startsWith('client:') && !unchanged.has(key.slice('client:'.length))));

  const declaredIn = (config: ServerConfig) => new Set([...config.sources.flatMap((s) => s.mailboxes), ...config.mailboxes].map((m) => m.id));
  const stillDeclared = declaredIn(next);
  for (const source of next.sources) await store.declare(source.mailboxes);
  await store.declare(next.mailboxes);
  await store.forget([...declaredIn(current)].filter((id) => !stillDeclared.has(id)));

  const needsRestart = restartOnly.filter((field) => JSON.stringify(valueAt(current, field)) !== JSON.stringify(valueAt(next, field)));
  // In place: routes hold this object and read it per request.
  Object.assign(current, {
    ...next,
    listen: current.listen,
    compat: current.compat,
    // Only the front is built in; which origins and how events are served apply at once.
    http: { ...next.http, pollFront: current.http.pollFront },
    limits: { ...next.limits, maxMailboxes: current.limits.maxMailboxes, headersSeconds: current.limits.headersSeconds, requestSeconds: current.limits.requestSeconds },
  });
  return needsRestart;
}

function isSameClient(old: ClientConfig | undefined, next: ClientConfig): boolean {
  return old !== undefined && old.digest.equals(next.digest) && JSON.stringify(old.view) === JSON.stringify(next.view);
}

function valueAt(config: ServerConfig, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], config);
}
