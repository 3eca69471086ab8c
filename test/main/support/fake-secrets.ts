import type { Words } from '../../../common/i18n/translator.ts';
import type { Secrets } from '../../../main/secrets.ts';

/** A reversible stand-in for safeStorage: sealed text is not the plain text, and says whose key sealed it. */
export function fakeSecrets(options: { key?: string; warning?: Words } = {}): Secrets {
  const key = options.key ?? 'this-machine';
  return {
    warning: options.warning,
    seal: (plain) => `sealed:${key}:${Buffer.from(plain, 'utf8').toString('base64').split('').reverse().join('')}`,
    open(sealed) {
      const prefix = `sealed:${key}:`;
      if (!sealed.startsWith(prefix)) return undefined;
      return Buffer.from(sealed.slice(prefix.length).split('').reverse().join(''), 'base64').toString('utf8');
    },
  };
}
