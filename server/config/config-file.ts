import { readFile } from 'node:fs/promises';
import { ConfigError } from '../config-check.ts';
import { parseConfig, type ParseOptions, type ServerConfig } from './server-config.ts';

/** Reads the config file; a missing file, bad JSON or bad fields are a ConfigError. */
export async function loadConfigFile(path: string, options: ParseOptions = {}): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError('', `cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('', `${path}${jsonErrorPlace(text, (error as Error).message)}`);
  }
  return parseConfig(raw, options);
}

/**
 * ":3:7: expected ',' or '}' after property value (not valid JSON)": the
 * line and column as editors and terminals understand them.
 */
function jsonErrorPlace(text: string, message: string): string {
  const why = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^Unexpected/, 'unexpected').replace(/^Expected/, 'expected');
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  if (lineColumn) return `:${lineColumn[1]}:${lineColumn[2]}: ${why} (not valid JSON)`;
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return `:${before.length}:${before.at(-1)!.length + 1}: ${why} (not valid JSON)`;
  }
  // "Unexpected end of JSON input": the place is the end.
  const lines = text.split('\n');
  return `:${lines.length}:${lines.at(-1)!.length + 1}: ${why.replace(/ of JSON input$/, ' of the file')} (not valid JSON)`;
}
