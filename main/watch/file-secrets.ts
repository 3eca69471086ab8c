import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import type { Secrets } from '../secrets.ts';

// What main/electron/safe-storage-secrets.ts writes: "safe:<base64 of safeStorage's bytes>", or "plain:<text>".
const SAFE = 'safe:';
const PLAIN = 'plain:';

/**
 * Linux, where no secret service was running: Chromium's OSCrypt (which
 * Electron's safeStorage is) seals with a key built into Chromium, marked
 * "v10": AES-128-CBC, the key PBKDF2-SHA1 of "peanuts" with the salt
 * "saltysalt", 1 iteration, the IV 16 spaces
 * (components/os_crypt/sync/os_crypt_linux.cc). This is the `basic_text`
 * backend the app warns about (app.keyStore.weak), and the only sealed text a
 * process without Electron can open. "v11" secrets use a key kept in the
 * desktop's secret service (GNOME Keyring, KWallet); macOS Keychain and
 * Windows DPAPI secrets are bound to the app itself: those stay closed here.
 */
const V10 = 'v10';
const v10Key = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
const v10Iv = Buffer.alloc(16, ' ');

/**
 * The app's sealed secrets as a process without Electron can open them:
 * plain ones, and on Linux those sealed with Chromium's built-in key. Others
 * open to undefined, which the settings treat as a secret this machine cannot
 * read (an account shows why; a token is asked for). It never seals: what it
 * "seals" stays in memory, since `mailtray watch` never writes the app's file.
 */
export function fileSecrets(platform: NodeJS.Platform): Secrets {
  return {
    warning: undefined,
    seal: (plain) => PLAIN + plain,
    open(sealed) {
      if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
      if (!sealed.startsWith(SAFE) || platform !== 'linux') return undefined;
      const bytes = Buffer.from(sealed.slice(SAFE.length), 'base64');
      if (bytes.subarray(0, 3).toString('latin1') !== V10) return undefined;
      try {
        const decipher = createDecipheriv('aes-128-cbc', v10Key, v10Iv);
        return Buffer.concat([decipher.update(bytes.subarray(3)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
