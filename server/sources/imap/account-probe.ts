import { ConfigError, type ConfigProblem } from '../../config-check.ts';
import { parseImapConfig, type ImapConfig } from './imap-config.ts';
import { describeFailure, type Failure } from './imap-error.ts';
import type { FolderCount } from './folder-counts.ts';
import { ImapSession, type CreateClient } from './imap-session.ts';
import { refreshAccessToken, TokenFailure } from './token-endpoint.ts';
import { countKey } from './folder-counts.ts';

export type { CreateClient } from './imap-session.ts';

export interface ProbeOptions {
  /** An access token a sign-in just brought: used instead of a refresh, which a rotating provider would answer with a new refresh token. */
  accessToken?: string;
  timeoutMs?: number;
  createClient?: CreateClient;
}

/** Where the probe went: host, port and user as the reader took them from the entry. */
export interface ProbeTarget {
  host: string;
  port: number;
  user: string;
  folder: string;
  isOAuth: boolean;
}

/**
 * What one probe found, as facts for the caller to word:
 * - `counted`: signed in and counted the folder;
 * - `refused-entry`: the source's reader refused the entry (its problems, each with its field);
 * - `token-failed`: the OAuth2 refresh failed;
 * - `timed-out`: no answer within the time;
 * - `uncounted`: signed in, but the folder gave no count;
 * - `failed`: connecting, logging in or opening the folder failed, in the source's own kind and words.
 */
export type ProbeOutcome = (
  | { outcome: 'counted'; target: ProbeTarget; unseen: number }
  | { outcome: 'refused-entry'; problems: readonly ConfigProblem[] }
  | { outcome: 'token-failed'; failure: TokenFailure }
  | { outcome: 'timed-out'; target: ProbeTarget; timeoutMs: number }
  | { outcome: 'uncounted'; target: ProbeTarget }
  | { outcome: 'failed'; target: ProbeTarget; failure: Failure; code: unknown; isFolderFailure: boolean }
) & { rotatedRefreshToken?: string };

/**
 * The IMAP source's one probe, for "Test account" in the app: the entry the
 * bundled server would get, read by this source's own reader, then one real
 * login and one count of its first folder. The entry must have passed the
 * config schema first (checkSourceEntry, which fills in its defaults): the
 * caller's part, as config/ sits above sources/. Nothing is kept; a refresh token the
 * provider rotates on the way is handed back to be saved.
 */
export async function probeAccount(entry: Record<string, unknown>, options: ProbeOptions = {}): Promise<ProbeOutcome> {
  let config: ImapConfig;
  try {
    config = parseImapConfig({ ...entry, type: 'imap', mailbox: 'account-probe' }, '', {});
  } catch (error) {
    return { outcome: 'refused-entry', problems: error instanceof ConfigError ? error.problems : [{ at: '', problem: String(error) }] };
  }
  let accessToken = options.accessToken;
  let rotatedRefreshToken: string | undefined;
  if (config.auth.kind === 'oauth2' && accessToken === undefined) {
    try {
      const grant = await refreshAccessToken(config.auth, config.auth.refreshToken.reveal());
      accessToken = grant.accessToken;
      rotatedRefreshToken = grant.refreshToken;
    } catch (error) {
      return { outcome: 'token-failed', failure: error instanceof TokenFailure ? error : new TokenFailure('connection', String(error)) };
    }
  }
  const found = await countOnce(config, accessToken, options);
  return rotatedRefreshToken === undefined ? found : { ...found, rotatedRefreshToken };
}

async function countOnce(config: ImapConfig, accessToken: string | undefined, options: ProbeOptions): Promise<ProbeOutcome> {
  const folder = config.mailboxes[0]!.folders[0]!;
  const key = countKey(folder, config.mailboxes[0]!.filter);
  const target: ProbeTarget = { host: config.host, port: config.port, user: config.user, folder, isOAuth: accessToken !== undefined };
  let counted: FolderCount | undefined;
  const session = new ImapSession(config, { onCounts: (counts) => { counted ??= counts.get(key); }, onHeard: () => {} },
    options.createClient, accessToken);
  let cancel = () => {};
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timedOut = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    cancel = () => clearTimeout(timer);
  });
  try {
    const opened = await Promise.race([session.open().then(() => 'open' as const), timedOut]);
    if (opened === 'timeout') return { outcome: 'timed-out', target, timeoutMs };
    if (!counted || 'problem' in counted) return { outcome: 'uncounted', target };
    return { outcome: 'counted', target, unseen: counted.unseen };
  } catch (error) {
    const { host, port, user } = config;
    return {
      outcome: 'failed', target, failure: describeFailure(error, { host, port, user }),
      code: (error as { code?: unknown } | undefined)?.code,
      isFolderFailure: (error as { folderFailed?: boolean } | undefined)?.folderFailed === true,
    };
  } finally {
    cancel();
    await session.close(true).catch(() => {});
  }
}
