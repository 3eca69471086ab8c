import type { Timers } from '../../../common/timers.ts';
import type { SourceContext } from '../source.ts';
import { AccessTokens } from './access-tokens.ts';
import type { ImapConfig } from './imap-config.ts';
import type { OAuth2Auth } from './oauth2-config.ts';
import type { RetriedFailure } from './reconnect-backoff.ts';
import { TokenFailure } from './token-endpoint.ts';

/**
 * The access tokens of an account that signs in with an OAuth2 refresh token
 * (none for a password): a rotated refresh token goes to the app or the state
 * file, and the log says whether it outlives a restart.
 */
export function accountTokens(config: ImapConfig, context: SourceContext, timers: Timers, onRevoked: (failure: TokenFailure) => void): AccessTokens | undefined {
  if (config.auth.kind !== 'oauth2') return undefined;
  const { host, user } = config;
  return signInTokens(config.auth, { source: 'imap', where: { host, user }, mailboxIds: config.mailboxes.map((m) => m.id) }, context, timers, onRevoked);
}

/** Which source uses a sign-in, for its log lines and for the app to know whose refresh token rotated. */
export interface SignInOwner {
  /** The source type, which starts each log line: "imap". */
  source: string;
  /** What names the account in the log: host, user. */
  where: Record<string, unknown>;
  mailboxIds: string[];
}

/** A sign-in's access tokens for any source: rotated refresh tokens kept and said so, as `accountTokens` does for IMAP. */
export function signInTokens(
  auth: OAuth2Auth, owner: SignInOwner, context: SourceContext, timers: Timers, onRevoked: (failure: TokenFailure) => void,
): AccessTokens {
  const { source, where } = owner;
  const isKept = context.onRefreshToken !== undefined || auth.stateFile !== undefined;
  return new AccessTokens(auth, {
    timers,
    onRotated: (refreshToken) => {
      if (isKept) context.log.info(where, `${source}: the provider rotated the refresh token; keeping the new one`);
      else context.log.warn(where, `${source}: the provider rotated the refresh token; set "auth.stateFile" so the new one outlives a restart`);
      context.onRefreshToken?.(owner.mailboxIds, refreshToken);
    },
    onRevoked,
    warn: (words) => context.log.warn(where, `${source}: ${words}`),
  });
}

/** Whether the token endpoint said the sign-in is revoked or expired: then the account stops rather than ask again and again. */
export function isRevoked(error: unknown): error is TokenFailure {
  return error instanceof TokenFailure && error.kind === 'revoked';
}

/** Any other failure of the token endpoint, as a failure to retry. */
export function tokenFailure(error: unknown, { host, user }: Pick<ImapConfig, 'host' | 'user'>): RetriedFailure {
  const words = error instanceof TokenFailure ? error.message : `the access token could not be refreshed: ${String(error)}`;
  const kind = error instanceof TokenFailure && error.kind === 'setup' ? 'setup' : 'connection';
  return { kind, words, facts: { user, host } };
}
