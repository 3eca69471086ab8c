import type { SearchObject } from 'imapflow';
import { firstDay, senderOf, type CountFilter } from '../filter/count-filter.ts';

/** The capability a server announces when it speaks Gmail's extensions (X-GM-RAW among them). */
export const GMAIL_CAPABILITY = 'X-GM-EXT-1';

/**
 * The IMAP SEARCH for a mailbox's count: unseen messages (RFC 3501 6.4.4),
 * narrowed by its filter. Address parts match as SEARCH does, as a part of
 * the header (Dovecot, Gmail and Cyrus all compare without case), so a
 * domain is searched as `@example.com` and an address also as its
 * plus-addressed forms (`ann+` with `@example.com`). `now` dates
 * `newerThanDays` by the source's clock, not the server's.
 */
export function unseenSearch(filter: CountFilter | undefined, now: number): SearchObject {
  if (!filter) return { seen: false };
  // Gmail's own words for the tab; "is:unread" is its name for "not \Seen".
  const parts: SearchObject[] = [filter.gmailCategory ? { gmraw: `category:${filter.gmailCategory} is:unread` } : { seen: false }];
  if (filter.flagged) parts.push({ flagged: true });
  if (filter.newerThanDays !== undefined) parts.push({ sentSince: firstDay(filter.newerThanDays, now) });
  if (filter.from) parts.push(anyOf(filter.from.map(fromSearch)));
  if (filter.notFrom) parts.push({ not: anyOf(filter.notFrom.map(fromSearch)) });
  if (filter.to) parts.push(anyOf(filter.to.flatMap(toSearches)));
  return allOf(parts);
}

function fromSearch(entry: string): SearchObject {
  const sender = senderOf(entry);
  return { from: 'address' in sender ? sender.address : `@${sender.domain}` };
}

/** `ann@example.com` in To or Cc, and `ann+lists@example.com` through its two halves. */
function toSearches(entry: string): SearchObject[] {
  const at = entry.lastIndexOf('@');
  const [local, domain] = [entry.slice(0, at), entry.slice(at)];
  const searches: SearchObject[] = [{ to: entry }, { cc: entry }];
  // An address that is itself plus-addressed names only that form.
  if (!local.includes('+')) searches.push({ to: `${local}+`, header: { to: domain } }, { cc: `${local}+`, header: { cc: domain } });
  return searches;
}

function anyOf(searches: SearchObject[]): SearchObject {
  return searches.length === 1 ? searches[0]! : { or: searches };
}

/**
 * Every part at once. imapflow's query is an object, so two parts that both
 * use `or` (or `not`) cannot sit side by side. A one-element `or` is compiled
 * as its element's keys in line, which IMAP reads as "and", and `NOT NOT x`
 * is `x`: the parts that clash go one level down through those.
 */
export function allOf(parts: SearchObject[]): SearchObject {
  const merged: SearchObject = {};
  const clashing: SearchObject[] = [];
  for (const part of parts) {
    if (Object.keys(part).some((key) => key in merged)) clashing.push(part);
    else Object.assign(merged, part);
  }
  if (clashing.length === 0) return merged;
  const rest = allOf(clashing);
  if (merged.or === undefined) return { ...merged, or: [rest] };
  return { or: [merged], not: { not: rest } };
}
