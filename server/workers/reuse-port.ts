import { createServer } from 'node:net';

/**
 * Several worker processes listen on one port with SO_REUSEPORT, and the
 * kernel spreads new connections between them: no process passes sockets on
 * (node:cluster's round-robin sends every connection through its primary).
 * Node offers `reusePort` from 22.12 (and 23.1), and Linux balances such a
 * group of sockets; elsewhere the option fails or does not balance.
 */
export function workersProblem(workers: number, platform: string = process.platform, nodeVersion: string = process.versions.node): string | undefined {
  if (workers <= 1) return undefined;
  if (platform !== 'linux') {
    return `${workers} workers need Linux, whose kernel spreads connections over processes sharing a port (SO_REUSEPORT); this is ${platform}: set it to 1, or run several instances on a Redis store behind a proxy`;
  }
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12) || (major === 23 && minor < 1)) {
    return `${workers} workers need Node 22.12 or later (its reusePort option); this is Node ${nodeVersion}: set it to 1, or upgrade Node`;
  }
  return undefined;
}

/**
 * V8 flags for each worker. A worker holds a share of the polls, so its heap
 * is a fraction of one process's, and each mark-sweep marks only that share.
 * `--max-semi-space-size=2` is the single server's young generation (see
 * bin/mailtray-server.js): a held poll outlives many scavenges, and copying
 * thousands of them out of a large young generation pauses the server.
 * `--v8-pool-size=1`: by default each process starts GC helper threads for
 * every core; with one worker per core those threads of N processes fight
 * over the same N cores, so each worker keeps one.
 */
export const workerNodeFlags = ['--max-semi-space-size=2', '--v8-pool-size=1'];

/** The flags a worker runs with: this process's own (less debugger ones), then any of ours it lacks. */
export function workerExecArgv(own: readonly string[]): string[] {
  const kept = own.filter((flag) => !/^--inspect|^--debug/.test(flag));
  const named = (flag: string) => flag.split('=')[0]!;
  return [...kept, ...workerNodeFlags.filter((flag) => !kept.some((k) => named(k) === named(flag)))];
}

/**
 * Fails with EADDRINUSE when anything listens on the port already, another
 * server of this user sharing it with SO_REUSEPORT included: workers would
 * quietly join that server's port, and the two would share its clients.
 */
export async function ensurePortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen({ host, port }, resolve);
  });
  await new Promise((resolve) => probe.close(resolve));
}
