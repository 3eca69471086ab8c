import type { Words } from './i18n/translator.ts';
import { MAX_RAW_SEARCH_LENGTH, parseRawSearch } from './raw-search.ts';

/**
 * Which unread messages of a mailbox count (docs/sources.md, "What counts:
 * filters"): every part given must hold. The one shape for the server
 * config's `filter`, the app's settings and the form; structured, never IMAP
 * text, so nothing a person types reaches a mail server as search syntax.
 */
export interface CountFilter {
  /** From one of these: an address (`ann@example.com`) or a domain (`example.com`, `@example.com`). */
  from?: string[];
  /** From none of these (addresses or domains). */
  notFrom?: string[];
  /** To (or Cc) one of these addresses; `ann@example.com` also takes `ann+anything@example.com`. */
  to?: string[];
  /** Only flagged (starred) messages. */
  flagged?: boolean;
  /** Only messages sent on or after the day `newerThanDays` days ago (whole days, UTC). */
  newerThanDays?: number;
  /** Gmail only: one inbox tab, through X-GM-RAW where the server announces X-GM-EXT-1. */
  gmailCategory?: GmailCategory;
  /** IMAP only, advanced: IMAP SEARCH keys as written ("OR FROM boss SUBJECT urgent"), added to the rest; the mail server checks them. */
  search?: string;
}

/** Gmail's inbox tabs, as its search language names them (`category:primary`). */
export const gmailCategories = ['primary', 'social', 'promotions', 'updates', 'forums'] as const;
export type GmailCategory = (typeof gmailCategories)[number];

// What may not stand in an address's parts: space, quotes, brackets, list separators.
const part = '[^\\s@"\\\\()<>,;:]';
const label = '[^\\s@"\\\\()<>,;:.]{1,63}';

/** The rules of a filter's parts, shared by the server's config schema (a test keeps them equal), the settings and the form. */
export const filterRules = {
  /** A sender: an address, or a domain with at least one dot, maybe written with "@". */
  sender: { pattern: `^(?:${part}{1,64}@|@)?${label}(?:\\.${label})+$`, maxLength: 320, message: { key: 'filter.check.sender' } satisfies Words },
  /** A recipient: an address. */
  address: { pattern: `^${part}{1,64}@${label}(?:\\.${label})*$`, maxLength: 320, message: { key: 'filter.check.address' } satisfies Words },
  maxEntries: 50,
  days: { minimum: 1, maximum: 3650, message: { key: 'filter.check.days', values: { max: 3650 } } satisfies Words },
  /** IMAP SEARCH keys as written: read by parseRawSearch (common/raw-search.ts), which the server uses too. */
  search: { maxLength: MAX_RAW_SEARCH_LENGTH, message: { key: 'filter.check.search', values: { example: 'OR FROM boss SUBJECT urgent' } } satisfies Words },
} as const;

/** The sentences for a filter's problems that belong to no single part's rule. */
export const filterMessages = {
  tooMany: { key: 'filter.check.tooMany', values: { max: filterRules.maxEntries } },
  gmailCategory: { key: 'filter.check.gmailCategory' },
  empty: { key: 'filter.check.empty' },
} as const satisfies Record<string, Words>;

/** Every sentence the settings schema names for a filter (main/settings/schema.ts), for check-input.ts to find. */
export const filterChecks: readonly Words[] = [
  filterRules.sender.message, filterRules.address.message, filterRules.days.message, filterRules.search.message, ...Object.values(filterMessages),
];

/** Whether IMAP SEARCH keys as typed would reach the mail server as one command (quotes and parentheses closed, one line). */
export function isReadableSearch(text: string): boolean {
  try {
    parseRawSearch(text);
    return true;
  } catch {
    return false;
  }
}
