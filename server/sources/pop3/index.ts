import type { SourceType } from '../source.ts';
import { parsePop3Config, type Pop3Config } from './pop3-config.ts';
import { Pop3Source } from './pop3-source.ts';

/** `{"type": "pop3", ...}`: one POP3 maildrop, checked on an interval (see docs/sources.md, "POP3 accounts"). */
export const pop3SourceType: SourceType<Pop3Config> = {
  type: 'pop3',
  parse: parsePop3Config,
  mailboxes: (config) => [{ id: config.mailbox, name: config.name ?? config.mailbox }],
  create: (config, context) => new Pop3Source(config, context),
};
