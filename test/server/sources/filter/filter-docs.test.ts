import { readFile } from 'node:fs/promises';
import { searchCompiler } from 'imapflow/lib/search-compiler.js';
import { describe, expect, it } from 'vitest';
import { unseenSearch } from '../../../../server/sources/imap/filter-search.ts';
import { maildirSourceType } from '../../../../server/sources/maildir.ts';
import { imapSourceType } from '../../../../server/sources/imap/index.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';

const page = await readFile(new URL('../../../../docs/sources.md', import.meta.url), 'utf8');
const section = page.slice(page.indexOf('## What counts: filters'), page.indexOf('## Counts file'));
const examples = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

const env = { ANN_IMAP_PASSWORD: 'password', ANN_GOOGLE_REFRESH_TOKEN: 'refresh' };

type Attribute = { value: string } | Attribute[];
/** The SEARCH keys as the docs write them: atoms and strings as they are, groups in parentheses. */
const wireText = (attributes: Attribute[]): string =>
  attributes.map((a) => (Array.isArray(a) ? `(${wireText(a)})` : a.value)).join(' ');

describe('docs/sources.md, "What counts: filters"', () => {
  it('shows four config examples, each read as the page says', () => {
    expect(examples).toHaveLength(4);
    const [one, two, maildir, gmail] = examples;
    expect(imapSourceType.parse(checkedEntry(one!), 'sources[0]', env).mailboxes[0]!.filter)
      .toEqual({ from: ['boss@example.com', 'example.org'], notFrom: ['noreply@example.org'] });
    const mailboxes = imapSourceType.parse(checkedEntry(two!), 'sources[0]', env).mailboxes;
    expect(mailboxes[0]!.filter).toBeUndefined();
    expect(mailboxes[1]!.folders).toEqual(['INBOX', 'Lists']);
    expect(maildirSourceType.parse(checkedEntry(maildir!), 'sources[0]', env).filter).toEqual({ to: ['ann+lists@example.com'] });
    expect(imapSourceType.parse(checkedEntry(gmail!), 'sources[0]', env).mailboxes.map((m) => m.filter))
      .toEqual([{ gmailCategory: 'primary' }, { gmailCategory: 'updates' }]);
  });

  it('shows the IMAP SEARCH the second example is searched as, on the day it names', () => {
    const shown = /```imap-search\n(.*)\n```/.exec(section)![1];
    const filter = imapSourceType.parse(checkedEntry(examples[1]!), 'sources[0]', env).mailboxes[1]!.filter;
    const connection = { capabilities: new Map(), enabled: new Set() };
    const attributes = searchCompiler(connection as never, unseenSearch(filter, Date.parse('2026-12-05T12:00:00Z'))) as Attribute[];
    expect(wireText(attributes)).toBe(shown);
  });

  it('quotes the Gmail search the server sends', () => {
    const filter = imapSourceType.parse(checkedEntry(examples[3]!), 'sources[0]', env).mailboxes[0]!.filter;
    expect(section).toContain(`X-GM-RAW "${String(unseenSearch(filter, 0).gmraw)}"`);
  });
});
