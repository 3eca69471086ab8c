import type { SafeStorage } from 'electron';
import type { Words } from '../../common/i18n/translator.ts';
import type { Secrets } from '../secrets.ts';

// Sealed secrets are "safe:<base64>"; "plain:<text>" only where the OS offers no encryption at all.
const SAFE = 'safe:';
const PLAIN = 'plain:';

/** Secrets sealed with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). */
export function safeStorageSecrets(safeStorage: SafeStorage, platform: NodeJS.Platform): Secrets {
  const isAvailable = safeStorage.isEncryptionAvailable();
  // Linux without a secret service falls back to a key built into Chromium ("basic_text"):
  // the file is then readable by anyone who can read it, and the user should know.
  const backend = platform === 'linux' && isAvailable ? safeStorage.getSelectedStorageBackend() : undefined;
  const warning: Words | undefined = !isAvailable
    ? { key: 'app.keyStore.none' }
    : backend === 'basic_text' || backend === 'unknown'
      ? { key: 'app.keyStore.weak' }
      : undefined;
  return {
    warning,
    seal: (plain) => (isAvailable ? SAFE + safeStorage.encryptString(plain).toString('base64') : PLAIN + plain),
    open(sealed) {
      if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
      if (!sealed.startsWith(SAFE) || !isAvailable) return undefined;
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(SAFE.length), 'base64'));
      } catch {
        return undefined;
      }
    },
  };
}
