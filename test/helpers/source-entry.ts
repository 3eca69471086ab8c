import { checkSourceEntry } from '../../server/config/config-schema.ts';
import { ConfigError } from '../../server/config-check.ts';

/**
 * A `sources` entry as the server hands it to its source's reader: checked by
 * the config schema, defaults filled in. The readers rely on that check, so a
 * test that calls a reader directly goes through here.
 */
export function checkedEntry(entry: Record<string, unknown>, at = 'sources[0]'): Record<string, unknown> {
  const checked = structuredClone(entry);
  const problems = checkSourceEntry(checked, at);
  if (problems.length > 0) throw new ConfigError(problems);
  return checked;
}
