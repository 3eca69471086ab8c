import { HttpError } from './errors.ts';

/** Where a kind of token is looked up: a table of config tokens, or that plus signed tokens. */
export interface Tokens<T> {
  find(token: string): T | undefined;
  /** Why the token is refused, when there is more to say than "not known" (an expired signed token). */
  refusal?(token: string): string | undefined;
}

const bearerRe = /^Bearer +([\x21-\x7e]+) *$/i;
const challenge = { 'WWW-Authenticate': 'Bearer realm="mailtray"' };

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : bearerRe.exec(header)?.[1];
}

/** The 401 for a request whose token is missing, malformed or unknown, saying which (`why`, when known better). */
export function refusedToken(header: string | undefined, why?: string): HttpError {
  if (header === undefined) {
    return new HttpError('unauthorized', 'this needs a token: send it as "Authorization: Bearer <token>"', challenge);
  }
  if (bearerToken(header) === undefined) return new HttpError('unauthorized', 'the Authorization header must be "Bearer <token>"', challenge);
  // No advice on where to fix it: curl, a script or the app may have sent it, and the app adds its own.
  return new HttpError('unauthorized', why ?? 'this token is not known to the server', challenge);
}

/**
 * The holder of the bearer token of an Authorization `header` among `allowed`. A token that is
 * known but of the other kind (`others`) gets 403 saying what it may do.
 */
export function authenticate<T extends { name: string }>(
  header: string | undefined, allowed: Tokens<T>, others: Tokens<unknown>, othersMay: string,
): T {
  const token = bearerToken(header);
  if (token === undefined) throw refusedToken(header);
  const holder = allowed.find(token);
  if (holder) return holder;
  if (others.find(token)) throw new HttpError('forbidden', `this token ${othersMay}`);
  throw refusedToken(header, allowed.refusal?.(token));
}
