import type { SourceType } from '../source.ts';
import { ImapAccount } from './imap-account.ts';
import { parseImapConfig, type ImapConfig } from './imap-config.ts';

/** `{"type": "imap", ...}`: one IMAP account, pushed by IDLE (see docs/sources.md, "IMAP accounts"). */
export const imapSourceType: SourceType<ImapConfig> = {
  canMarkRead: true,
  type: 'imap',
  parse: parseImapConfig,
  mailboxes: (config) => config.mailboxes.map(({ id, name }) => ({ id, name: name ?? id })),
  create: (config, context) => new ImapAccount(config, context),
};
