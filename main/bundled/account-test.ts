import { checkSourceEntry } from '../../server/config/config-schema.ts';
import { probeGraphAccount, type GraphProbeOutcome } from '../../server/sources/graph/graph-probe.ts';
import { listAccountFolders } from '../../server/sources/imap/account-folders.ts';
import { probeAccount, type ProbeOptions, type ProbeOutcome } from '../../server/sources/imap/account-probe.ts';
import type { FolderListResult as WindowFolders, AccountTestResult as WindowResult } from '../ipc-contract.ts';

/** What the window gets, and a refresh token the provider rotated on the way, for main to keep. */
export type AccountTestResult = WindowResult & { rotatedRefreshToken?: string };

export type AccountTestOptions = ProbeOptions;

/**
 * "Test account" in the form: the IMAP source's own probe of the entry the
 * bundled server would get for this account (one real login, one count), as
 * `Words` the window says in its language. Nothing is saved; a refresh token
 * the provider rotates on the way is handed back to be kept.
 */
export async function testAccount(entry: Record<string, unknown>, options: AccountTestOptions = {}): Promise<AccountTestResult> {
  // The same schema check the config file's entry gets (ranges, choices, defaults), which the probe's reader relies on.
  const checked = { ...entry, type: entry.type === 'graph' ? 'graph' : 'imap' };
  const problems = checkSourceEntry(checked);
  const isGraph = checked.type === 'graph';
  const probed: ProbeOutcome | GraphProbeOutcome = problems.length > 0 ? { outcome: 'refused-entry', problems }
    : isGraph ? await probeGraphAccount(checked, options) : await probeAccount(checked, options);
  const result = probed.outcome === 'failed' && 'host' in probed ? graphFailureInWords(probed) : inWords(probed as ProbeOutcome);
  return probed.rotatedRefreshToken === undefined ? result : { ...result, rotatedRefreshToken: probed.rotatedRefreshToken };
}

/** The account's folders for the picker, or why they cannot be listed, in the same words as "Test account". */
export type FolderListResult = WindowFolders & { rotatedRefreshToken?: string };

export async function listFolders(entry: Record<string, unknown>, options: AccountTestOptions = {}): Promise<FolderListResult> {
  const checked = { ...entry, type: 'imap' };
  const problems = checkSourceEntry(checked);
  if (problems.length > 0) return inWords({ outcome: 'refused-entry', problems }) as FolderListResult;
  const listed = await listAccountFolders(checked, options);
  const rotated = listed.rotatedRefreshToken === undefined ? {} : { rotatedRefreshToken: listed.rotatedRefreshToken };
  if (listed.outcome === 'listed') return { ok: true, folders: listed.folders, ...rotated };
  const { rotatedRefreshToken: _kept, ...result } = inWords(listed);
  return { ...(result as FolderListResult), ...rotated };
}

function inWords(probed: ProbeOutcome | Exclude<GraphProbeOutcome, { outcome: 'failed' }>): AccountTestResult {
  switch (probed.outcome) {
    case 'counted': {
      const { unseen } = probed;
      const { user, folder } = 'target' in probed ? probed.target : probed;
      return { ok: true, unseen, message: { key: 'account.test.counted', values: { user, unseen, folder } } };
    }
    case 'refused-entry': {
      // The certificate file is the form's "ca" field: its problems point at the certificate chooser.
      const isCertificate = probed.problems.some((p) => p.at === 'ca');
      const details = capitalised(probed.problems.map((p) => p.problem).join('; '));
      return isCertificate
        ? { ok: false, problem: 'certificate', message: { key: 'account.test.certificateFile', values: { details } } }
        : { ok: false, problem: 'setup', message: { key: 'account.test.entryRefused', values: { details } } };
    }
    case 'token-failed': {
      const { failure } = probed;
      return failure.kind === 'revoked'
        ? { ok: false, problem: 'consent', message: { key: 'account.test.accessWithdrawn' } }
        : { ok: false, problem: failure.kind === 'setup' ? 'setup' : 'other', message: { key: 'account.test.tokenFailed', values: { details: capitalised(failure.message) } } };
    }
    case 'timed-out':
      return { ok: false, problem: 'timeout', message: { key: 'account.test.timeout', values: { host: probed.target.host, seconds: Math.round(probed.timeoutMs / 1000) } } };
    case 'uncounted':
      return { ok: false, problem: 'folder', message: { key: 'account.test.folderNotCounted', values: { folder: probed.target.folder } } };
    case 'failed':
      return failureInWords(probed);
  }
}

/**
 * A failed login or count in the person's language: the kind picks the
 * sentence; the IMAP source's own words (English, as the server's log has
 * them) go in as its details, where they name what the kind cannot.
 */
function failureInWords({ target: { host, port, user, isOAuth }, failure, code, isFolderFailure }: Extract<ProbeOutcome, { outcome: 'failed' }>): AccountTestResult {
  const noFolder = (): AccountTestResult => ({ ok: false, problem: 'folder', message: { key: 'account.test.noFolder', values: { details: failure.words.replace(/\.$/, '') } } });
  switch (failure.kind) {
    case 'auth':
      return isOAuth
        ? { ok: false, problem: 'consent', message: { key: 'account.test.consentRefused', values: { host, user } } }
        : { ok: false, problem: 'auth', message: { key: 'account.test.wrongPassword', values: { details: failure.words } } };
    case 'certificate':
      return { ok: false, problem: 'certificate', message: { key: 'account.test.certificate', values: { details: failure.words.replace(/set "ca" to/g, 'choose') } } };
    case 'limit':
      return { ok: false, problem: 'other', message: { key: 'account.test.limit', values: { details: capitalised(failure.words) } } };
    case 'folder':
      return noFolder();
    case 'setup':
      return isFolderFailure ? noFolder() : { ok: false, problem: 'setup', message: { key: 'account.test.setup', values: { details: capitalised(failure.words) } } };
    case 'connection':
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, problem: 'dns', message: { key: 'account.test.hostNotFound', values: { host } } };
      // The port as it is written ("1143"), not as a number is ("1,143").
      if (code === 'ECONNREFUSED') return { ok: false, problem: 'refused', message: { key: 'account.test.refused', values: { host, port: String(port) } } };
      return { ok: false, problem: 'other', message: { key: 'account.test.connection', values: { details: capitalised(failure.words) } } };
  }
}

/** A Graph account's failure in the person's language: the same sentences as IMAP's kinds, Graph's words as their details. */
function graphFailureInWords({ host, user, failure }: Extract<GraphProbeOutcome, { outcome: 'failed' }>): AccountTestResult {
  const details = capitalised(failure.words);
  switch (failure.kind) {
    case 'auth-expired':
      return { ok: false, problem: 'consent', message: { key: 'account.test.accessWithdrawn' } };
    case 'auth':
      return { ok: false, problem: 'consent', message: { key: 'account.test.consentRefused', values: { host, user } } };
    case 'folder':
      return { ok: false, problem: 'folder', message: { key: 'account.test.noFolder', values: { details: failure.words.replace(/\.$/, '') } } };
    case 'limit':
      return { ok: false, problem: 'other', message: { key: 'account.test.limit', values: { details } } };
    case 'certificate':
      return { ok: false, problem: 'certificate', message: { key: 'account.test.certificate', values: { details: failure.words } } };
    case 'setup':
      return { ok: false, problem: 'setup', message: { key: 'account.test.setup', values: { details } } };
    case 'connection':
      return { ok: false, problem: 'other', message: { key: 'account.test.connection', values: { details } } };
  }
}

/** The first letter up, and no full stop: each message adds its own. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/\.$/, '');
}
