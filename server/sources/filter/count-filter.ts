import { ConfigError, join } from '../../config-check.ts';
import type { CountFilter } from '../../../common/count-filter.ts';
import { parseRawSearch } from '../../../common/raw-search.ts';

export type { CountFilter, GmailCategory } from '../../../common/count-filter.ts';

/** A sender entry split: a whole address, or a domain. */
export type Sender = { address: string } | { domain: string };

/** `ann@example.com` -> its address; `example.com` or `@example.com` -> its domain; lower-cased, as mail compares them. */
export function senderOf(entry: string): Sender {
  const text = entry.trim().toLowerCase();
  if (text.startsWith('@')) return { domain: text.slice(1) };
  return text.includes('@') ? { address: text } : { domain: text };
}

/**
 * The filter as the schema let it through, read into a CountFilter with the
 * rules a schema cannot say; `undefined` for none. `isImap`: Gmail's
 * categories exist only there.
 */
export function readCountFilter(raw: unknown, at: string, isImap: boolean): CountFilter | undefined {
  if (raw === undefined) return undefined;
  const entry = raw as CountFilter;
  const filter: CountFilter = {};
  const lists = ['from', 'notFrom', 'to'] as const;
  for (const key of lists) {
    const list = entry[key];
    if (list === undefined) continue;
    filter[key] = [...new Set(list.map((item) => item.trim().toLowerCase()))];
  }
  const both = (filter.from ?? []).find((item) => filter.notFrom?.some((other) => senderKey(other) === senderKey(item)));
  if (both !== undefined) throw new ConfigError(join(at, 'notFrom'), `${JSON.stringify(both)} is in "from" too: nothing could count`);
  if (entry.flagged === true) filter.flagged = true;
  if (entry.newerThanDays !== undefined) filter.newerThanDays = entry.newerThanDays;
  if (entry.search !== undefined) {
    if (!isImap) throw new ConfigError(join(at, 'search'), 'an IMAP SEARCH is sent to an IMAP server only; a Maildir takes the other parts of "filter"');
    try {
      parseRawSearch(entry.search);
    } catch (error) {
      throw new ConfigError(join(at, 'search'), (error as Error).message);
    }
    filter.search = entry.search.trim();
  }
  if (entry.gmailCategory !== undefined) {
    if (!isImap) throw new ConfigError(join(at, 'gmailCategory'), 'Gmail\'s categories exist only on a Gmail account read over IMAP');
    filter.gmailCategory = entry.gmailCategory;
  }
  return Object.keys(filter).length === 0 ? undefined : filter;
}

function senderKey(entry: string): string {
  const sender = senderOf(entry);
  return 'address' in sender ? sender.address : `@${sender.domain}`;
}

/** One text per filter, the same for equal filters: counts of the same folder under the same filter are made once. */
export function filterKey(filter: CountFilter | undefined): string {
  if (!filter) return '';
  const sorted = (list: string[] | undefined) => (list ? [...list].sort() : undefined);
  return JSON.stringify([sorted(filter.from), sorted(filter.notFrom), sorted(filter.to), filter.flagged ?? false,
    filter.newerThanDays ?? null, filter.gmailCategory ?? null, filter.search ?? null]);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first day that counts for `newerThanDays` at `now`: midnight UTC, `days` days before today. */
export function firstDay(days: number, now: number): Date {
  return new Date(Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS);
}
