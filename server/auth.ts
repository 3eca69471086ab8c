import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';
import type { TokenDigest, TokenTable } from './tokens.ts';

interface Holder {
  name: string;
  digest: TokenDigest;
}

const bearerRe = /^Bearer +([\x21-\x7e]+) *$/i;
const challenge = { 'WWW-Authenticate': 'Bearer realm="mailtray"' };

/**
 * The holder of the request's bearer token among `allowed`. A token that is
 * known but of the other kind (`others`) gets 403 saying what it may do.
 */
export function authenticate<T extends Holder>(
  request: FastifyRequest, allowed: TokenTable<T>, others: TokenTable<Holder>, othersMay: string,
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
  throw new HttpError('unauthorized', 'this token is not known to the server; check it in the settings', challenge);
}
