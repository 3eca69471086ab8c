import type { ServerEndpoint } from '../connection/counts-client.ts';
import type { MailboxRules, SaveResult, SettingsInput, SettingsView, UpdateSettings } from '../ipc-contract.ts';
import { defaultUpdateSettings } from '../ipc-updates.ts';
import type { MailboxPrefs } from '../mailbox-view.ts';
import type { Secrets } from '../secrets.ts';
import {
  NO_PASSWORD, NO_SIGN_IN, UNREADABLE_PASSWORD, UNREADABLE_SIGN_IN, type BundledAccounts, type OpenedSignIn,
} from './bundled-accounts.ts';
import { checkSettingsInput } from './check-input.ts';
import { crossFieldMessages } from '../../common/settings-rules.ts';
import type { SettingsFile } from './settings-file.ts';
import type { StoredAccount, StoredRemoteServer, StoredServers, StoredSettings } from './stored-settings.ts';
import { mailboxSettings, shortcutOf, storedAccount, storedHooks, type SignInsToSave } from './stored-from-input.ts';
import type { Words } from '../../common/i18n/translator.ts';

/** The user's settings: read for the window without secrets, saved from the window after checking. */
export class Settings {
  readonly #file: SettingsFile;
  readonly #secrets: Secrets;
  readonly #startupProblems: readonly Words[];
  /** Worked out once per saved state: it opens every secret. */
  #warnings: Words[] | undefined;

