import { filterMessages, filterRules, gmailCategories, isReadableSearch, type CountFilter, type GmailCategory } from '../../common/count-filter.ts';
import type { Words } from '../../common/i18n/translator.ts';

/** An account's "What counts" as the form holds it: what was typed, before any checks. */
export interface CountFilterDraft {
  mode: 'all' | 'some';
  /** Addresses or domains, as typed: separated by commas, semicolons or spaces. */
  from: string;
  notFrom: string;
  to: string;
  flagged: boolean;
  /** A number of days, or '' for mail of any age. */
  days: string;
  /** '' for every tab. */
  gmailCategory: GmailCategory | '';
  /** Advanced: IMAP SEARCH keys as typed, '' for none. */
  search: string;
  /** Whether the Gmail tabs are offered: the server announced X-GM-EXT-1 at a test, or a tab is already chosen. */
  hasGmailTabs: boolean;
}

/** The form's draft of a saved filter (none: all unread mail). */
export function draftOfFilter(filter: CountFilter | undefined): CountFilterDraft {
  return {
    mode: filter ? 'some' : 'all',
    from: (filter?.from ?? []).join(', '),
    notFrom: (filter?.notFrom ?? []).join(', '),
    to: (filter?.to ?? []).join(', '),
    flagged: filter?.flagged === true,
    days: filter?.newerThanDays === undefined ? '' : String(filter.newerThanDays),
    gmailCategory: filter?.gmailCategory ?? '',
    search: filter?.search ?? '',
    hasGmailTabs: filter?.gmailCategory !== undefined,
  };
}

/** The typed list as entries: commas, semicolons and spaces all separate ("a@x.com; b@y.org"). */
export function entriesOf(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/u).map((entry) => entry.trim()).filter((entry) => entry !== ''))];
}

/**
 * The filter the draft describes, checked by the same rules as the settings
 * file and the server config; `problem` hears what is wrong by field
 * ("countFilter.from"). `undefined`: all unread mail counts.
 */
export function filterFromDraft(draft: CountFilterDraft, problem: (field: string, message: Words) => void): CountFilter | undefined {
  if (draft.mode === 'all') return undefined;
  const filter: CountFilter = {};
  const list = (field: 'from' | 'notFrom' | 'to', rule: typeof filterRules.sender | typeof filterRules.address) => {
    const entries = entriesOf(draft[field]);
    if (entries.length === 0) return;
    const pattern = new RegExp(rule.pattern, 'u');
    if (entries.some((entry) => entry.length > rule.maxLength || !pattern.test(entry))) problem(`countFilter.${field}`, rule.message);
    else if (entries.length > filterRules.maxEntries) problem(`countFilter.${field}`, filterMessages.tooMany);
    else filter[field] = entries;
  };
  list('from', filterRules.sender);
  list('notFrom', filterRules.sender);
  list('to', filterRules.address);
  if (draft.flagged) filter.flagged = true;
  const days = draft.days.trim();
  if (days !== '') {
    const value = Number(days);
    const { minimum, maximum, message } = filterRules.days;
    if (!/^\d+$/u.test(days) || value < minimum || value > maximum) problem('countFilter.days', message);
    else filter.newerThanDays = value;
  }
  if (draft.gmailCategory !== '') {
    if (gmailCategories.includes(draft.gmailCategory)) filter.gmailCategory = draft.gmailCategory;
    else problem('countFilter.gmailCategory', filterMessages.gmailCategory);
  }
  const search = draft.search.trim();
  if (search !== '') {
    if (search.length > filterRules.search.maxLength || !isReadableSearch(search)) problem('countFilter.search', filterRules.search.message);
    else filter.search = search;
  }
  // "Only mail that matches" with nothing to match would count all of it: say so rather than save a filter that is not one.
  const hasProblem = ['from', 'notFrom', 'to'].some((field) => entriesOf(draft[field as 'from']).length > 0 && filter[field as 'from'] === undefined)
    || (days !== '' && filter.newerThanDays === undefined) || (search !== '' && filter.search === undefined);
  if (Object.keys(filter).length === 0 && !hasProblem) {
    problem('countFilter.mode', filterMessages.empty);
    return undefined;
  }
  return Object.keys(filter).length === 0 ? undefined : filter;
}
