import type { Options as ConfOptions, Schema } from 'conf';
import type { ServerEndpoint } from '../connection/counts-client.ts';
import type { AccountInput, MailboxSettings, SaveResult, SettingsInput, SettingsView } from '../ipc-contract.ts';
import type { MailboxPrefs } from '../mailbox-view.ts';
import type { Secrets } from '../secrets.ts';
import { checkSettingsInput } from './check-input.ts';
import { migrateSettings } from './migrate.ts';
import { crossFieldMessages } from '../../common/settings-rules.ts';
import { SCHEMA_KEYWORDS, settingsSchema } from './schema.ts';
import { defaultSettings, type StoredAccount, type StoredSettings } from './stored-settings.ts';

/** The part of electron-store (and of conf, which it wraps) the app uses: the whole store at once. */
export interface SettingsFile {
  get store(): StoredSettings;
  set store(value: StoredSettings);
}

/**
 * Options for electron-store in the app and for conf in tests: the schema
 * checks every write, and `deserialize` migrates an old file as it is read,
 * before the schema sees it.
 */
export function settingsFileOptions(secrets: Secrets): ConfOptions<StoredSettings> {
  return {
    schema: settingsSchema as unknown as Schema<StoredSettings>,
    // The schema carries the form's sentences (ajv-errors' errorMessage); conf's own ajv need only accept the keyword.
    ajvOptions: { keywords: SCHEMA_KEYWORDS },
    defaults: defaultSettings(),
    deserialize: (text: string) => migrateSettings(JSON.parse(text), secrets),
    // A hand-broken file is reported, not silently emptied.
    clearInvalidConfig: false,
    // Read once and kept: without it every read parses, migrates and checks the
    // file again, and the app reads settings on every count it renders.
    cache: true,
  };
}

/** A browser sign-in with its secrets opened, for the bundled server's config or a test. */
export interface OpenedSignIn {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
}

/** An IMAP account with its password (or sign-in) opened, for the bundled server's config. */
export type AccountWithPassword = Omit<StoredAccount, 'password' | 'oauth'> & { password: string; oauth?: OpenedSignIn };

/** A finished sign-in waiting in main (main/oauth/account-sign-ins.ts), as saving takes it. */
export interface SignInsToSave {
  get(signInId: string): { client: { clientId: string; clientSecret?: string }; refreshToken: string; address: string | undefined } | undefined;
  take(signInId: string): { client: { clientId: string; clientSecret?: string }; refreshToken: string; address: string | undefined } | undefined;
}

/** The bundled server's accounts: those it can log in to, and why each other one cannot. */
export interface BundledAccounts {
  /** Every account's mailbox, in the settings' order. */
  mailboxes: Array<{ id: string; name: string }>;
  accounts: AccountWithPassword[];
  /** Mailbox id -> why the server cannot watch it. */
  unusable: Map<string, UnusableAccount>;
}

/** Why the bundled server cannot watch an account, as its mailbox shows it (common/mailbox-failure.ts words the kind). */
export interface UnusableAccount {
  error: string;
  errorKind: 'auth' | 'auth-expired';
  errorFacts?: { missing: 'password' };
}

export const UNREADABLE_PASSWORD = 'the saved password could not be read; enter it again in Settings';
export const NO_PASSWORD = 'no password is saved; enter it in Settings';
export const NO_SIGN_IN = 'the account is not signed in; sign in in Settings';
export const UNREADABLE_SIGN_IN = 'the saved sign-in could not be read with this computer\'s key store; sign in again in Settings';

/** The user's settings: read for the window without secrets, saved from the window after checking. */
export class Settings {
  readonly #file: SettingsFile;
  readonly #secrets: Secrets;
  readonly #startupProblems: readonly string[];
  /** Worked out once per saved state: it opens every secret. */
  #warnings: string[] | undefined;

  /**
   * `startupProblems`: what went wrong opening the file (it was set aside),
   * shown in the window like the other warnings.
   */
  constructor(file: SettingsFile, secrets: Secrets, startupProblems: readonly string[] = []) {
    this.#file = file;
    this.#secrets = secrets;
    this.#startupProblems = startupProblems;
    // Writes a migrated file back at once, so the old layout (and any plain token in it) leaves the disk.
    const stored = file.store;
    file.store = stored;
  }

  get stored(): StoredSettings {
    return this.#file.store;
  }

