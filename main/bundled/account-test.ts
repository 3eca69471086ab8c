import { checkSourceEntry } from '../../server/config/config-schema.ts';
import { probeAccount, type ProbeOptions, type ProbeOutcome } from '../../server/sources/imap/account-probe.ts';
import type { AccountTestResult as WindowResult } from '../ipc-contract.ts';

/** What the window gets, and a refresh token the provider rotated on the way, for main to keep. */
export type AccountTestResult = WindowResult & { rotatedRefreshToken?: string };

export type AccountTestOptions = ProbeOptions;

/**
 * "Test account" in the form: the IMAP source's own probe of the entry the
 * bundled server would get for this account (one real login, one count), in
 * plain words. Nothing is saved; a refresh token the provider rotates on the
 * way is handed back to be kept.
 */
export async function testAccount(entry: Record<string, unknown>, options: AccountTestOptions = {}): Promise<AccountTestResult> {
  // The same schema check the config file's entry gets (ranges, choices, defaults), which the probe's reader relies on.
  const checked = { ...entry, type: 'imap' };
  const problems = checkSourceEntry(checked);
  const probed: ProbeOutcome = problems.length > 0 ? { outcome: 'refused-entry', problems } : await probeAccount(checked, options);
  const result = inWords(probed);
  return probed.rotatedRefreshToken === undefined ? result : { ...result, rotatedRefreshToken: probed.rotatedRefreshToken };
}

function inWords(probed: ProbeOutcome): AccountTestResult {
  switch (probed.outcome) {
    case 'counted': {
      const { unseen, target: { user, folder } } = probed;
      return { ok: true, unseen, message: `Signed in as ${user}: ${unseen} unread in ${folder}.` };
    }
    case 'refused-entry': {
      // The certificate file is the form's "ca" field: its problems point at the certificate chooser.
      const problem = probed.problems.some((p) => p.at === 'ca') ? 'certificate' : 'setup';
      return { ok: false, problem, message: capitalised(probed.problems.map((p) => p.problem).join('; ')) };
    }
    case 'token-failed': {
      const { failure } = probed;
      return failure.kind === 'revoked'
        ? { ok: false, problem: 'consent', message: 'Mail access was withdrawn or has expired: sign in again.' }
        : { ok: false, problem: failure.kind === 'setup' ? 'setup' : 'other', message: capitalised(failure.message) };
    }
    case 'timed-out':
      return { ok: false, problem: 'timeout', message: `${probed.target.host} did not answer within ${Math.round(probed.timeoutMs / 1000)} s.` };
    case 'uncounted':
      return { ok: false, problem: 'folder', message: `Signed in, but the folder "${probed.target.folder}" cannot be counted.` };
    case 'failed':
      return failureInWords(probed);
  }
}

function failureInWords({ target: { host, port, user, isOAuth }, failure, code, isFolderFailure }: Extract<ProbeOutcome, { outcome: 'failed' }>): AccountTestResult {
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
      return isFolderFailure
        ? { ok: false, problem: 'folder', message: `No such folder: ${failure.words.replace(/\.$/, '')}.` }
        : { ok: false, problem: 'setup', message: `${capitalised(failure.words)}.` };
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
