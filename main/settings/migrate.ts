import { isInbox } from '../../common/folder-choice.ts';
import { normaliseServerUrl } from '../../common/server-url.ts';
import type { Secrets } from '../secrets.ts';
import { clockTimeRule, keepsRule, MAX_MAILBOX_SETTINGS } from '../../common/settings-rules.ts';
import { defaultSettings, notificationOptionDefaults, SETTINGS_VERSION, type StoredSettings } from './stored-settings.ts';

/**
 * Version 0: the prototype's flat file, before accounts and a version field:
 * `{ "serverUrl": "...", "token": "<plain>", "notify": true,
 *    "quietHours": "22:00-07:00", "launchAtLogin": false }`.
 */
interface SettingsV0 {
  serverUrl?: unknown;
  token?: unknown;
  notify?: unknown;
  quietHours?: unknown;
  launchAtLogin?: unknown;
}

/**
 * Brings a settings file read from disk to the current layout. Each step
 * takes one version to the next, so a file of any age walks the whole way.
 * A file newer than this app is left as it is (the schema then decides).
 */
export function migrateSettings(raw: unknown, secrets: Secrets): StoredSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return defaultSettings();
  let settings = raw as Record<string, unknown>;
  if (settings.version === undefined) settings = fromV0(settings as SettingsV0, secrets) as unknown as Record<string, unknown>;
  if (settings.version === 1) settings = fromV1(settings);
  if (settings.version === 2) settings = fromV2(settings);
  if (settings.version === 3) settings = fromV3(settings);
  if (settings.version === 4) settings = fromV4(settings);
  // Later steps go here: if (settings.version === 5) settings = fromV5(settings); ...
  return settings as unknown as StoredSettings;
}

export function needsMigration(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { version?: unknown }).version !== SETTINGS_VERSION;
}

/**
 * Takes over what the current rules (rules.ts) accept, tidied as the window
 * would tidy it, and names the rest in `migrationProblems` for Settings to
 * show. The result always fits the schema, so the file is never set aside for
 * it, and a plain token is either sealed or dropped: none stays on disk.
 */
function fromV0(old: SettingsV0, secrets: Secrets): Record<string, unknown> {
  const settings: Record<string, unknown> & Omit<StoredSettings, 'servers'> = { ...defaultSettings(), version: 2 };
  delete (settings as { servers?: unknown }).servers;
  const problems: string[] = [];
  const token = typeof old.token === 'string' ? old.token.trim() : '';
  const typedUrl = typeof old.serverUrl === 'string' ? old.serverUrl.trim() : '';
  const url = typedUrl === '' ? undefined : normaliseServerUrl(typedUrl);
  settings.server = { mode: 'bundled', url: '', token: '' };
  if (url?.ok) {
    settings.server = { mode: 'remote', url: url.url, token: token ? secrets.seal(token) : '' };
  } else if (url) {
    problems.push(`Your earlier settings named the server "${shortened(typedUrl)}", which is not an address Mailtray can use, `
      + `so it${token ? ' and its token were' : ' was'} not kept. Enter them again in Settings, or use the bundled server.`);
  } else if (token) {
    problems.push('Your earlier settings had a token but no server address, so the token was not kept.');
  }
  if (typeof old.notify === 'boolean') settings.notifications.enabled = old.notify;
  if (old.quietHours !== undefined) {
    const [start, end] = typeof old.quietHours === 'string' ? old.quietHours.split('-').map((part) => part.trim()) : [];
    if (start && end && keepsRule(clockTimeRule, start) && keepsRule(clockTimeRule, end) && start !== end) {
      settings.notifications.quietHours = { enabled: true, start, end };
    } else {
      problems.push(`The quiet hours of your earlier settings (${shortened(JSON.stringify(old.quietHours))}) could not be read; set them again in Settings.`);
    }
  }
  if (typeof old.launchAtLogin === 'boolean') settings.general.launchAtLogin = old.launchAtLogin;
  if (problems.length > 0) settings.migrationProblems = problems;
  // A version 2 file, for the step to version 3 to take on.
  return settings;
}

/**
 * Version 1 to 2: the language setting (issue 21). A version 1 file gets
 * the default, the system's language: no one has chosen another yet. A file
 * whose `general` is broken keeps it broken, for the schema to name.
 */
function fromV1(settings: Record<string, unknown>): Record<string, unknown> {
  const { general } = settings;
  const isObject = typeof general === 'object' && general !== null && !Array.isArray(general);
  return {
    ...settings,
    version: 2,
    ...(isObject ? { general: { language: 'system', ...general } } : {}),
  };
}

