import { join, type ConfigProblem } from '../config-check.ts';
import type { ServerConfig } from './server-config.ts';

/**
 * Likely mistakes in a config the server can run with: logged as warnings at
 * start and printed by `mailtray-server check`, but not refused, since the
 * config may be right (a mailbox fed later, a source being moved).
 */
export function configWarnings(config: ServerConfig): ConfigProblem[] {
  const warnings: ConfigProblem[] = [];

  const feeders = new Map<string, string[]>();
  for (const source of config.sources) {
    for (const { id } of source.mailboxes) feeders.set(id, [...(feeders.get(id) ?? []), source.at]);
  }
  for (const [id, places] of feeders) {
    if (places.length < 2) continue;
    warnings.push({
      at: places[1]!,
      problem: `the mailbox "${id}" is also fed by ${places[0]}; the two would overwrite each other's count. Give each mailbox one source`,
    });
  }

  const isSetByIngest = (id: string) => config.ingest.some((entry) => entry.view === '*' || entry.view.includes(id));
  const mayFindAny = config.sources.some((source) => source.findsMailboxes);
  if (!mayFindAny) {
    for (const [i, client] of config.clients.entries()) {
      if (client.view === '*') continue;
      for (const id of client.view) {
        if (feeders.has(id) || isSetByIngest(id)) continue;
        warnings.push({
          at: join(join('clients', i), 'mailboxes'),
          problem: `no source feeds "${id}" and no ingest token may set it, so it will stay pending; check the spelling`,
        });
      }
    }
  }

  for (const source of config.sources) {
    if (!source.findsMailboxes || source.mailboxes.length > 0) continue;
    warnings.push({
      at: source.at,
      problem: `lists no "mailboxes": if it fails before its first good read, clients see nothing and only this log says why. List the ids it feeds`,
    });
  }
  return warnings;
}
