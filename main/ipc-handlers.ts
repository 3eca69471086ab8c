import { isProviderId } from './account-actions.ts';
import { MAX_FOLDERS } from '../common/folder-choice.ts';
import type { AccountInput, InvokeChannels, SoundChoice } from './ipc-contract.ts';
import { SOUND_CHOICES, soundFileRule } from '../common/mailbox-rule-rules.ts';
import { keepsRule } from '../common/settings-rules.ts';
import type { MailtrayApp } from './mailtray-app.ts';

/**
 * Main's side of every invoke channel. Arguments come from the renderer and
 * are not trusted: each handler takes `unknown` and checks it, so a channel
 * cannot be made to do more than its type says.
 */
export type InvokeHandlers = {
  [K in keyof InvokeChannels]: (...args: unknown[]) =>
    Awaited<ReturnType<InvokeChannels[K]>> | Promise<Awaited<ReturnType<InvokeChannels[K]>>>;
};

export class BadArgumentError extends Error {}

function isOptionalText(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length <= 2000);
}

export function invokeHandlers(app: MailtrayApp, settingsView: () => ReturnType<InvokeChannels['settings:get']>): InvokeHandlers {
  return {
    'state:get': () => app.snapshot(),
    'settings:get': () => settingsView(),
    'settings:save': (input) => app.saveSettings(input),
    'connection:test': (server) => {
      const { url, token } = (server ?? {}) as { url?: unknown; token?: unknown };
      if (typeof url !== 'string' || (token !== undefined && typeof token !== 'string')) {
        throw new BadArgumentError('connection:test takes { url: string, token?: string }');
      }
      return app.testConnection(token === undefined ? { url } : { url, token });
    },
    'connection:retry': () => app.retryNow(),
    'network:changed': () => app.networkChanged(),
    'snooze:set': (until) => {
      if (until !== null && (typeof until !== 'number' || !Number.isFinite(until))) {
        throw new BadArgumentError('snooze:set takes a time in ms since the epoch, or null');
      }
      app.setSnooze(until);
    },
    'mailbox:open': (id) => {
      if (typeof id !== 'string') throw new BadArgumentError('mailbox:open takes a mailbox id');
      app.openMailbox(id);
    },
    'mailbox:mark-read': (id, which) => {
      const { messageIds, all } = (which ?? {}) as { messageIds?: unknown; all?: unknown };
      const isIds = Array.isArray(messageIds) && messageIds.length > 0 && messageIds.length <= 1000
        && messageIds.every((m) => typeof m === 'string' && m.length > 0 && m.length <= 200);
      if (typeof id !== 'string' || (isIds === (all === true)) || (all !== undefined && all !== true)) {
        throw new BadArgumentError('mailbox:mark-read takes a mailbox id and { messageIds: string[] } or { all: true }');
      }
      return app.markRead(id, all === true ? { all: true } : { messageIds: messageIds as string[] });
    },
    'account:sign-in': (request) => {
      const { provider, clientId, loginHint } = (request ?? {}) as Record<string, unknown>;
      if (!isProviderId(provider) || !isOptionalText(clientId) || !isOptionalText(loginHint)) {
        throw new BadArgumentError('account:sign-in takes { provider, clientId?: string, loginHint?: string }');
      }
      return app.accounts.signIn({
        provider, ...(clientId ? { clientId } : {}), ...(loginHint ? { loginHint } : {}),
      });
    },
    'account:sign-in-cancel': () => app.accounts.cancelSignIn(),
    'account:test': (account) => app.accounts.test(accountArgument(account, 'account:test')),
    'account:folders': (account) => app.accounts.listFolders(accountArgument(account, 'account:folders')),
    'account:choose-certificate': () => app.accounts.chooseCertificate(),
    'sound:preview': (choice) => {
      const { sound, soundFile } = (choice ?? {}) as { sound?: unknown; soundFile?: unknown };
      // Only a sound the settings could hold: a shipped name, or a whole path the file chooser gave.
      if (!SOUND_CHOICES.includes(sound as SoundChoice) || (soundFile !== undefined && (typeof soundFile !== 'string' || !keepsRule(soundFileRule, soundFile)))) {
        throw new BadArgumentError('sound:preview takes { sound, soundFile?: a whole path }');
      }
      app.previewSound({ sound: sound as SoundChoice, ...(typeof soundFile === 'string' ? { soundFile } : {}) });
    },
    'sound:choose-file': () => app.chooseSoundFile(),
    'update:download': () => app.downloadUpdate(),
    'update:install': () => app.installUpdate(),
  };
}

/** An account as the form sends it to be tested or listed, checked for its shape (the probe's reader checks the values). */
function accountArgument(account: unknown, channel: string): AccountInput {
  const a = (account ?? {}) as Record<string, unknown>;
  const texts = ['id', 'name', 'host', 'user'].every((key) => typeof a[key] === 'string');
  const optional = ['password', 'signInId', 'ca', 'oauthClientId', 'webUrl'].every((key) => isOptionalText(a[key]));
  const folders = Array.isArray(a.folders) && a.folders.length <= MAX_FOLDERS && a.folders.every((f) => typeof f === 'string');
  if (!texts || !optional || !folders || !Number.isInteger(a.port) || (a.security !== 'tls' && a.security !== 'starttls')
    || (a.provider !== undefined && !isProviderId(a.provider)) || (a.signIn !== undefined && a.signIn !== 'password' && a.signIn !== 'oauth2')) {
    throw new BadArgumentError(`${channel} takes an account as the form sends it`);
  }
  return a as unknown as AccountInput;
}
