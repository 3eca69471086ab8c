import type { Timers } from '../../../common/timers.ts';
import type { SourceContext } from '../source.ts';
import { AccessTokens } from './access-tokens.ts';
import type { ImapConfig } from './imap-config.ts';
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
  const mailboxIds = config.mailboxes.map((m) => m.id);
  const isKept = context.onRefreshToken !== undefined || config.auth.stateFile !== undefined;
  return new AccessTokens(config.auth, {
    timers,
    onRotated: (refreshToken) => {
      if (isKept) context.log.info({ host, user }, 'imap: the provider rotated the refresh token; keeping the new one');
      else context.log.warn({ host, user }, 'imap: the provider rotated the refresh token; set "auth.stateFile" so the new one outlives a restart');
      context.onRefreshToken?.(mailboxIds, refreshToken);
    },
    onRevoked,
    warn: (words) => context.log.warn({ host, user }, words),
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
