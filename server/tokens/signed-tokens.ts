import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { mailboxIdProblem } from '../../common/protocol.ts';
import type { View } from '../store/store.ts';

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
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const PREFIX = 'mt1';
const keyIdRe = /^[A-Za-z0-9_-]{1,32}$/;
// Base64url as signToken writes it: no padding, nothing outside the alphabet.
// Node's decoder skips any other character, so without this check one token
// had endless spellings (`<token>=`, `!` inside the signature) that all verified.
const base64urlRe = /^[A-Za-z0-9_-]+$/;
export const MIN_KEY_BYTES = 32;
/**
 * The longest signed token the server reads; a longer one is refused before
 * any work (a 16 KiB header would otherwise be split, decoded and hashed).
 * A template (`%u`) keeps real tokens to a few hundred characters.
 */
export const MAX_SIGNED_TOKEN_LENGTH = 4096;

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

/** The signature part of a signed token, the same text for exactly one spelling of it. */
export function signatureOf(token: string): string {
  return token.slice(token.lastIndexOf('.') + 1);
}

/**
 * The token's holder, or why it is refused, in words for the 401. Checks the
 * signature before reading anything else the token says.
 */
export function verifyToken(
  token: string, keys: ReadonlyMap<string, Buffer>, nowSeconds: number, isDenied: (id: string) => boolean,
): SignedHolder | string {
  if (token.length > MAX_SIGNED_TOKEN_LENGTH) return `this token is longer than the ${MAX_SIGNED_TOKEN_LENGTH} characters a signed token may have`;
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return 'this is not a signed Mailtray token';
  const [, keyId, payload, signature] = parts as [string, string, string, string];
  if (!base64urlRe.test(payload) || !base64urlRe.test(signature)) return 'this token is not written as the server wrote it (unpadded base64url)';
  const secret = keys.get(keyId);
  if (!secret) return `this token was signed with a key ("${keyId.slice(0, 32)}") the server does not have`;
  // The signature's text, not its decoded bytes, is compared: a base64url text
  // may end in a character whose unused low bits differ, and still decode alike.
  const expected = Buffer.from(mac(secret, `${PREFIX}.${keyId}.${payload}`));
  const given = Buffer.from(signature);
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
  if ('problem' in view) return view.problem;
  return { name: claims.name, view: view.view, tokenId: claims.id, exp: claims.exp };
}

/**
 * The mailboxes a token's claims let its holder see: its list with `%u` made
 * the name, or every mailbox for `"*"` (as a config client with `"*"`); or why
 * the claims cannot be a client. `mailtray-server token` asks too, before it signs.
 */
export function viewOf(claims: Pick<SignedClaims, 'name' | 'mailboxes'>): { view: View } | { problem: string } {
  if (typeof claims.name !== 'string' || claims.name === '' || claims.name.length > 100) return { problem: 'this token names no client (a name of 1 to 100 characters)' };
  if (claims.mailboxes === '*') return { view: '*' };
  if (!Array.isArray(claims.mailboxes)) return { problem: 'this token lists no mailboxes' };
  const ids = claims.mailboxes.map((m) => (typeof m === 'string' ? m.replaceAll('%u', claims.name) : ''));
  const bad = ids.find((id) => mailboxIdProblem(id) !== undefined);
  if (bad !== undefined) return { problem: `this token names a mailbox that cannot be one (${JSON.stringify(bad)})` };
  return { view: [...new Set(ids)] };
}

// A KeyObject per secret, made once: setting up the key is most of an HMAC's cost on a short text.
const keyObjects = new WeakMap<Buffer, KeyObject>();

function mac(secret: Buffer, text: string): string {
  let key = keyObjects.get(secret);
  if (!key) keyObjects.set(secret, (key = createSecretKey(secret)));
  return createHmac('sha256', key).update(text).digest('base64url');
}
