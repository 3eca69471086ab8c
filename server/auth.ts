import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';
import type { TokenDigest, TokenTable } from './tokens.ts';

interface Holder {
  name: string;
  digest: TokenDigest;
}

const bearerRe = /^Bearer +([\x21-\x7e]+) *$/i;
const challenge = { 'WWW-Authenticate': 'Bearer realm="mailtray"' };

/** The token of an `Authorization: Bearer <token>` header, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : bearerRe.exec(header)?.[1];
}

/** The 401 for a request whose token is missing, malformed or unknown, saying which. */
export function refusedToken(header: string | undefined): HttpError {
  if (header === undefined) {
    return new HttpError('unauthorized', 'this needs a token: send it as "Authorization: Bearer <token>"', challenge);
  }
  if (bearerToken(header) === undefined) return new HttpError('unauthorized', 'the Authorization header must be "Bearer <token>"', challenge);
  return new HttpError('unauthorized', 'this token is not known to the server; check it in the settings', challenge);
}

/**
 * The holder of the request's bearer token among `allowed`. A token that is
 * known but of the other kind (`others`) gets 403 saying what it may do.
 */
export function authenticate<T extends Holder>(
  request: FastifyRequest, allowed: TokenTable<T>, others: TokenTable<Holder>, othersMay: string,
): T {
  const header = request.headers.authorization;
  const token = bearerToken(header);
  if (token === undefined) throw refusedToken(header);
  const holder = allowed.find(token);
  if (holder) return holder;
  if (others.find(token)) throw new HttpError('forbidden', `this token ${othersMay}`);
  throw refusedToken(header);
}
