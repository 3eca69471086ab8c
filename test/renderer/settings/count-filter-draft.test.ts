import { describe, expect, it } from 'vitest';
import type { Words } from '../../../common/i18n/translator.ts';
import { draftOfFilter, entriesOf, filterFromDraft, type CountFilterDraft } from '../../../renderer/settings/count-filter-draft.ts';

const some = (fields: Partial<CountFilterDraft>): CountFilterDraft => ({ ...draftOfFilter(undefined), mode: 'some', ...fields });
function read(draft: CountFilterDraft) {
  const problems: Array<{ field: string; key: string }> = [];
  const filter = filterFromDraft(draft, (field: string, message: Words) => problems.push({ field, key: message.key }));
  return { filter, problems };
}

describe('the "What counts" fields as a filter', () => {
  it('reads a list however it is separated, each entry once', () => {
    expect(entriesOf(' a@example.com,b@example.com;  c.example.org\na@example.com ,')).toEqual(['a@example.com', 'b@example.com', 'c.example.org']);
  });

  it('"All unread mail" is no filter, whatever is left in the other fields', () => {
    expect(read({ ...draftOfFilter(undefined), from: 'Alice' })).toEqual({ filter: undefined, problems: [] });
  });

  it('takes every part filled in', () => {
    expect(read(some({ from: 'boss@example.com, example.org', notFrom: '@ads.example', to: 'ann@example.com', flagged: true, days: ' 14 ', gmailCategory: 'updates', search: ' OR SUBJECT a (FROM b) ' })))
      .toEqual({ filter: { from: ['boss@example.com', 'example.org'], notFrom: ['@ads.example'], to: ['ann@example.com'], flagged: true, newerThanDays: 14, gmailCategory: 'updates', search: 'OR SUBJECT a (FROM b)' }, problems: [] });
  });

  it.each([
    ['a name for a sender', { from: 'Alice' }, 'countFilter.from', 'filter.check.sender'],
    ['a domain for a recipient', { to: 'example.com' }, 'countFilter.to', 'filter.check.address'],
    ['IMAP words', { notFrom: 'OR FROM a' }, 'countFilter.notFrom', 'filter.check.sender'],
    ['no days', { days: '0' }, 'countFilter.days', 'filter.check.days'],
    ['days in words', { days: 'seven' }, 'countFilter.days', 'filter.check.days'],
    ['too many days', { days: '3651' }, 'countFilter.days', 'filter.check.days'],
    ['nothing to match', {}, 'countFilter.mode', 'filter.check.empty'],
    ['IMAP search keys with a quote never closed', { search: 'SUBJECT "urgent' }, 'countFilter.search', 'filter.check.search'],
    ['IMAP search keys with a ")" too many', { search: 'FROM boss)' }, 'countFilter.search', 'filter.check.search'],
    ['IMAP search keys announcing a literal', { search: 'SUBJECT {5}' }, 'countFilter.search', 'filter.check.search'],
    ['IMAP search keys longer than 1,000 characters', { search: `SUBJECT ${'a'.repeat(1000)}` }, 'countFilter.search', 'filter.check.search'],
  ])('names %s at its field', (_name, fields, field, key) => {
    expect(read(some(fields)).problems).toEqual([{ field, key }]);
  });

  it('refuses more than 50 addresses in one list', () => {
    const many = Array.from({ length: 51 }, (_, i) => `s${i}@example.com`).join(', ');
    expect(read(some({ from: many })).problems).toEqual([{ field: 'countFilter.from', key: 'filter.check.tooMany' }]);
  });

  it('shows a saved filter as it was saved, and offers Gmail\'s tabs where one was chosen', () => {
    const filter = { from: ['boss@example.com'], to: ['ann@example.com', 'a.lee@example.org'], newerThanDays: 3, gmailCategory: 'primary' as const };
    const draft = draftOfFilter(filter);
    expect(draft).toMatchObject({ mode: 'some', from: 'boss@example.com', to: 'ann@example.com, a.lee@example.org', days: '3', hasGmailTabs: true });
    expect(read(draft).filter).toEqual(filter);
    expect(draftOfFilter({ flagged: true }).hasGmailTabs).toBe(false);
    expect(read(draftOfFilter({ search: 'NOT SUBJECT "[list]"' })).filter).toEqual({ search: 'NOT SUBJECT "[list]"' });
  });
});
