import { mailboxIdProblem, MAX_NAME_LENGTH, MIN_TOKEN_LENGTH } from '../../common/protocol.ts';
import type { AccountInput, FieldError } from '../ipc-contract.ts';
import { isClockTime } from '../../common/clock-time.ts';

/** What the saved settings already hold, so a token or password left out can be kept. */
export interface SavedSecrets {
  hasToken: boolean;
  accountsWithPassword: ReadonlySet<string>;
}

/**
 * Checks settings sent by the window, field by field, in words for the
 * form. The renderer is not trusted: every field is checked for its type too.
 */
export function checkSettingsInput(input: unknown, saved: SavedSecrets): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (!isObject(input)) return [{ field: '', message: 'settings must be an object' }];
  const { server, accounts, notifications, general } = input as Record<string, unknown>;

  if (!isObject(server) || (server.mode !== 'bundled' && server.mode !== 'remote')) {
    add('server.mode', 'choose the bundled server or a remote one');
  } else if (server.mode === 'remote') {
    const urlProblem = webServerProblem(server.url);
    if (urlProblem) add('server.url', urlProblem);
    if (server.token !== undefined && typeof server.token !== 'string') add('server.token', 'the token must be text');
    else if (typeof server.token === 'string' && server.token.trim().length < MIN_TOKEN_LENGTH) add('server.token', `a token is at least ${MIN_TOKEN_LENGTH} characters (the server's admin can make one with: mailtray-server token)`);
    else if (server.token === undefined && !saved.hasToken) add('server.token', 'enter the token the server\'s admin gave you');
  }

  if (!Array.isArray(accounts)) {
    add('accounts', 'accounts must be a list');
  } else {
    const ids = new Set<string>();
    accounts.forEach((account: unknown, i) => {
      for (const error of accountProblems(account, saved)) add(`accounts.${i}.${error.field}`, error.message);
      const id = isObject(account) ? account.id : undefined;
      if (typeof id === 'string') {
        if (ids.has(id)) add(`accounts.${i}.id`, `another account already has the id "${id}"`);
        ids.add(id);
      }
    });
  }

  if (!isObject(notifications)) {
    add('notifications', 'notification settings are missing');
  } else {
    for (const key of ['enabled', 'sound', 'summaryAtStart'] as const) {
      if (typeof notifications[key] !== 'boolean') add(`notifications.${key}`, 'must be on or off');
    }
    const quiet = notifications.quietHours;
    if (!isObject(quiet) || typeof quiet.enabled !== 'boolean') {
      add('notifications.quietHours', 'quiet hours are missing');
    } else {
      for (const key of ['start', 'end'] as const) {
        if (!isClockTime(quiet[key])) {
          add(`notifications.quietHours.${key}`, 'write the time as HH:MM, from 00:00 to 23:59');
        }
      }
    }
  }
  if (!isObject(general) || typeof general.launchAtLogin !== 'boolean') add('general.launchAtLogin', 'must be on or off');
  return errors;
}

/** Why `url` cannot be a count server's address, or undefined. */
export function webServerProblem(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return 'enter the server\'s address, like https://mail-counts.example.com';
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'this is not a web address; write it like https://mail-counts.example.com';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'the address must start with https:// (or http://)';
  if (parsed.username || parsed.password) return 'put the token in the token field, not in the address';
  if (parsed.search || parsed.hash) return 'the address takes no ?query or #fragment';
  return undefined;
}

/** Addresses a click may open with the OS (mail web apps and mail clients), nothing else. */
export function isOpenableAddress(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    return ['https:', 'http:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function accountProblems(account: unknown, saved: SavedSecrets): FieldError[] {
  if (!isObject(account)) return [{ field: '', message: 'an account must be an object' }];
  const a = account as Partial<Record<keyof AccountInput, unknown>>;
  const errors: FieldError[] = [];
  const idProblem = mailboxIdProblem(a.id);
  if (idProblem) errors.push({ field: 'id', message: idProblem });
  if (!isText(a.name, MAX_NAME_LENGTH)) errors.push({ field: 'name', message: `give the account a name (up to ${MAX_NAME_LENGTH} characters)` });
  if (!isText(a.host, 253) || /\s|\//.test(a.host)) errors.push({ field: 'host', message: 'enter the IMAP server\'s host name, like imap.example.com' });
  if (!Number.isInteger(a.port) || (a.port as number) < 1 || (a.port as number) > 65535) errors.push({ field: 'port', message: 'the port is a number from 1 to 65535 (IMAP over TLS is 993)' });
  if (a.security !== 'tls' && a.security !== 'starttls') errors.push({ field: 'security', message: 'choose TLS or STARTTLS' });
  if (!isText(a.user, 500)) errors.push({ field: 'user', message: 'enter the user name for the IMAP login' });
  if (!isText(a.folder, 500)) errors.push({ field: 'folder', message: 'enter the folder to count, usually INBOX' });
  if (a.password !== undefined && typeof a.password !== 'string') errors.push({ field: 'password', message: 'the password must be text' });
  const hasSavedPassword = typeof a.id === 'string' && saved.accountsWithPassword.has(a.id);
  if ((a.password === undefined || a.password === '') && !hasSavedPassword) errors.push({ field: 'password', message: 'enter the password for the IMAP login' });
  if (a.webUrl !== undefined && a.webUrl !== '' && !isOpenableAddress(a.webUrl)) {
    errors.push({ field: 'webUrl', message: 'the web address must start with https://, http:// or mailto:' });
  }
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= maxLength;
}
