import type { StoredAccount } from './stored-settings.ts';

/** A browser sign-in with its secrets opened, for the bundled server's config or a test. */
export interface OpenedSignIn {
  clientId: string;
  clientSecret?: string;
  refreshToken: string;
}

/** An IMAP account with its password (or sign-in) opened, for the bundled server's config. */
export type AccountWithPassword = Omit<StoredAccount, 'password' | 'oauth'> & { password: string; oauth?: OpenedSignIn };

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
