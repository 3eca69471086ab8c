import { realTimers } from '../../../common/timers.ts';
import { ConfigError, type ConfigProblem } from '../../config-check.ts';
import { refreshAccessToken, TokenFailure } from '../imap/token-endpoint.ts';
import { GraphClient, type TokenSource } from './graph-client.ts';
import { parseGraphConfig, type GraphConfig } from './graph-config.ts';
import { describeGraphFailure, type GraphFailure } from './graph-error.ts';
import { GraphFolder } from './graph-folder.ts';

export interface GraphProbeOptions {
  /** An access token a sign-in just brought: used first, so a rotating provider is not asked for another refresh token. */
  accessToken?: string;
  timeoutMs?: number;
}

/**
 * What one probe found, as facts for the caller to word (as the IMAP probe's):
 * the folder's unread count, the entry's problems, a refresh that failed, or
 * the Graph source's own failure kind and words.
 */
export type GraphProbeOutcome = (
  | { outcome: 'counted'; user: string; folder: string; unseen: number }
  | { outcome: 'refused-entry'; problems: readonly ConfigProblem[] }
  | { outcome: 'token-failed'; failure: TokenFailure }
  | { outcome: 'failed'; host: string; user: string; failure: GraphFailure }
) & { rotatedRefreshToken?: string };

/**
 * "Test account" for a Graph account: the entry the bundled server would get
 * (checked by the config schema first, the caller's part), read by the Graph
 * source's reader, then its first folder's unread count asked once (no delta round). Nothing is
 * kept; a refresh token rotated on the way is handed back to be saved.
 */
export async function probeGraphAccount(entry: Record<string, unknown>, options: GraphProbeOptions = {}): Promise<GraphProbeOutcome> {
  let config: GraphConfig;
  try {
    config = parseGraphConfig({ ...entry, type: 'graph', mailbox: 'account-probe' }, '', {});
  } catch (error) {
    return { outcome: 'refused-entry', problems: error instanceof ConfigError ? error.problems : [{ at: '', problem: String(error) }] };
  }
  let rotatedRefreshToken: string | undefined;
  const refresh = async () => {
    const grant = await refreshAccessToken(config.auth, rotatedRefreshToken ?? config.auth.refreshToken.reveal());
    rotatedRefreshToken = grant.refreshToken ?? rotatedRefreshToken;
    return grant.accessToken;
  };
  let given = options.accessToken;
  const tokens: TokenSource = {
    current: () => given === undefined ? refresh() : Promise.resolve(given),
    renew: () => {
      given = undefined;
      return refresh();
    },
  };
  const client = new GraphClient({
    graphUrl: config.graphUrl, tokens, timers: realTimers, signal: () => new AbortController().signal, timeoutMs: options.timeoutMs ?? 20_000,
  });
  const folder = new GraphFolder(config.folders[0]!);
  const user = config.user ?? '';
  let found: GraphProbeOutcome;
  try {
    await folder.readCount(client);
    found = { outcome: 'counted', user, folder: folder.name, unseen: folder.count };
  } catch (error) {
    found = error instanceof TokenFailure
      ? { outcome: 'token-failed', failure: error }
      : { outcome: 'failed', host: new URL(config.graphUrl).host, user, failure: describeGraphFailure(error, config) };
  }
  return rotatedRefreshToken === undefined ? found : { ...found, rotatedRefreshToken };
}
