import { AccessTokens } from '../imap/access-tokens.ts';
import { realTimers } from '../../../common/timers.ts';
import { JmapAnswerError, JmapClient } from './jmap-client.ts';
import type { JsonObject } from '../../config-check.ts';
import { folderWords, parseJmapConfig, type JmapConfig } from './jmap-config.ts';
import { describeJmapFailure, type JmapFailure } from './jmap-error.ts';
import { readFolderList, resolveFolders } from './jmap-folders.ts';

/** What one look at a JMAP account found: its first mailbox's unread count, or why it could not be read. */
export type JmapProbe = { ok: true; unseen: number } | { ok: false; failure: JmapFailure };

/** The probe of an entry the config schema checked (the app's "Test account"): with the user and session address its words name. */
export async function probeJmapEntry(entry: JsonObject, timeoutMs?: number): Promise<JmapProbe & { user: string; sessionUrl: string }> {
  const config = parseJmapConfig(entry, '', {});
  return { ...await probeJmap(config, timeoutMs), user: config.user, sessionUrl: config.sessionUrl };
}

/**
 * "Test account" for a JMAP account: the session, then Mailbox/get, as the
 * source's first check does; nothing is kept and no push stream is opened.
 */
export async function probeJmap(config: JmapConfig, timeoutMs = 20_000): Promise<JmapProbe> {
  const { auth, user } = config;
  const tokens = auth.kind === 'oauth2' ? new AccessTokens(auth, { timers: realTimers }) : undefined;
  const client = new JmapClient(config, {
    authorization: async () => (auth.kind === 'password'
      ? `Basic ${Buffer.from(`${user}:${auth.secret.reveal()}`, 'utf8').toString('base64')}`
      : `Bearer ${tokens ? await tokens.current() : (auth as { secret: { reveal(): string } }).secret.reveal()}`),
    signal: () => AbortSignal.timeout(timeoutMs),
    timeoutMs,
  });
  try {
    const session = await client.session();
    const [[, answer]] = await client.call(session, [['Mailbox/get', {
      accountId: session.accountId, ids: null, properties: ['id', 'name', 'parentId', 'role', 'unreadEmails'],
    }, 'm']]);
    const folders = readFolderList(answer.list);
    if (!folders) throw new JmapAnswerError('the JMAP server answered Mailbox/get without a list of folders');
    const resolved = resolveFolders(config.mailboxes[0]!.folders, folders);
    if ('missing' in resolved) {
      const folder = 'name' in resolved.missing ? resolved.missing.name : resolved.missing.role;
      return { ok: false, failure: { kind: 'folder', words: `${user} has no ${folderWords(resolved.missing)}`, facts: { user, folder } } };
    }
    return { ok: true, unseen: resolved.unread };
  } catch (error) {
    return { ok: false, failure: describeJmapFailure(error, config) };
  } finally {
    tokens?.stop();
  }
}