/**
 * Version 2 to 3: the notification options of issue 23 (stay on screen,
 * reminders, what the badge shows, no "0", the attention cue), written out
 * off, as notifications behaved before them; a value already there (a file
 * written by a newer build and brought back) is kept. Per-mailbox rules need
 * no step: a mailbox without them follows the global settings. A broken
 * `notifications` stays broken, for the schema to name.
 */
function fromV2(settings: Record<string, unknown>): Record<string, unknown> {
  const { notifications } = settings;
  const isObject = typeof notifications === 'object' && notifications !== null && !Array.isArray(notifications);
  return {
    ...settings,
    version: 3,
    ...(isObject ? { notifications: { ...notificationOptionDefaults(), ...notifications } } : {}),
  };
}

/**
 * Version 3 to 4: folders picked, not typed (issue 22). An account's one
 * `folder` becomes its list of `folders`, and the choice it amounts to:
 * INBOX is "Inbox only", any other folder a chosen set of one. The server's
 * folders are not known yet (`knownFolders` left out), so the picker offers
 * no folder as new until the choice is saved again. An account that is
 * broken keeps what it has, for the schema to name.
 */
function fromV3(settings: Record<string, unknown>): Record<string, unknown> {
  const { accounts } = settings;
  if (!Array.isArray(accounts)) return { ...settings, version: 4 };
  return {
    ...settings,
    version: 4,
    accounts: accounts.map((account: unknown) => {
      if (typeof account !== 'object' || account === null || Array.isArray(account)) return account;
      const { folder, ...rest } = account as Record<string, unknown>;
      if (typeof folder !== 'string' || folder.trim() === '') return account;
      const name = folder.trim();
      return { ...rest, folders: [name], folderChoice: isInbox(name) ? 'inbox' : 'chosen' };
    }),
  };
}

/** The key version 5 gives the one remote server of a version 4 file. */
export const MIGRATED_SERVER_KEY = 's1';

/**
 * Version 4 to 5: more than one server (issue 22). The one `server` becomes
 * `servers`: a remote one is the first remote server (key `s1`, named after
 * its host), followed as before, with the bundled server off as it was; a
 * remote address kept while the bundled server was chosen stays as a remote
 * server switched off, with its token. Per-mailbox settings follow their
 * mailbox: a remote server's mailbox is `s1/<id>` from now on (an account's
 * id stays, for the bundled server; an id that both had is kept for both).
 * A `server` that is not readable is left for the schema to name.
 */
function fromV4(settings: Record<string, unknown>): Record<string, unknown> {
  const { server, mailboxes, accounts, hooks, ...rest } = settings;
  if (!isRecord(server) || typeof server.url !== 'string' || typeof server.token !== 'string'
    || (server.mode !== 'bundled' && server.mode !== 'remote')) return settings;
  const isRemote = server.mode === 'remote';
  const remotes = server.url === '' ? [] : [{
    key: MIGRATED_SERVER_KEY, name: hostOf(server.url), url: server.url, token: server.token, enabled: isRemote,
  }];
  const accountIds = new Set(Array.isArray(accounts) ? accounts.flatMap((a) => (isRecord(a) && typeof a.id === 'string' ? [a.id] : [])) : []);
  // The ids a version 4 mailbox id stands for now: a remote server's mailbox is s1/<id>. An account's settings were the
  // bundled mailbox's; while the remote server was followed they were its same-named mailbox's too.
  const idsNow = (id: string) => {
    const remote = `${MIGRATED_SERVER_KEY}/${id}`;
    if (!accountIds.has(id)) return [remote];
    return isRemote ? [id, remote] : [id];
  };
  let moved = mailboxes;
  if (Array.isArray(mailboxes) && remotes.length > 0) {
    moved = mailboxes.flatMap((entry: unknown) => (isRecord(entry) && typeof entry.id === 'string' ? idsNow(entry.id).map((id) => ({ ...entry, id })) : [entry]))
      .slice(0, MAX_MAILBOX_SETTINGS);
  }
  // The new-mail hook's ticked mailboxes (issue 23's, on version 4) follow their mailboxes the same way.
  let hooksMoved = hooks;
  if (isRecord(hooks) && Array.isArray(hooks.mailboxes) && remotes.length > 0) {
    const ticked = hooks.mailboxes.flatMap((id: unknown) => (typeof id === 'string' ? idsNow(id) : [id]));
    hooksMoved = { ...hooks, mailboxes: [...new Set(ticked)].slice(0, MAX_MAILBOX_SETTINGS) };
  }
  return {
    ...rest,
    version: 5,
    servers: { bundled: { enabled: !isRemote }, remotes },
    ...(accounts === undefined ? {} : { accounts }),
    ...(moved === undefined ? {} : { mailboxes: moved }),
    ...(hooksMoved === undefined ? {} : { hooks: hooksMoved }),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shortened(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
