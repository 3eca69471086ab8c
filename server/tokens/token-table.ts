import { hash, randomBytes } from 'node:crypto';
import { MIN_TOKEN_LENGTH } from '../../common/protocol.ts';

/** A token as the server keeps it: only its SHA-256, never the plain text. */
export type TokenDigest = Buffer;

const sha256FormRe = /^sha256:([0-9a-f]{64})$/i;

export function digestOf(token: string): TokenDigest {
  // One call, no Hash object per request: crypto.hash is the one-shot form (Node 21.7+).
  return hash('sha256', token, 'buffer');
}

/** Reads a configured token: `sha256:<hex>` of the plain token, or the plain token. */
export function parseTokenSpec(text: string): TokenDigest | string {
  const match = sha256FormRe.exec(text);
  if (match) return Buffer.from(match[1]!, 'hex');
  if (text.startsWith('sha256:')) return 'a sha256: token must be followed by 64 hex digits';
  if (text.length < MIN_TOKEN_LENGTH) return `a token must be at least ${MIN_TOKEN_LENGTH} characters (make one with: mailtray-server token)`;
  // Kept as long as the config: copied into Node's shared pool (as Buffer.from(hex) above
  // is), not an ArrayBuffer of its own. V8 sweeps every ArrayBuffer at each full
  // collection, and 10,000 clients' digests were 10,000 of them.
  return Buffer.from(digestOf(text));
}

export function newToken(): { token: string; hashed: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hashed: `sha256:${digestOf(token).toString('hex')}` };
}

/**
 * The holders of tokens, found by the SHA-256 of the presented token. Looking
 * up the digest leaks nothing about the secret: an attacker cannot steer the
 * hash, so timing reveals no prefix of a token. One hash (as hex, with no
 * Buffer of its own) and one lookup per request, however many tokens.
 */
export class TokenTable<T extends { digest: TokenDigest }> {
  #byDigest = new Map<string, T>();

  constructor(holders: readonly T[]) {
    this.replace(holders);
  }

  /** A reloaded config's holders, in place, so every route that holds this table sees them. */
  replace(holders: readonly T[]): void {
    this.#byDigest = new Map(holders.map((holder) => [holder.digest.toString('hex'), holder]));
  }

  find(token: string): T | undefined {
    return this.#byDigest.get(hash('sha256', token, 'hex'));
  }
}
