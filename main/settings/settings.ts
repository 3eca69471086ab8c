import type { Options as ConfOptions, Schema } from 'conf';
import type { ServerEndpoint } from '../counts-client.ts';
import type { AccountInput, SaveResult, SettingsInput, SettingsView } from '../ipc-contract.ts';
import type { MailboxPrefs } from '../mailbox-view.ts';
import type { Secrets } from '../secrets.ts';
import { checkSettingsInput } from './check-input.ts';
import { migrateSettings } from './migrate.ts';
import { settingsSchema } from './schema.ts';
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
    defaults: defaultSettings(),
    deserialize: (text: string) => migrateSettings(JSON.parse(text), secrets),
    // A hand-broken file is reported, not silently emptied.
    clearInvalidConfig: false,
    // Read once and kept: without it every read parses, migrates and checks the
    // file again, and the app reads settings on every count it renders.
    cache: true,
  };
}

/** An IMAP account with its password opened, for the bundled server's config. */
export type AccountWithPassword = Omit<StoredAccount, 'password'> & { password: string };

/** The user's settings: read for the window without secrets, saved from the window after checking. */
export class Settings {
  readonly #file: SettingsFile;
  readonly #secrets: Secrets;
  /** Worked out once per saved state: it opens every secret. */
  #warnings: string[] | undefined;

  constructor(file: SettingsFile, secrets: Secrets) {
    this.#file = file;
    this.#secrets = secrets;
    // Writes a migrated file back at once, so the old layout (and any plain token in it) leaves the disk.
    const stored = file.store;
    file.store = stored;
  }

  get stored(): StoredSettings {
    return this.#file.store;
  }

  view(): SettingsView {
    const { server, accounts, notifications, general } = this.stored;
    return {
      server: server.mode === 'bundled' ? { mode: 'bundled' } : { mode: 'remote', url: server.url, hasToken: server.token !== '' },
      accounts: accounts.map(({ password, webUrl, ...account }) => ({
        ...account, hasPassword: password !== '', ...(webUrl ? { webUrl } : {}),
      })),
      notifications,
      general,
    };
  }

  save(input: unknown): SaveResult {
    const saved = this.stored;
    const errors = checkSettingsInput(input, {
      hasToken: saved.server.token !== '',
      accountsWithPassword: new Set(saved.accounts.filter((a) => a.password !== '').map((a) => a.id)),
    });
    const settings = input as SettingsInput;
    if (errors.length === 0 && settings.server.mode === 'remote' && settings.server.token === undefined
      && originOf(settings.server.url) !== originOf(saved.server.url)) {
      // A saved token goes only to the server it was given for.
      errors.push({ field: 'server.token', message: 'enter the token for this server' });
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
      accounts: settings.accounts.map((account) => this.#storedAccount(account, saved.accounts)),
      notifications: structuredClone(settings.notifications),
      general: { launchAtLogin: settings.general.launchAtLogin },
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

  accountsWithPasswords(): AccountWithPassword[] {
    return this.stored.accounts.map((account) => ({ ...account, password: this.#secrets.open(account.password) ?? '' }));
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
    const warnings: string[] = [];
    if (this.#secrets.warning) warnings.push(this.#secrets.warning);
    const { server, accounts } = this.stored;
    const unreadable = [
      ...(server.mode === 'remote' && server.token && this.#secrets.open(server.token) === undefined ? ['the server token'] : []),
      ...accounts.filter((a) => a.password && this.#secrets.open(a.password) === undefined).map((a) => `the password of ${a.name}`),
    ];
    if (unreadable.length > 0) {
      warnings.push(`${unreadable.join(', ')} could not be read with this computer's key store; enter it again in the settings`);
    }
    return warnings;
  }

  #storedAccount(account: AccountInput, saved: StoredAccount[]): StoredAccount {
    const before = saved.find((a) => a.id === account.id);
    const password = account.password ? this.#secrets.seal(account.password) : before?.password ?? '';
    const stored: StoredAccount = {
      id: account.id, name: account.name.trim(), host: account.host.trim(), port: account.port, security: account.security,
      user: account.user, password, folder: account.folder.trim(),
    };
    if (account.webUrl) stored.webUrl = account.webUrl.trim();
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
