import { normaliseWebUrl } from '../../common/server-url.ts';
import {
  accountNameRule, caFileRule, oauthClientIdRule, crossFieldMessages, folderRule, hostRule, keepsRule, passwordRule, portRule, userRule, webUrlRule,
} from '../../common/settings-rules.ts';
import type { FolderChoiceKind } from '../../common/folder-choice.ts';
import type { AccountProtocol, ProviderId } from '../../common/mail-providers.ts';
import type { AccountInput, ImapSecurity } from '../../main/ipc-contract.ts';
import type { Words } from '../../common/i18n/translator.ts';

/** An account as the form holds it: what was typed, before any checks. */
export interface AccountDraft {
  /** Empty for an account added in this window: it gets an id on save. */
  id: string;
  name: string;
  host: string;
  port: string;
  security: ImapSecurity;
  user: string;
  /** Write-only: empty keeps the saved password. */
  password: string;
  hasSavedPassword: boolean;
  /** The folders counted together, in the picker's order (renderer/settings/folder-picker.ts). */
  folders: string[];
  folderChoice: FolderChoiceKind;
  /** The server's folders when they were last listed; undefined when they never were. */
  knownFolders: string[] | undefined;
  webUrl: string;
  /** The preset it was made from; 'other' for a server typed in. */
  provider: ProviderId;
  /** How its mail is read, as its provider says. */
  protocol: AccountProtocol;
  signIn: 'password' | 'oauth2';
  /** A finished sign-in in this window, not saved yet; '' for none. */
  signInId: string;
  /** The address of the saved (or just finished) sign-in; '' for none. */
  signedInAs: string;
  oauthClientId: string;
  ca: string;
}

export const defaultPorts: Record<ImapSecurity, number> = { tls: 993, starttls: 143 };

/** A blank account for the form, with the usual IMAP defaults. */
export function blankAccount(): AccountDraft {
  return {
    id: '', name: '', host: '', port: String(defaultPorts.tls), security: 'tls', user: '',
    password: '', hasSavedPassword: false, folders: ['INBOX'], folderChoice: 'inbox', knownFolders: undefined, webUrl: '',
    provider: 'other', protocol: 'imap', signIn: 'password', signInId: '', signedInAs: '', oauthClientId: '', ca: '',
  };
}

/**
 * One account's fields, tidied (trimmed, the web address completed) and
 * checked by the same rules main and the settings file use.
 */
/** One account as main takes it; `problem` hears what is wrong, by the account's field name ("port"). */
export function accountFromDraft(account: AccountDraft, problem: (field: string, message: Words) => void): AccountInput {
  const name = account.name.trim();
  if (!keepsRule(accountNameRule, name)) problem('name', accountNameRule.message);

  const host = account.host.trim();
  if (!keepsRule(hostRule, host)) problem('host', hostRule.message);

  const portText = account.port.trim();
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < portRule.minimum || port > portRule.maximum) problem('port', portRule.message);

  const user = account.user.trim();
  if (!keepsRule(userRule, user)) problem('user', userRule.message);

  const isOAuth = account.signIn === 'oauth2';
  if (isOAuth) {
    if (account.signInId === '' && account.signedInAs === '') problem('signIn', crossFieldMessages.signInMissing);
  } else if (account.password === '' && !account.hasSavedPassword) {
    problem('password', passwordRule.missing);
  } else if (account.password.length > passwordRule.maxLength) {
    problem('password', passwordRule.message);
  }
  const oauthClientId = account.oauthClientId.trim();
  if (isOAuth && oauthClientId !== '' && !keepsRule(oauthClientIdRule, oauthClientId)) problem('oauthClientId', oauthClientIdRule.message);
  const ca = account.ca.trim();
  if (ca !== '' && !keepsRule(caFileRule, ca)) problem('ca', caFileRule.message);

  const folders = account.folders.filter((f) => keepsRule(folderRule, f));
  if (folders.length === 0) problem('folders', crossFieldMessages.foldersMissing);

  const webUrl = normaliseWebUrl(account.webUrl);
  if (!webUrl.ok) problem('webUrl', webUrl.message);
  else if (webUrl.url !== '' && !keepsRule(webUrlRule, webUrl.url)) problem('webUrl', webUrlRule.message);

  const input: AccountInput = { id: account.id, name, host, port, security: account.security, user, folders, folderChoice: account.folderChoice };
  if (account.knownFolders) input.knownFolders = account.knownFolders;
  if (webUrl.ok && webUrl.url !== '') input.webUrl = webUrl.url;
  if (account.provider !== 'other') input.provider = account.provider;
  if (account.protocol !== 'imap') input.protocol = account.protocol;
  if (ca !== '') input.ca = ca;
  if (isOAuth) {
    input.signIn = 'oauth2';
    if (account.signInId !== '') input.signInId = account.signInId;
    if (oauthClientId !== '') input.oauthClientId = oauthClientId;
  } else if (account.password !== '') {
    input.password = account.password;
  }
  return input;
}

/** A mailbox id (1 to 128 of A-Z a-z 0-9 . _ @ + -) made from an account's name, unique among `taken`. */
export function newAccountId(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^a-z0-9._@+-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100) || 'account';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
  return id;
}
