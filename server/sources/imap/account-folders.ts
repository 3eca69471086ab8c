import { ImapFlow, type ListResponse } from 'imapflow';
import { MAX_FOLDER_LENGTH, MAX_FOLDERS, type ServerFolder, type SpecialUse } from '../../../common/folder-choice.ts';
import { probeSignIn, type ProbeOptions, type ProbeOutcome, type ProbeTarget } from './account-probe.ts';
import { clientOptions } from './client-options.ts';
import { describeFailure } from './imap-error.ts';

/**
 * What listing an account's folders found: the folders, or why not, in the
 * probe's own kinds (account-probe.ts) so the app words both alike.
 */
export type FolderListOutcome = (
  | { outcome: 'listed'; target: ProbeTarget; folders: ServerFolder[] }
  | Extract<ProbeOutcome, { outcome: 'refused-entry' | 'token-failed' | 'timed-out' | 'failed' }>
) & { rotatedRefreshToken?: string };

const specialUses: Record<string, SpecialUse> = {
  '\\Inbox': 'inbox', '\\Sent': 'sent', '\\Drafts': 'drafts', '\\Junk': 'junk', '\\Trash': 'trash',
  '\\Archive': 'archive', '\\All': 'all', '\\Flagged': 'flagged',
};

/**
 * For the folder picker: signs in as the account's entry says and LISTs its
 * folders with their special-use flags (RFC 6154; where the server has no
 * SPECIAL-USE, imapflow recognises the usual names). Names come back in their
 * own script: imapflow decodes IMAP's modified UTF-7. Nothing is selected, so
 * listing works even when the counted folder is gone.
 */
export async function listAccountFolders(entry: Record<string, unknown>, options: ProbeOptions = {}): Promise<FolderListOutcome> {
  const signedIn = await probeSignIn(entry, options);
  if ('outcome' in signedIn) return signedIn;
  const { config, accessToken, rotatedRefreshToken } = signedIn;
  const target: ProbeTarget = { host: config.host, port: config.port, user: config.user, folder: '', isOAuth: accessToken !== undefined };
  const client = (options.createClient ?? ((o) => new ImapFlow(o)))(clientOptions(config, accessToken));
  // An 'error' event without a listener would end the process; the rejected command says what went wrong.
  client.on('error', () => {});
  let cancel = () => {};
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timedOut = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    cancel = () => clearTimeout(timer);
  });
  const done = (outcome: FolderListOutcome): FolderListOutcome => (rotatedRefreshToken === undefined ? outcome : { ...outcome, rotatedRefreshToken });
  try {
    const listed = await Promise.race([client.connect().then(() => client.list()), timedOut]);
    if (listed === 'timeout') return done({ outcome: 'timed-out', target, timeoutMs });
    return done({ outcome: 'listed', target, folders: serverFolders(listed) });
  } catch (error) {
    const { host, port, user } = config;
    return done({
      outcome: 'failed', target, failure: describeFailure(error, { host, port, user }),
      code: (error as { code?: unknown } | undefined)?.code, isFolderFailure: false,
    });
  } finally {
    cancel();
    await Promise.race([client.logout().catch(() => {}), new Promise((resolve) => { setTimeout(resolve, 3000).unref(); })]);
    client.close();
  }
}

/** imapflow's listing as the picker takes it, bounded: a server's answer is not trusted to be small. */
export function serverFolders(listed: readonly ListResponse[]): ServerFolder[] {
  return listed
    .filter((f) => f.path.length > 0 && f.path.length <= MAX_FOLDER_LENGTH)
    .slice(0, MAX_FOLDERS)
    .map((f) => {
      const flags = new Set([...f.flags].map((flag) => flag.toLowerCase()));
      const folder: ServerFolder = {
        path: f.path,
        name: f.name || f.path,
        depth: f.parent.length,
        isSelectable: !flags.has('\\noselect') && !flags.has('\\nonexistent'),
      };
      const use = f.path.toUpperCase() === 'INBOX' ? 'inbox' : f.specialUse && specialUses[f.specialUse];
      if (use) folder.specialUse = use;
      return folder;
    });
}
