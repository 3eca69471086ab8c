import { firstDay, senderOf, type CountFilter } from './count-filter.ts';

/** What a filter looks at in one message, read from its header and flags. */
export interface MessageFacts {
  /** The From addresses, lower-cased. */
  from: string[];
  /** The To and Cc addresses, lower-cased. */
  to: string[];
  /** When it was sent (the Date header), else when it was delivered; undefined when neither is known. */
  sentAt: number | undefined;
  isFlagged: boolean;
}

/**
 * Whether an unread message counts under `filter`, matched exactly on the
 * parsed addresses (a domain is the part after the last "@"). Gmail's
 * categories are not in a message: a filter with one never matches here.
 */
export function matchesFilter(facts: MessageFacts, filter: CountFilter, now: number): boolean {
  if (filter.gmailCategory !== undefined) return false;
  if (filter.flagged && !facts.isFlagged) return false;
  if (filter.newerThanDays !== undefined) {
    if (facts.sentAt === undefined || facts.sentAt < firstDay(filter.newerThanDays, now).getTime()) return false;
  }
  if (filter.from && !facts.from.some((address) => filter.from!.some((entry) => isSender(address, entry)))) return false;
  if (filter.notFrom && facts.from.some((address) => filter.notFrom!.some((entry) => isSender(address, entry)))) return false;
  if (filter.to && !facts.to.some((address) => filter.to!.some((entry) => isRecipient(address, entry)))) return false;
  return true;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

function isSender(address: string, entry: string): boolean {
  const sender = senderOf(entry);
  return 'address' in sender ? address === sender.address : domainOf(address) === sender.domain;
}

/** `ann@example.com` takes itself and `ann+anything@example.com`; `ann+lists@example.com` only itself. */
function isRecipient(address: string, entry: string): boolean {
  if (address === entry) return true;
  const at = entry.lastIndexOf('@');
  const local = entry.slice(0, at);
  if (local.includes('+')) return false;
  return domainOf(address) === entry.slice(at + 1) && address.startsWith(`${local}+`);
}
