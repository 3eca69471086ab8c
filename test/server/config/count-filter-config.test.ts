import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config-check.ts';
import { parseConfig } from '../../../server/config/server-config.ts';

const client = { name: 'ann-laptop', token: 'a-client-token-of-enough-length', mailboxes: '*' };
const imap = { type: 'imap', host: 'imap.example.com', user: 'ann', password: 'imap-password' };

function problemsOf(source: object): string[] {
  try {
    parseConfig({ clients: [client], sources: [source] }, { env: {} });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.split('\n');
  }
  throw new Error('the config was accepted');
}

describe('a mailbox filter in the server config', () => {
  it('is accepted in each place it may stand: beside "mailbox", per mailbox, on a Maildir', () => {
    const config = parseConfig({
      clients: [client],
      sources: [
        { ...imap, mailbox: 'ann', filter: { from: ['boss@example.com', 'example.org'], flagged: true } },
        { ...imap, user: 'bob', mailboxes: [{ id: 'bob-primary', filter: { gmailCategory: 'primary' } }, { id: 'bob' }] },
        { type: 'maildir', path: '/var/mail/carol', mailbox: 'carol', filter: { to: ['carol+lists@example.com'], newerThanDays: 7 } },
      ],
    }, { env: {} });
    expect(config.sources).toHaveLength(3);
  });

  it.each([
    ['a sender that is neither an address nor a domain', { ...imap, mailbox: 'ann', filter: { from: ['Alice'] } },
      'sources[0].filter.from[0]: must be a mail address like "ann@example.com" or a domain like "example.com", not the text "Alice"'],
    ['a domain where an address is needed', { ...imap, mailbox: 'ann', filter: { to: ['example.com'] } },
      'sources[0].filter.to[0]: must be a mail address like "ann@example.com", not the text "example.com"'],
    ['flagged: false', { ...imap, mailbox: 'ann', filter: { flagged: false } },
      'sources[0].filter.flagged: must be true (count only flagged messages), or leave it out, not boolean false'],
    ['no days', { ...imap, mailbox: 'ann', filter: { newerThanDays: 0 } },
      'sources[0].filter.newerThanDays: must be a whole number of days from 1 to 3650, not number 0'],
    ['a tab Gmail does not have', { ...imap, mailbox: 'ann', filter: { gmailCategory: 'inbox' } },
      'sources[0].filter.gmailCategory: must be one of "primary", "social", "promotions", "updates", "forums", not the text "inbox"'],
    ['a misspelt part', { ...imap, mailbox: 'ann', filter: { form: ['a@example.com'] } },
      'sources[0].filter.form: unknown field; the fields here are from, notFrom, to, flagged, newerThanDays, gmailCategory'],
    ['an empty filter', { ...imap, mailbox: 'ann', filter: {} },
      'sources[0].filter: is empty: give one or more of "from", "notFrom", "to", "flagged", "newerThanDays", "gmailCategory", or leave "filter" out to count every unread message'],
    ['IMAP search text', { ...imap, mailbox: 'ann', filter: 'UNSEEN FROM boss' },
      'sources[0].filter: must be an object with one or more of "from", "notFrom", "to", "flagged", "newerThanDays", "gmailCategory", not the text "UNSEEN FROM boss"'],
    ['one filter for several mailboxes', { ...imap, mailboxes: [{ id: 'a' }], filter: { flagged: true } },
      'sources[0].filter: with "mailboxes", give each mailbox its own "filter"'],
    ['a sender both wanted and not', { ...imap, mailboxes: [{ id: 'a', filter: { from: ['a@example.com'], notFrom: ['A@Example.com'] } }] },
      'sources[0].mailboxes[0].filter.notFrom: "a@example.com" is in "from" too: nothing could count'],
    ['Gmail\'s tabs on a Maildir', { type: 'maildir', path: '/var/mail/ann', mailbox: 'ann', filter: { gmailCategory: 'social' } },
      'sources[0].filter.gmailCategory: Gmail\'s categories exist only on a Gmail account read over IMAP'],
  ])('refuses %s, saying where and why', (_name, source, problem) => {
    expect(problemsOf(source)).toEqual([problem]);
  });
});
