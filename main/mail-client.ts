import { isOpenableAddress } from './settings/check-input.ts';

/**
 * How a click on a mailbox or its notification opens it, in this order: the
 * mailbox's web address; else the user's default mail client (without a
 * compose address: the point is to read, not to write); else the window.
 */
export type OpenPlan =
  | { kind: 'web'; url: string }
  /** Linux: the Exec line of the mail client's desktop entry, as argv. */
  | { kind: 'command'; command: string; args: string[] }
  /** macOS: the mailto: handler's .app bundle; Windows: the registered mail client's program. */
  | { kind: 'app'; path: string }
  | { kind: 'window' };

/** What the system says about its default mail client; gathered by the thin platform code. */
export interface MailClientFacts {
  platform: NodeJS.Platform;
  /** Linux: the text of the desktop entry `xdg-mime query default x-scheme-handler/mailto` names. */
  desktopEntry?: string;
  /** macOS and Windows: where the default mailto: handler is installed. */
  handlerPath?: string;
}

export function chooseOpener(webUrl: string | undefined, facts: MailClientFacts): OpenPlan {
  if (webUrl !== undefined && isOpenableAddress(webUrl)) return { kind: 'web', url: webUrl };
  if (facts.platform === 'linux' && facts.desktopEntry !== undefined) {
    const entry = parseDesktopEntry(facts.desktopEntry);
    const argv = entry.exec === undefined || entry.isTerminal ? undefined : execArgv(entry.exec);
    if (argv && argv.length > 0) return { kind: 'command', command: argv[0]!, args: argv.slice(1) };
  }
  if ((facts.platform === 'darwin' || facts.platform === 'win32') && facts.handlerPath) {
    return { kind: 'app', path: facts.handlerPath };
  }
  return { kind: 'window' };
}

export interface DesktopEntry {
  name?: string;
  exec?: string;
  /** Terminal=true: it needs a terminal around it, which we cannot pick for the user. */
  isTerminal: boolean;
}

/**
 * The keys of the `[Desktop Entry]` group (Desktop Entry Specification 1.5);
 * other groups (`[Desktop Action Compose]`) and localised keys (`Name[de]`) are
 * skipped, so their Exec lines are never taken for the main one.
 */
export function parseDesktopEntry(text: string): DesktopEntry {
  const entry: DesktopEntry = { isTerminal: false };
  let group = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      group = header[1]!;
      continue;
    }
    if (group !== 'Desktop Entry') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = unescapeValue(line.slice(eq + 1).trim());
    if (key === 'Exec' && entry.exec === undefined) entry.exec = value;
    else if (key === 'Name' && entry.name === undefined) entry.name = value;
    else if (key === 'Terminal') entry.isTerminal = value === 'true';
  }
  return entry;
}

/** The spec's escapes for string values: \s \n \t \r \\. */
function unescapeValue(value: string): string {
  return value.replace(/\\([sntr\\])/g, (_all, c: string) => ({ s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!);
}

// Field codes that expand to files, URLs or the entry's icon, name and path: all
// dropped, since we start the client with no address. %% is a literal %.
const droppedCodes = new Set(['f', 'F', 'u', 'U', 'i', 'c', 'k', 'd', 'D', 'n', 'N', 'v', 'm']);

/**
 * An Exec value as argv: arguments split at spaces, double quotes group
 * (with \" \` \$ \\ escaped inside), field codes removed. Undefined when the
 * line is malformed (an unclosed quote), so nothing half-read is run.
 */
export function execArgv(exec: string): string[] | undefined {
  const args: string[] = [];
  let current = '';
  let hasArg = false;
  let inQuotes = false;
  for (let i = 0; i < exec.length; i++) {
    const c = exec[i]!;
    if (inQuotes) {
      if (c === '\\' && i + 1 < exec.length && '"`$\\'.includes(exec[i + 1]!)) current += exec[++i];
      else if (c === '"') inQuotes = false;
      else current += c;
      continue;
    }
    if (c === '"') {
      inQuotes = true;
      hasArg = true;
    } else if (c === ' ' || c === '\t') {
      if (hasArg) args.push(current);
      current = '';
      hasArg = false;
    } else if (c === '%' && i + 1 < exec.length) {
      const code = exec[++i]!;
      if (code === '%') {
        current += '%';
        hasArg = true;
      } else if (!droppedCodes.has(code)) {
        return undefined;
      }
    } else {
      current += c;
      hasArg = true;
    }
  }
  if (inQuotes) return undefined;
  if (hasArg) args.push(current);
  return args;
}
