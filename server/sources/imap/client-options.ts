import { rootCertificates } from 'node:tls';
import type { ImapFlowOptions } from 'imapflow';
import type { ImapConfig } from './imap-config.ts';

/** How imapflow connects for an account: TLS as configured, the login (password or OAuth2 access token), IDLE's timing. */
export function clientOptions(config: ImapConfig, accessToken: string | undefined): ImapFlowOptions {
  const { auth } = config;
  // imapflow picks OAUTHBEARER (RFC 7628) when offered, else XOAUTH2, for an access token.
  const login = auth.kind === 'password' ? { user: config.user, pass: auth.secret.reveal() }
    : { user: config.user, accessToken: auth.kind === 'accessToken' ? auth.secret.reveal() : accessToken ?? '' };
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    // true: STARTTLS or nothing, never a silent fall-back to plain text. false: plain text, as written.
    doSTARTTLS: config.security === 'tls' ? undefined : config.security === 'starttls',
    auth: login,
    // Node's `ca` replaces the built-in authorities; keep them, so "ca" adds trust rather than moving it.
    tls: config.ca === undefined ? {} : { ca: [...rootCertificates, config.ca] },
    // imapflow's logs carry protocol lines; ours say what matters without them.
    logger: false,
    // Back to IDLE as soon as our own commands are done: until IDLE starts, the server holds
    // back news of changes. Our back-to-back STATUS commands run before this timer can fire.
    autoIdleDelay: 0,
    maxIdleTime: config.idleRestartMs,
    connectionTimeout: 30_000,
    clientInfo: { name: 'Mailtray' },
  };
}
