import { parseArgs } from 'node:util';
import { translatorFor } from '../../common/i18n/translator.ts';
import { normaliseServerUrl } from '../../common/server-url.ts';
import { watchFormats, type WatchFormat } from './watch-formats.ts';

/** What `mailtray watch` was asked to do. */
export interface WatchOptions {
  /** A count server to poll, with its client token; without it, the app's own settings say. */
  server?: { url: string; token: string };
  /** The app's settings file, when not where the app keeps it. */
  settingsFile?: string;
  format: WatchFormat;
  isOnce: boolean;
  notify: boolean;
}

export type WatchArgs = { kind: 'watch'; options: WatchOptions } | { kind: 'help' } | { kind: 'usage-error'; message: string };

export const watchUsage = `Usage: mailtray watch [options]

Shows your unread mail counts in the terminal, or as lines for a status bar.
Without --server it follows the Mailtray app's own settings (its server, or
its accounts through the bundled server, started here without a window).

Options:
  --server URL       the count server to watch (with --token, or MAILTRAY_TOKEN)
  --token TOKEN      the client token for --server
  --settings FILE    the app's settings file, when not in its usual place
  --format FORMAT    text, json, waybar, i3blocks or polybar (default: text;
                     on a terminal, text is a live view updated in place)
  --once             print the state once and exit: 0 unread mail, 1 none,
                     2 cannot reach the server, 64 usage error
  --notify           desktop notifications for new mail (Linux, over D-Bus)
  -h, --help         this text

See docs/watch.md.`;

/** Reads `mailtray watch`'s arguments (after "watch"); `env` gives MAILTRAY_TOKEN. Never throws. */
export function parseWatchArgs(args: readonly string[], env: NodeJS.ProcessEnv): WatchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        settings: { type: 'string' },
        format: { type: 'string' },
        once: { type: 'boolean' },
        notify: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    // node:util's sentences name the option ("Unknown option '--fromat'"); the usage says what there is.
    return { kind: 'usage-error', message: (error as Error).message.replace(/\. To specify a positional argument.*$/s, '') };
  }
  if (values.help) return { kind: 'help' };
  const format = values.format ?? 'text';
  if (!(watchFormats as readonly string[]).includes(format)) {
    return { kind: 'usage-error', message: `--format must be one of ${watchFormats.join(', ')}; "${format}" is not` };
  }
  const options: WatchOptions = { format: format as WatchFormat, isOnce: values.once === true, notify: values.notify === true };
  if (values.settings !== undefined) {
    if (values.settings.trim() === '') return { kind: 'usage-error', message: '--settings needs the path of a settings file' };
    options.settingsFile = values.settings;
  }
  const token = values.token ?? env.MAILTRAY_TOKEN;
  if (values.server === undefined) {
    if (values.token !== undefined) return { kind: 'usage-error', message: '--token is for --server: say which server it is for' };
    return { kind: 'watch', options };
  }
  const url = normaliseServerUrl(values.server);
  if (!url.ok) return { kind: 'usage-error', message: `--server ${JSON.stringify(values.server)}: ${translatorFor('en').say(url.message)}` };
  if (token === undefined || token.trim() === '') {
    return { kind: 'usage-error', message: '--server needs a client token: pass --token TOKEN, or set MAILTRAY_TOKEN' };
  }
  options.server = { url: url.url, token: token.trim() };
  return { kind: 'watch', options };
}