  view(): SettingsView {
    const { server, accounts, notifications, general, mailboxes } = this.stored;
    return {
      server: server.mode === 'bundled' ? { mode: 'bundled' } : { mode: 'remote', url: server.url, hasToken: server.token !== '' },
      accounts: accounts.map(({ password, webUrl, oauth, ...account }) => ({
        // A password this machine cannot open counts as none: the form then asks for it again.
        ...account, hasPassword: this.#canOpen(password), ...(webUrl ? { webUrl } : {}),
        ...(oauth && this.#canOpen(oauth.refreshToken) ? { signedInAs: oauth.address ?? account.user } : {}),
      })),
      notifications,
      general: { launchAtLogin: general.launchAtLogin, trayIcon: general.trayIcon ?? 'colour' },
      ...(mailboxes ? { mailboxes } : {}),
    };
  }

  /** `signIns`: the finished browser sign-ins an account may name to be saved with (its `signInId`). */
  save(input: unknown, signIns?: SignInsToSave): SaveResult {
    const saved = this.stored;
    const errors = checkSettingsInput(input, {
      hasToken: saved.server.token !== '',
      accountsWithPassword: new Set(saved.accounts.filter((a) => this.#canOpen(a.password)).map((a) => a.id)),
      accountsWithSignIn: new Set(saved.accounts.filter((a) => a.oauth && this.#canOpen(a.oauth.refreshToken)).map((a) => a.id)),
      isPendingSignIn: (id) => signIns?.get(id) !== undefined,
    });
    const settings = input as SettingsInput;
    if (errors.length === 0 && settings.server.mode === 'remote' && settings.server.token === undefined
      && originOf(settings.server.url) !== originOf(saved.server.url)) {
      // A saved token goes only to the server it was given for.
      errors.push({ field: 'server.token', message: crossFieldMessages.tokenForOtherServer });
    }
    if (errors.length > 0) return { ok: false, errors };

    const next: StoredSettings = {
      version: saved.version,
      server: settings.server.mode === 'bundled'
        ? { ...saved.server, mode: 'bundled' }
        : {
          mode: 'remote',
          url: settings.server.url.trim().replace(/\/+$/, ''),
          token: settings.server.token === undefined ? saved.server.token : this.#secrets.seal(settings.server.token.trim()),
        },
      // An account left out of the list is gone, and with it its password or sign-in: nothing of it stays in the file.
      accounts: settings.accounts.map((account) => this.#storedAccount(account, saved.accounts, signIns)),
      notifications: structuredClone(settings.notifications),
      general: { launchAtLogin: settings.general.launchAtLogin, trayIcon: settings.general.trayIcon ?? saved.general.trayIcon ?? 'colour' },
      ...mailboxSettings(settings.mailboxes ?? saved.mailboxes),
      ...(saved.snoozedUntil === undefined ? {} : { snoozedUntil: saved.snoozedUntil }),
    };
    try {
      this.#file.store = next;
      this.#warnings = undefined;
    } catch (error) {
      return { ok: false, errors: [{ field: '', message: `the settings could not be saved: ${(error as Error).message}` }] };
    }
    return { ok: true, settings: this.view() };
  }

  /** The remote server to poll, with its token opened; undefined in bundled mode. */
  remoteEndpoint(): ServerEndpoint | undefined {
    const { server } = this.stored;
    if (server.mode !== 'remote') return undefined;
    return { url: server.url, token: (server.token && this.#secrets.open(server.token)) || '' };
  }

  /** The token for a connection test: the one typed, else the saved one when it is for the same server. */
  tokenFor(url: string, typed: string | undefined): string {
    if (typed !== undefined) return typed;
    const { server } = this.stored;
    return server.token && originOf(server.url) === originOf(url) ? this.#secrets.open(server.token) ?? '' : '';
  }

  get snoozedUntil(): number | null {
    return this.stored.snoozedUntil ?? null;
  }

  set snoozedUntil(until: number | null) {
    const { snoozedUntil: _old, ...rest } = this.stored;
    this.#file.store = until === null ? rest : { ...rest, snoozedUntil: Math.round(until) };
  }

  /**
   * The accounts for the bundled server, passwords opened. One whose password
   * cannot be opened (sealed on another machine, or a key store reset) is left
   * out with its reason: it alone shows an error, the others keep counting.
   */
  bundledAccounts(): BundledAccounts {
    const { accounts } = this.stored;
    const result: BundledAccounts = { mailboxes: accounts.map(({ id, name }) => ({ id, name })), accounts: [], unusable: new Map() };
    for (const account of accounts) {
      if (account.signIn === 'oauth2') {
        const opened = this.#openSignIn(account);
        if (opened) result.accounts.push({ ...account, password: '', oauth: opened });
        else result.unusable.set(account.id, { error: account.oauth ? UNREADABLE_SIGN_IN : NO_SIGN_IN, errorKind: 'auth-expired' });
        continue;
      }
      const password = account.password === '' ? undefined : this.#secrets.open(account.password);
      if (password === undefined || password === '') {
        const error = account.password === '' ? NO_PASSWORD : UNREADABLE_PASSWORD;
        result.unusable.set(account.id, { error, errorKind: 'auth', errorFacts: { missing: 'password' } });
      } else {
        result.accounts.push({ ...account, password });
      }
    }
    return result;
  }

  /** The provider rotated an account's refresh token (the bundled server said so): seal and keep the new one, now. */
  keepRefreshToken(mailboxId: string, refreshToken: string): void {
    const stored = this.stored;
    const account = stored.accounts.find((a) => a.id === mailboxId);
    if (!account?.oauth) return;
    const accounts = stored.accounts.map((a) => (a === account
      ? { ...a, oauth: { ...account.oauth!, refreshToken: this.#secrets.seal(refreshToken) } } : a));
    this.#file.store = { ...stored, accounts };
  }

  /** An account's saved sign-in, opened; undefined when there is none or it cannot be read here. */
  openedSignIn(mailboxId: string): OpenedSignIn | undefined {
    const account = this.stored.accounts.find((a) => a.id === mailboxId);
    return account ? this.#openSignIn(account) : undefined;
  }

  /** An account's saved password, opened, for "Test account" with the password field left empty. */
  openedPassword(mailboxId: string): string | undefined {
    const sealed = this.stored.accounts.find((a) => a.id === mailboxId)?.password;
    return sealed ? this.#secrets.open(sealed) : undefined;
  }

  #openSignIn(account: StoredAccount): OpenedSignIn | undefined {
    if (!account.oauth) return undefined;
    const refreshToken = this.#secrets.open(account.oauth.refreshToken);
    if (!refreshToken) return undefined;
    const clientSecret = account.oauth.clientSecret ? this.#secrets.open(account.oauth.clientSecret) : undefined;
    return { clientId: account.oauth.clientId, refreshToken, ...(clientSecret ? { clientSecret } : {}) };
  }

  webUrlOf(mailboxId: string): string | undefined {
    return this.mailboxPrefs(mailboxId).webUrl;
  }

  /** A mailbox's settings: mute, total, colour, and its web address (its account's, or set for a remote mailbox). */
  mailboxPrefs(mailboxId: string): MailboxPrefs {
    const stored = this.stored.mailboxes?.find((m) => m.id === mailboxId);
    const webUrl = this.stored.accounts.find((a) => a.id === mailboxId)?.webUrl ?? stored?.webUrl;
    const prefs: MailboxPrefs = { isMuted: stored?.muted === true, isLeftOutOfTotal: stored?.inTotal === false };
    if (stored?.colour) prefs.colour = stored.colour;
    if (webUrl) prefs.webUrl = webUrl;
    return prefs;
  }

  /** What the window should warn about: no real key store, secrets this machine cannot open. */
  warnings(): string[] {
    this.#warnings ??= this.#findWarnings();
    return this.#warnings;
  }

  #findWarnings(): string[] {
    const warnings: string[] = [...this.#startupProblems, ...this.stored.migrationProblems ?? []];
    if (this.#secrets.warning) warnings.push(this.#secrets.warning);
    const { server } = this.stored;
    // An account's unreadable password shows on its own mailbox row (bundledAccounts), where it stops counting.
    if (server.mode === 'remote' && server.token && this.#secrets.open(server.token) === undefined) {
      warnings.push("The saved server token could not be read with this computer's key store; enter it again in Settings.");
    }
    return warnings;
  }

  #canOpen(sealed: string): boolean {
    return sealed !== '' && this.#secrets.open(sealed) !== undefined;
  }

  #storedAccount(account: AccountInput, saved: StoredAccount[], signIns: SignInsToSave | undefined): StoredAccount {
    const before = saved.find((a) => a.id === account.id);
    const isOAuth = account.signIn === 'oauth2';
    const password = isOAuth ? '' : account.password ? this.#secrets.seal(account.password) : before?.password ?? '';
    const stored: StoredAccount = {
      id: account.id, name: account.name.trim(), host: account.host.trim(), port: account.port, security: account.security,
      user: account.user, password, folder: account.folder.trim(),
    };
    if (account.webUrl) stored.webUrl = account.webUrl.trim();
    if (account.provider) stored.provider = account.provider;
    if (account.ca) stored.ca = account.ca.trim();
    if (isOAuth) {
      stored.signIn = 'oauth2';
      if (account.oauthClientId) stored.oauthClientId = account.oauthClientId.trim();
      const fresh = account.signInId === undefined ? undefined : signIns?.take(account.signInId);
      if (fresh) {
        stored.oauth = {
          clientId: fresh.client.clientId, refreshToken: this.#secrets.seal(fresh.refreshToken),
          ...(fresh.client.clientSecret ? { clientSecret: this.#secrets.seal(fresh.client.clientSecret) } : {}),
          ...(fresh.address ? { address: fresh.address } : {}),
        };
      } else if (before?.oauth) {
        stored.oauth = before.oauth;
      }
    }
    return stored;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Only what differs from the defaults is kept: a mailbox heard, in the total and plain needs no entry. */
function mailboxSettings(list: readonly MailboxSettings[] | undefined): { mailboxes?: MailboxSettings[] } {
  const kept = (list ?? []).flatMap((entry) => {
    const stored: MailboxSettings = { id: entry.id };
    if (entry.muted === true) stored.muted = true;
    if (entry.inTotal === false) stored.inTotal = false;
    if (entry.colour) stored.colour = entry.colour;
    if (entry.webUrl) stored.webUrl = entry.webUrl.trim();
    return Object.keys(stored).length > 1 ? [stored] : [];
  });
  return kept.length === 0 ? {} : { mailboxes: kept };
}
