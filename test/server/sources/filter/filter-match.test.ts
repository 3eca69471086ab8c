import { describe, expect, it } from 'vitest';
import { firstDay, filterKey } from '../../../../server/sources/filter/count-filter.ts';
import { matchesFilter, type MessageFacts } from '../../../../server/sources/filter/filter-match.ts';

const now = Date.parse('2026-12-05T07:30:00Z');
const facts = (extra: Partial<MessageFacts> = {}): MessageFacts => ({
  from: ['alice@example.com'], to: ['ann@example.com'], sentAt: now, isFlagged: false, ...extra,
});

describe('which message a filter takes', () => {
  it.each([
    ['an address', { from: ['alice@example.com'] }, facts(), true],
    ['a domain', { from: ['example.com'] }, facts(), true],
    ['a domain written with @', { from: ['@example.com'] }, facts(), true],
    ['not a sub-domain', { from: ['example.com'] }, facts({ from: ['x@mail.example.com'] }), false],
    ['not another sender', { from: ['bob@example.com'] }, facts(), false],
    ['notFrom an address', { notFrom: ['alice@example.com'] }, facts(), false],
    ['notFrom a domain', { notFrom: ['example.com'] }, facts(), false],
    ['notFrom someone else', { notFrom: ['example.org'] }, facts(), true],
    ['to the address', { to: ['ann@example.com'] }, facts(), true],
    ['to a plus form', { to: ['ann@example.com'] }, facts({ to: ['ann+lists@example.com'] }), true],
    ['not to a longer name', { to: ['ann@example.com'] }, facts({ to: ['joann@example.com'] }), false],
    ['a plus form names only itself', { to: ['ann+lists@example.com'] }, facts({ to: ['ann+shop@example.com'] }), false],
    ['flagged wanted, not flagged', { flagged: true }, facts(), false],
    ['flagged wanted and flagged', { flagged: true }, facts({ isFlagged: true }), true],
    ['no date at all is not recent', { newerThanDays: 3 }, facts({ sentAt: undefined }), false],
    ['Gmail\'s tabs are not in a Maildir', { gmailCategory: 'primary' as const }, facts(), false],
  ])('%s', (_name, filter, message, expected) => {
    expect(matchesFilter(message, filter, now)).toBe(expected);
  });

  it('"newerThanDays" starts at midnight UTC that many days ago, by the clock it is given', () => {
    expect(firstDay(3, now).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(matchesFilter(facts({ sentAt: Date.parse('2026-12-02T00:00:00Z') }), { newerThanDays: 3 }, now)).toBe(true);
    expect(matchesFilter(facts({ sentAt: Date.parse('2026-12-01T23:59:59Z') }), { newerThanDays: 3 }, now)).toBe(false);
    // A day later the same message has aged out.
    expect(matchesFilter(facts({ sentAt: Date.parse('2026-12-02T00:00:00Z') }), { newerThanDays: 3 }, now + 24 * 3600_000)).toBe(false);
  });

  it('equal filters share one key, whatever the order of their lists', () => {
    expect(filterKey({ from: ['a@example.com', 'b@example.com'] })).toBe(filterKey({ from: ['b@example.com', 'a@example.com'] }));
    expect(filterKey({ from: ['a@example.com'] })).not.toBe(filterKey({ notFrom: ['a@example.com'] }));
  });
});
