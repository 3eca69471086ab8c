import type { Translator } from '../common/i18n/translator.ts';
import { mailProviders, type ProviderId } from '../common/mail-providers.ts';
import type { Timers } from '../common/timers.ts';
import { accountSourceEntry, imapSourceEntry, presetEndpoints, type EndpointsFor } from './bundled/account-entry.ts';
import { listFolders, testAccount, type AccountTestOptions } from './bundled/account-test.ts';
import type { AccountInput, AccountTestResult, FolderListResult, SignInResult } from './ipc-contract.ts';
import { AccountSignIns } from './oauth/account-sign-ins.ts';
import type { OAuthClients } from './oauth/oauth-clients.ts';
import type { AccountWithPassword, OpenedSignIn } from './settings/bundled-accounts.ts';
import type { Settings } from './settings/settings.ts';
import type { Shell } from './shell.ts';

export interface AccountActionsOptions {
  shell: Shell;
  settings: Settings;
  timers: Timers;
  /** The app's translator as it is now: for the sign-in tab's page and the certificate chooser's title. */
  words: () => Translator;
  /** The OAuth client ids this build was made with. */
  oauthClients: OAuthClients;
  /** The providers' endpoints (tests point them at their own OAuth server). */
  endpointsFor?: EndpointsFor;
  /** For tests: how "Test account" reaches the server. */
  testOptions?: AccountTestOptions;
}

/**
 * What the account form asks of main besides saving: sign in with the
 * provider in the system browser, test the account as typed, choose its
 * certificate file. Tokens stay in main; the window gets ids and `Words`.
 */
export class AccountActions {
  readonly signIns: AccountSignIns;
  readonly #options: AccountActionsOptions;
  readonly #endpointsFor: EndpointsFor;

  constructor(options: AccountActionsOptions) {
    this.#options = options;
    this.#endpointsFor = options.endpointsFor ?? presetEndpoints;
    this.signIns = new AccountSignIns({
      openBrowser: (url) => options.shell.openExternal(url),
      timers: options.timers,
      words: options.words,
      builtInClients: options.oauthClients,
      endpointsFor: this.#endpointsFor,
    });
  }

  signIn(request: { provider: ProviderId; clientId?: string; loginHint?: string }): Promise<SignInResult> {
    return this.signIns.start(request);
  }

  cancelSignIn(): void {
    this.signIns.cancel();
  }

  /** The account as typed, with the saved password or sign-in where the form left them out. */
  async test(input: AccountInput): Promise<AccountTestResult> {
    const prepared = this.#withSecrets(input);
    if ('problem' in prepared) return prepared;
    const result = await testAccount(accountSourceEntry(prepared.account, this.#endpointsFor), prepared.options);
    return this.#keepRotated(input, result);
  }

  /** The account's folders for the picker, signed in as "Test account" is. */
  async listFolders(input: AccountInput): Promise<FolderListResult> {
    const prepared = this.#withSecrets(input);
    if ('problem' in prepared) return prepared;
    return this.#keepRotated(input, await listFolders(imapSourceEntry(prepared.account, this.#endpointsFor), prepared.options));
  }

  /** The account with its password or sign-in opened, or why it cannot sign in yet. */
  #withSecrets(input: AccountInput): { account: AccountWithPassword; options: AccountTestOptions } | Extract<AccountTestResult, { ok: false }> {
    const { settings } = this.#options;
    let oauth: OpenedSignIn | undefined;
    let accessToken: string | undefined;
    if (input.signIn === 'oauth2') {
      const pending = input.signInId === undefined ? undefined : this.signIns.get(input.signInId);
      if (pending && input.signInId !== undefined) {
        oauth = { ...pending.client, refreshToken: pending.refreshToken };
        accessToken = this.signIns.freshAccessToken(input.signInId);
      } else {
        oauth = settings.openedSignIn(input.id);
      }
      if (!oauth) return { ok: false, problem: 'consent', message: { key: 'account.test.signInFirst' } };
    }
    const account: AccountWithPassword = {
      ...input, password: input.password || settings.openedPassword(input.id) || '', ...(oauth ? { oauth } : {}),
    };
    if (!oauth && account.password === '') return { ok: false, problem: 'auth', message: { key: 'account.test.passwordFirst' } };
    return { account, options: { ...this.#options.testOptions, ...(accessToken ? { accessToken } : {}) } };
  }

  #keepRotated<T extends object>(input: AccountInput, result: T & { rotatedRefreshToken?: string }): T {
    const { rotatedRefreshToken, ...shown } = result;
    const { settings } = this.#options;
    if (rotatedRefreshToken !== undefined) {
      // The old refresh token may stop working now: keep the new one where the old one was.
      if (input.signInId !== undefined && this.signIns.get(input.signInId)) this.signIns.rotate(input.signInId, rotatedRefreshToken);
      else settings.keepRefreshToken(input.id, rotatedRefreshToken);
    }
    return shown as unknown as T;
  }

  async chooseCertificate(): Promise<string | null> {
    const words = this.#options.words();
    const path = await this.#options.shell.chooseFile({
      title: words.t('account.certificate.chooserTitle'),
      filters: [
        { name: words.t('account.certificate.pemFiles'), extensions: ['pem', 'crt', 'cer'] },
        { name: words.t('account.certificate.allFiles'), extensions: ['*'] },
      ],
    });
    return path ?? null;
  }
}

/** Whether `value` names a provider of the presets table. */
export function isProviderId(value: unknown): value is ProviderId {
  return mailProviders.some((p) => p.id === value);
}
