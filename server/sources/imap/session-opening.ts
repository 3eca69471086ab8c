import type { Logger } from '../../log.ts';
import type { AccessTokens } from './access-tokens.ts';
import type { ImapConfig } from './imap-config.ts';
import { describeFailure, type Failure } from './imap-error.ts';
import type { NewestMessages } from './imap-newest.ts';
import { ImapSession, type CreateClient, type SessionListener } from './imap-session.ts';

export interface SessionOpeningOptions {
  config: ImapConfig;
  tokens: AccessTokens | undefined;
  log: Logger;
  createClient: CreateClient | undefined;
  messagesPerMailbox: number;
  newest: NewestMessages;
  listener: SessionListener;
  /** Each session as it is made, before it opens, so a stop meanwhile closes it. */
  onSession(session: ImapSession): void;
  isStopped(): boolean;
  /** The source's clock, for filters that count recent mail only. */
  now?: () => number;
}

/** An open session, a failure to retry, the token endpoint's error, or nothing: the account stopped meanwhile. */
export type Opening =
  | { session: ImapSession; accessToken: string | undefined }
  | { failure: Failure }
  | { tokenError: unknown }
  | undefined;

/** Opens an account's session, with a fresh access token once more when the server refused the one it had. */
export async function openSession(options: SessionOpeningOptions): Promise<Opening> {
  const { config, tokens, log } = options;
  const { host, port, user } = config;
  for (let attempt = 0; ; attempt += 1) {
    let accessToken: string | undefined;
    if (tokens) {
      try {
        accessToken = attempt === 0 ? await tokens.current() : await tokens.renew();
      } catch (error) {
        return { tokenError: error };
      }
      if (options.isStopped()) return undefined;
    }
    const session = new ImapSession(config, options.listener, options.createClient, accessToken, options.messagesPerMailbox, options.newest, options.now);
    options.onSession(session);
    try {
      await session.open();
      return { session, accessToken };
    } catch (error) {
      session.close(false).catch(() => {});
      if (options.isStopped()) return undefined;
      const failure = describeFailure(error, { host, port, user });
      // An access token may be refused before its stated expiry (revoked, clock skew): refresh once, then judge.
      if (failure.kind === 'auth' && tokens && attempt === 0) {
        log.info({ host, port, user }, 'imap: the server refused the access token; refreshing it once');
        continue;
      }
      if (failure.kind === 'auth' && tokens) {
        failure.words += ' even with a fresh access token (is IMAP allowed for this account, and was mail access granted at sign-in?)';
      }
      return { failure };
    }
  }
}
