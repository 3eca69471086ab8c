import type { AccountInput, HookSettings, MailboxRules, MailboxSettings } from '../ipc-contract.ts';
import type { Secrets } from '../secrets.ts';
import type { StoredAccount } from './stored-settings.ts';

/** A finished sign-in waiting in main (main/oauth/account-sign-ins.ts), as saving takes it. */
export interface SignInsToSave {
  get(signInId: string): { client: { clientId: string; clientSecret?: string }; refreshToken: string; address: string | undefined } | undefined;
  take(signInId: string): { client: { clientId: string; clientSecret?: string }; refreshToken: string; address: string | undefined } | undefined;
}

/** An account as the window saves it, its password or fresh sign-in sealed; what it leaves out keeps what was saved. */
export function storedAccount(account: AccountInput, saved: StoredAccount[], signIns: SignInsToSave | undefined, secrets: Secrets): StoredAccount {
  const before = saved.find((a) => a.id === account.id);
  const isOAuth = account.signIn === 'oauth2';
  const password = isOAuth ? '' : account.password ? secrets.seal(account.password) : before?.password ?? '';
  const stored: StoredAccount = {
    id: account.id, name: account.name.trim(), host: account.host.trim(), port: account.port, security: account.security,
    user: account.user, password, folders: [...new Set(account.folders)], folderChoice: account.folderChoice,
  };
  if (account.knownFolders) stored.knownFolders = [...new Set(account.knownFolders)];
  if (account.webUrl) stored.webUrl = account.webUrl.trim();
  if (account.provider) stored.provider = account.provider;
  if (account.protocol) stored.protocol = account.protocol;
  if (account.ca) stored.ca = account.ca.trim();
  if (account.countFilter) stored.countFilter = account.countFilter;
  if (isOAuth) {
    stored.signIn = 'oauth2';
    if (account.oauthClientId) stored.oauthClientId = account.oauthClientId.trim();
    const fresh = account.signInId === undefined ? undefined : signIns?.take(account.signInId);
    if (fresh) {
      stored.oauth = {
        clientId: fresh.client.clientId, refreshToken: secrets.seal(fresh.refreshToken),
        ...(fresh.client.clientSecret ? { clientSecret: secrets.seal(fresh.client.clientSecret) } : {}),
        ...(fresh.address ? { address: fresh.address } : {}),
      };
    } else if (before?.oauth) {
      stored.oauth = before.oauth;
    }
  }
  return stored;
}

/** Only what differs from the defaults is kept: a mailbox heard, in the total and plain needs no entry. */
export function mailboxSettings(list: readonly MailboxSettings[] | undefined): { mailboxes?: MailboxSettings[] } {
  const kept = (list ?? []).flatMap((entry) => {
    const stored: MailboxSettings = { id: entry.id };
    if (entry.muted === true) stored.muted = true;
    if (entry.inTotal === false) stored.inTotal = false;
    if (entry.colour) stored.colour = entry.colour;
    if (entry.webUrl) stored.webUrl = entry.webUrl.trim();
    Object.assign(stored, storedRules(entry));
    return Object.keys(stored).length > 1 ? [stored] : [];
  });
  return kept.length === 0 ? {} : { mailboxes: kept };
}

/** A mailbox's notification rules, only where they differ from "as the global settings say". */
function storedRules(entry: MailboxRules): MailboxRules {
  const rules: MailboxRules = {};
  if (entry.sound && entry.sound !== 'default') rules.sound = entry.sound;
  // The file is kept while another sound is chosen, so switching back finds it.
  if (entry.soundFile) rules.soundFile = entry.soundFile.trim();
  if (entry.schedule) rules.schedule = { ...entry.schedule, days: [...new Set(entry.schedule.days)].sort((a, b) => a - b) };
  const important = (entry.importantSenders ?? []).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (important.length > 0) rules.importantSenders = [...new Set(important)];
  if (entry.importantInQuiet === true) rules.importantInQuiet = true;
  const never = (entry.neverSenders ?? []).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (never.length > 0) rules.neverSenders = [...new Set(never)];
  return rules;
}

/** The global shortcut as kept: none is no field at all. */
export function shortcutOf(shortcut: string | undefined): { shortcut?: string } {
  const trimmed = shortcut?.trim() ?? '';
  return trimmed === '' ? {} : { shortcut: trimmed };
}

/** The new-mail hook as kept: its program trimmed, its arguments exactly as typed (they reach the program as they are). */
export function storedHooks(hooks: HookSettings | undefined): { hooks?: HookSettings } {
  if (!hooks) return {};
  return {
    hooks: {
      enabled: hooks.enabled,
      program: hooks.program.trim(),
      args: [...hooks.args],
      mailboxes: hooks.mailboxes === 'all' ? 'all' : [...new Set(hooks.mailboxes)],
      timeoutSeconds: hooks.timeoutSeconds,
    },
  };
}
