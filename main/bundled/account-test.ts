import { ConfigError } from '../../server/config-check.ts';
import { parseImapConfig, type ImapConfig } from '../../server/sources/imap/imap-config.ts';
import { describeFailure } from '../../server/sources/imap/imap-error.ts';
import { ImapSession, type CreateClient, type FolderCount } from '../../server/sources/imap/imap-session.ts';
import { refreshAccessToken, TokenFailure } from '../../server/sources/imap/token-endpoint.ts';

export type AccountTestProblem = 'auth' | 'consent' | 'dns' | 'refused' | 'certificate' | 'folder' | 'timeout' | 'setup' | 'other';

export type AccountTestResult =
  | { ok: true; unseen: number; message: string; rotatedRefreshToken?: string }
  | { ok: false; problem: AccountTestProblem; message: string; rotatedRefreshToken?: string };

export interface AccountTestOptions {
  /** An access token the sign-in just brought: used instead of a refresh, which a rotating provider would answer with a new refresh token. */
  accessToken?: string;
  timeoutMs?: number;
  createClient?: CreateClient;
}

/**
 * "Test account" in the form: the IMAP source entry the bundled server would
 * get for this account, read by the server's own reader, then one real login
 * and one count of the folder, in plain words. Nothing is saved; a refresh
 * token the provider rotates on the way is handed back to be kept.
 */
export async function testAccount(entry: Record<string, unknown>, options: AccountTestOptions = {}): Promise<AccountTestResult> {
  let config: ImapConfig;
  try {
    config = parseImapConfig({ ...entry, type: 'imap', mailbox: 'account-test' }, '', {});
  } catch (error) {
    const problem = error instanceof ConfigError ? error.problems.map((p) => p.problem).join('; ') : String(error);
    // A problem with the "ca" field is the certificate's, said by where it is, not by reading its words.
    const isCertificate = error instanceof ConfigError && error.problems.some((p) => p.at === 'ca' || p.at.endsWith('.ca'));
    return { ok: false, problem: isCertificate ? 'certificate' : 'setup', message: capitalised(problem) };
  }
  let accessToken = options.accessToken;
  let rotatedRefreshToken: string | undefined;
  if (config.auth.kind === 'oauth2' && accessToken === undefined) {
    try {
      const grant = await refreshAccessToken(config.auth, config.auth.refreshToken.reveal());
      accessToken = grant.accessToken;
      rotatedRefreshToken = grant.refreshToken;
    } catch (error) {
      const failure = error instanceof TokenFailure ? error : new TokenFailure('connection', String(error));
      return failure.kind === 'revoked'
        ? { ok: false, problem: 'consent', message: 'Mail access was withdrawn or has expired: sign in again.' }
        : { ok: false, problem: failure.kind === 'setup' ? 'setup' : 'other', message: capitalised(failure.message) };
    }
  }
  const result = await countOnce(config, accessToken, options);
  return rotatedRefreshToken === undefined ? result : { ...result, rotatedRefreshToken };
}

async function countOnce(config: ImapConfig, accessToken: string | undefined, options: AccountTestOptions): Promise<AccountTestResult> {
  const folder = config.mailboxes[0]!.folders[0]!;
  let counted: FolderCount | undefined;
  const session = new ImapSession(config, { onCounts: (counts) => { counted ??= counts.get(folder); }, onHeard: () => {} },
    options.createClient, accessToken);
  let cancel = () => {};
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timedOut = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    cancel = () => clearTimeout(timer);
  });
  try {
    const outcome = await Promise.race([session.open().then(() => 'open' as const), timedOut]);
    if (outcome === 'timeout') {
      return { ok: false, problem: 'timeout', message: `${config.host} did not answer within ${Math.round(timeoutMs / 1000)} s.` };
    }
    if (!counted || 'problem' in counted) {
      return { ok: false, problem: 'folder', message: `Signed in, but the folder "${folder}" cannot be counted.` };
    }
    const n = counted.unseen;
    return { ok: true, unseen: n, message: `Signed in as ${config.user}: ${n} unread in ${folder}.` };
  } catch (error) {
    return inWords(error, config, accessToken !== undefined);
  } finally {
    cancel();
    await session.close(true).catch(() => {});
  }
}

function inWords(error: unknown, config: ImapConfig, isOAuth: boolean): AccountTestResult {
  const { host, port, user } = config;
  const failure = describeFailure(error, { host, port, user });
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (failure.kind) {
    case 'auth':
      return isOAuth
        ? { ok: false, problem: 'consent', message: `${host} refused the sign-in for ${user}: mail access may not have been granted. Sign in again and allow mail access.` }
        : { ok: false, problem: 'auth', message: `Wrong user name or password: ${failure.words}.` };
    case 'certificate':
      return { ok: false, problem: 'certificate', message: `Certificate problem: ${failure.words.replace(/set "ca" to/g, 'choose')}.` };
    case 'limit':
      return { ok: false, problem: 'other', message: `${capitalised(failure.words)}; close other mail apps or try again later.` };
    case 'folder':
      return { ok: false, problem: 'folder', message: `No such folder: ${failure.words.replace(/\.$/, '')}.` };
    case 'setup':
      return { ok: false, problem: 'setup', message: `${capitalised(failure.words)}.` };
    case 'connection':
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, problem: 'dns', message: `No such host: ${host} could not be found.` };
      if (code === 'ECONNREFUSED') return { ok: false, problem: 'refused', message: `Nothing answers at ${host}:${port} (connection refused).` };
      return { ok: false, problem: 'other', message: `${capitalised(failure.words)}.` };
  }
}

/** The first letter up, and no full stop: each message adds its own. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
}
