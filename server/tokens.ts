import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A token as the server keeps it: only its SHA-256, never the plain text. */
export type TokenDigest = Buffer;

const sha256FormRe = /^sha256:([0-9a-f]{64})$/i;
export const MIN_TOKEN_LENGTH = 16;

export function digestOf(token: string): TokenDigest {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Reads a configured token: `sha256:<hex>` of the plain token, or the plain token. */
export function parseTokenSpec(text: string): TokenDigest | string {
  const match = sha256FormRe.exec(text);
  if (match) return Buffer.from(match[1]!, 'hex');
  if (text.startsWith('sha256:')) return 'a sha256: token must be followed by 64 hex digits';
  if (text.length < MIN_TOKEN_LENGTH) return `a token must be at least ${MIN_TOKEN_LENGTH} characters (make one with: mailtray-server token)`;
  return digestOf(text);
}

export function newToken(): { token: string; hashed: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hashed: `sha256:${digestOf(token).toString('hex')}` };
}

/**
 * The holder whose digest matches. Every candidate is compared, each in
 * constant time, so the answer's timing does not depend on which one matched.
 */
export function findHolder<T extends { digest: TokenDigest }>(holders: readonly T[], token: string): T | undefined {
  const digest = digestOf(token);
  let found: T | undefined;
  for (const holder of holders) {
    if (timingSafeEqual(holder.digest, digest) && !found) found = holder;
  }
  return found;
}
