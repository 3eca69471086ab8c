import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

/** Where a kind of token is looked up: a table of config tokens, or that plus signed tokens. */
interface Tokens<T> {
  find(token: string): T | undefined;
  /** Why the token is refused, when there is more to say than "not known" (an expired signed token). */
  refusal?(token: string): string | undefined;
}

const bearerRe = /^Bearer +([\x21-\x7e]+) *$/i;
const challenge = { 'WWW-Authenticate': 'Bearer realm="mailtray"' };

/**
 * The holder of the request's bearer token among `allowed`. A token that is
 * known but of the other kind (`others`) gets 403 saying what it may do.
 */
export function authenticate<T extends { name: string }>(
  request: FastifyRequest, allowed: Tokens<T>, others: Tokens<unknown>, othersMay: string,
): T {
  const header = request.headers.authorization;
  if (header === undefined) {
    throw new HttpError('unauthorized', 'this needs a token: send it as "Authorization: Bearer <token>"', challenge);
  }
  const match = bearerRe.exec(header);
  if (!match) throw new HttpError('unauthorized', 'the Authorization header must be "Bearer <token>"', challenge);
  const token = match[1]!;
  const holder = allowed.find(token);
  if (holder) return holder;
  if (others.find(token)) throw new HttpError('forbidden', `this token ${othersMay}`);
  const refusal = allowed.refusal?.(token);
  throw new HttpError('unauthorized', refusal ?? 'this token is not known to the server; check it in the settings', challenge);
}
