import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../server/config-check.ts';
import { configWarnings } from '../../../server/config/config-warnings.ts';
import { parseConfig } from '../../../server/config/server-config.ts';

const token = (n: number) => `a-token-of-16-chars-${n}`;
const warningsOf = (raw: Record<string, unknown>) => configWarnings(parseConfig(raw, { env: {} })).map(formatProblem);

describe('warnings at start', () => {
  it('warns of a mailbox id fed by two sources', () => {
    expect(warningsOf({
      sources: [
        { type: 'maildir', path: '/srv/ann', mailbox: 'ann' },
        { type: 'imap', host: 'imap.example.com', user: 'ann', password: 'pw', mailboxes: [{ id: 'work' }, { id: 'ann' }] },
      ],
    })).toEqual(['sources[1]: the mailbox "ann" is also fed by sources[0]; the two would overwrite each other\'s count. Give each mailbox one source']);
  });

  it('warns of a client listing an id that no source feeds and no ingest token may set', () => {
    const clients = [{ name: 'ann', token: token(1), mailboxes: ['ann', 'ann-wrok'] }];
    const sources = [{ type: 'maildir', path: '/srv/ann', mailbox: 'ann' }];
    expect(warningsOf({ clients, sources })).toEqual([
      'clients[0].mailboxes: no source feeds "ann-wrok" and no ingest token may set it, so it will stay pending; check the spelling',
    ]);
    expect(warningsOf({ clients, sources, ingest: [{ name: 'db', token: token(2), mailboxes: ['ann-wrok'] }] })).toEqual([]);
    expect(warningsOf({ clients, sources, ingest: [{ name: 'db', token: token(2) }] })).toEqual([]);
  });

  it('does not guess about ids a counts file or a query may name, but asks such a source to list its mailboxes', () => {
    expect(warningsOf({
      clients: [{ name: 'ann', token: token(1), mailboxes: ['ann'] }],
      sources: [{ type: 'counts-file', path: '/srv/counts.txt' }],
    })).toEqual([
      'sources[0]: lists no "mailboxes": if it fails before its first good read, clients see nothing and only this log says why. List the ids it feeds',
    ]);
    expect(warningsOf({ sources: [{ type: 'counts-file', path: '/srv/counts.txt', mailboxes: ['ann'] }] })).toEqual([]);
  });
});
