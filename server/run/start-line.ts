import type { ServerConfig } from '../config/server-config.ts';

const NAMES_SHOWN = 8;

/** "3 clients (ann-laptop, bob-laptop, ops), 1 ingest token (mail-db), 3 declared mailboxes, 1 source (imap)": what a config holds. */
export function configSummary(config: ServerConfig): string {
  const names = (list: ReadonlyArray<{ name: string }>) => {
    if (list.length === 0) return '';
    const shown = list.slice(0, NAMES_SHOWN).map((entry) => entry.name).join(', ');
    return ` (${list.length > NAMES_SHOWN ? `${shown} and ${list.length - NAMES_SHOWN} more` : shown})`;
  };
  const types = config.sources.length === 0 ? '' : ` (${config.sources.map((s) => s.type).join(', ')})`;
  return [
    `${counted(config.clients.length, 'client', 'clients')}${names(config.clients)}`,
    `${counted(config.ingest.length, 'ingest token', 'ingest tokens')}${names(config.ingest)}`,
    counted(config.mailboxes.length, 'declared mailbox', 'declared mailboxes'),
    `${counted(config.sources.length, 'source', 'sources')}${types}`,
  ].join(', ');
}

/** The line the server logs when it listens: its version, where, and what it serves. */
export function startLine(version: string, url: string, config: ServerConfig): string {
  return `mailtray-server ${version} listening at ${url} with ${configSummary(config)}`;
}

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
