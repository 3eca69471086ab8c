import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { mailboxIdProblem } from '../common/protocol.ts';
import type { View } from './store.ts';

/**
 * Self-contained client tokens for a mail host (DESIGN.md, "Signed client
 * tokens"): the token carries its client name, its mailboxes and its expiry,
 * signed with an HMAC key from the config, so 100,000 users need no config
 * entry each. The form is
 *
 *   mt1.<key id>.<payload, base64url JSON>.<HMAC-SHA256 of what precedes, base64url>
 *
 * with the payload `{"id": "...", "name": "ann", "mailboxes": ["%u", "ann-work"], "exp": 1795000000}`.
 * In `mailboxes`, `%u` stands for the name, so one template serves every user.
 * `id` names the token in a deny list, which revokes it before it expires.
 */
export interface SigningKey {
  id: string;
  secret: Buffer;
}

export interface SignedClaims {
  id: string;
  name: string;
  mailboxes: string[] | '*';
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** The holder of a valid signed token, as the routes see a client. */
export interface SignedHolder {
  name: string;
  view: View;
  tokenId: string;
}

const PREFIX = 'mt1';
const keyIdRe = /^[A-Za-z0-9_-]{1,32}$/;
export const MIN_KEY_BYTES = 32;

export function isKeyId(id: string): boolean {
  return keyIdRe.test(id);
}

/** Makes a token; `mailboxes` may use `%u` for the name. */
export function signToken(key: SigningKey, claims: Omit<SignedClaims, 'id'> & { id?: string }): { token: string; id: string } {
  const id = claims.id ?? randomBytes(9).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ id, name: claims.name, mailboxes: claims.mailboxes, exp: claims.exp })).toString('base64url');
  const signed = `${PREFIX}.${key.id}.${payload}`;
  return { token: `${signed}.${mac(key.secret, signed)}`, id };
}

export function isSignedToken(token: string): boolean {
  return token.startsWith(`${PREFIX}.`);
}

/**
 * The token's holder, or why it is refused, in words for the 401. Checks the
 * signature before reading anything else the token says.
 */
export function verifyToken(
  token: string, keys: ReadonlyMap<string, Buffer>, nowSeconds: number, isDenied: (id: string) => boolean,
): SignedHolder | string {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return 'this is not a signed Mailtray token';
  const [, keyId, payload, signature] = parts as [string, string, string, string];
  const secret = keys.get(keyId);
  if (!secret) return `this token was signed with a key ("${keyId.slice(0, 32)}") the server does not have`;
  const expected = Buffer.from(mac(secret, `${PREFIX}.${keyId}.${payload}`), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'this token\'s signature is not valid';
  let claims: SignedClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedClaims;
  } catch {
    return 'this token\'s contents are not readable';
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return 'this token has expired; ask for a new one';
  if (typeof claims.id !== 'string' || isDenied(claims.id)) return 'this token has been revoked';
  const view = viewOf(claims);
  if (typeof view === 'string') return view;
  return { name: claims.name, view, tokenId: claims.id };
}

function viewOf(claims: SignedClaims): View | string {
  if (typeof claims.name !== 'string' || claims.name === '' || claims.name.length > 100) return 'this token names no client';
  if (claims.mailboxes === '*') return '*';
  if (!Array.isArray(claims.mailboxes)) return 'this token lists no mailboxes';
  const ids = claims.mailboxes.map((m) => (typeof m === 'string' ? m.replaceAll('%u', claims.name) : ''));
  const bad = ids.find((id) => mailboxIdProblem(id) !== undefined);
  if (bad !== undefined) return `this token names a mailbox that cannot be one (${JSON.stringify(bad)})`;
  return [...new Set(ids)];
}

// A KeyObject per secret, made once: setting up the key is most of an HMAC's cost on a short text.
const keyObjects = new WeakMap<Buffer, KeyObject>();

function mac(secret: Buffer, text: string): string {
  let key = keyObjects.get(secret);
  if (!key) keyObjects.set(secret, (key = createSecretKey(secret)));
  return createHmac('sha256', key).update(text).digest('base64url');
}