  /**
   * `startupProblems`: what went wrong opening the file (it was set aside),
   * shown in the window like the other warnings.
   */
  constructor(file: SettingsFile, secrets: Secrets, startupProblems: readonly Words[] = []) {
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
    const { servers, accounts, notifications, general, mailboxes, hooks } = this.stored;
    return {
      servers: {
        bundled: { enabled: servers.bundled.enabled },
        remotes: servers.remotes.map(({ token, ...remote }) => ({ ...remote, hasToken: token !== '' })),
      },
      accounts: accounts.map(({ password, webUrl, oauth, ...account }) => ({
        // A password this machine cannot open counts as none: the form then asks for it again.
        ...account, hasPassword: this.#canOpen(password), ...(webUrl ? { webUrl } : {}),
        ...(oauth && this.#canOpen(oauth.refreshToken) ? { signedInAs: oauth.address ?? account.user } : {}),
      })),
      notifications,
      general: {
        launchAtLogin: general.launchAtLogin, trayIcon: general.trayIcon ?? 'colour', language: general.language,
        ...(general.shortcut ? { shortcut: general.shortcut } : {}),
      },
      ...(mailboxes ? { mailboxes } : {}),
      updates: this.updateSettings(),
      ...(hooks ? { hooks } : {}),
    };
  }

  /** Update checks and automatic downloads: as saved, or on and off (`defaultUpdateSettings`) in a file from before them. */
  updateSettings(): UpdateSettings {
    return this.stored.updates ?? defaultUpdateSettings;
  }

  /** `signIns`: the finished browser sign-ins an account may name to be saved with (its `signInId`). */
  save(input: unknown, signIns?: SignInsToSave): SaveResult {
    const saved = this.stored;
    const errors = checkSettingsInput(input, {
      remotesWithToken: new Set(saved.servers.remotes.filter((r) => r.token !== '').map((r) => r.key)),
      accountsWithPassword: new Set(saved.accounts.filter((a) => this.#canOpen(a.password)).map((a) => a.id)),
      accountsWithSignIn: new Set(saved.accounts.filter((a) => a.oauth && this.#canOpen(a.oauth.refreshToken)).map((a) => a.id)),
      isPendingSignIn: (id) => signIns?.get(id) !== undefined,
    });
    const settings = input as SettingsInput;
    if (errors.length === 0) {
      settings.servers.remotes.forEach((remote, i) => {
        const before = saved.servers.remotes.find((r) => r.key === remote.key);
        // A saved token goes only to the server it was given for.
        if (remote.token === undefined && before && originOf(remote.url) !== originOf(before.url)) {
          errors.push({ field: `servers.remotes.${i}.token`, message: crossFieldMessages.tokenForOtherServer });
        }
      });
    }
    if (errors.length > 0) return { ok: false, errors };

    const servers = storedServers(settings.servers, saved.servers, this.#secrets);
    // A removed server's mailboxes are gone: their settings go with them, so a server added later under its key starts plain.
    const keys = new Set(servers.remotes.map((r) => r.key));
    const mailboxes = (settings.mailboxes ?? saved.mailboxes)?.filter((m) => !m.id.includes('/') || keys.has(m.id.split('/')[0]!));
    const next: StoredSettings = {
      version: saved.version,
      servers,
      // An account left out of the list is gone, and with it its password or sign-in: nothing of it stays in the file.
      accounts: settings.accounts.map((account) => storedAccount(account, saved.accounts, signIns, this.#secrets)),
      // The options the window leaves out keep what is saved (an older window, or a form without them).
      notifications: { ...optionsOf(saved.notifications), ...structuredClone(settings.notifications) },
      general: {
        launchAtLogin: settings.general.launchAtLogin,
        trayIcon: settings.general.trayIcon ?? saved.general.trayIcon ?? 'colour',
        language: settings.general.language ?? saved.general.language,
        ...shortcutOf(settings.general.shortcut ?? saved.general.shortcut),
      },
      ...mailboxSettings(mailboxes),
      // A window that leaves them out (an older one) keeps what is saved.
      ...((settings.updates ?? saved.updates) ? { updates: structuredClone(settings.updates ?? saved.updates) } : {}),
      ...storedHooks(settings.hooks ?? saved.hooks),
      ...(saved.snoozedUntil === undefined ? {} : { snoozedUntil: saved.snoozedUntil }),
    };
    try {
      this.#file.store = next;
      this.#warnings = undefined;
    } catch (error) {
      return { ok: false, errors: [{ field: '', message: { key: 'check.notSaved', values: { reason: (error as Error).message } } }] };
    }
    return { ok: true, settings: this.view() };
  }

  /** Whether the bundled server (the accounts) is followed. */
  get followsBundled(): boolean {
    return this.stored.servers.bundled.enabled;
  }

  /** The remote servers to poll, switched-off ones left out, in the settings' order, tokens opened. */
  remoteServers(): RemoteServer[] {
    return this.stored.servers.remotes.filter((r) => r.enabled).map((r) => ({
      key: r.key, name: r.name, endpoint: { url: r.url, token: (r.token && this.#secrets.open(r.token)) || '' },
    }));
  }

  /**
   * The token for a connection test: the one typed, else the one saved for that server
   * (`key`; without one, any saved server's) when it is for the same address.
   */
  tokenFor(url: string, typed: string | undefined, key?: string): string {
    if (typed !== undefined) return typed;
    const saved = this.stored.servers.remotes.find((r) => (key === undefined || r.key === key) && r.token && originOf(r.url) === originOf(url));
    return saved ? this.#secrets.open(saved.token) ?? '' : '';
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

  /** A mailbox's notification rules (issue 23): sound, schedule, senders that always or never notify. */
  mailboxRules(mailboxId: string): MailboxRules {
    const { id: _id, muted: _m, inTotal: _t, colour: _c, webUrl: _w, ...rules } = this.stored.mailboxes?.find((m) => m.id === mailboxId) ?? { id: '' };
    return rules;
  }

  /** What the window should warn about (in its language): no real key store, secrets this machine cannot open. */
  warnings(): Words[] {
    this.#warnings ??= this.#findWarnings();
    return this.#warnings;
  }

  #findWarnings(): Words[] {
    // Notes from migrating an old file were written into it in English (migrate.ts): they pass as they are.
    const migrated = (this.stored.migrationProblems ?? []).map((note): Words => ({ key: 'app.settings.migrated', values: { note } }));
    const warnings: Words[] = [...this.#startupProblems, ...migrated];
    if (this.#secrets.warning) warnings.push(this.#secrets.warning);
    // An account's unreadable password shows on its own mailbox row (bundledAccounts), where it stops counting.
    for (const remote of this.stored.servers.remotes) {
      if (remote.enabled && remote.token && this.#secrets.open(remote.token) === undefined) {
        warnings.push(this.stored.servers.remotes.length === 1
          ? { key: 'app.settings.tokenUnreadable' } : { key: 'servers.warning.tokenUnreadable', values: { server: remote.name } });
      }
    }
    return warnings;
  }

  #canOpen(sealed: string): boolean {
    return sealed !== '' && this.#secrets.open(sealed) !== undefined;
  }
}

function optionsOf(saved: StoredSettings['notifications']): Partial<StoredSettings['notifications']> {
  const { stayOnScreen, reminderMinutes, badgeShows, hideZeroCount, attentionCue, respectDnd, tellAfterDnd } = saved;
  return Object.fromEntries(Object.entries({ stayOnScreen, reminderMinutes, badgeShows, hideZeroCount, attentionCue, respectDnd, tellAfterDnd })
    .filter(([, value]) => value !== undefined));
}

/** A remote server to poll: its key (the first part of its mailboxes' ids), its name, where and with which token. */
export interface RemoteServer {
  key: string;
  name: string;
  endpoint: ServerEndpoint;
}

/**
 * The servers as the window saved them: a known key keeps its saved token
 * unless a new one was typed; a new server gets the next key never used by
 * the servers kept (`s1`, `s2`...); a name left empty is the host's.
 */
function storedServers(input: SettingsInput['servers'], saved: StoredServers, secrets: Secrets): StoredServers {
  const taken = new Set(input.remotes.flatMap((r) => (r.key && saved.remotes.some((s) => s.key === r.key) ? [r.key] : [])));
  let next = 1;
  const freshKey = () => {
    while (taken.has(`s${next}`)) next += 1;
    taken.add(`s${next}`);
    return `s${next}`;
  };
  const remotes = input.remotes.map((remote): StoredRemoteServer => {
    const before = saved.remotes.find((s) => s.key === remote.key);
    const url = remote.url.trim().replace(/\/+$/, '');
    const name = remote.name?.trim() || hostOf(url);
    return {
      key: before ? before.key : freshKey(),
      name,
      url,
      token: remote.token === undefined ? before?.token ?? '' : secrets.seal(remote.token.trim()),
      enabled: remote.enabled,
    };
  });
  return { bundled: { enabled: input.bundled.enabled }, remotes };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
