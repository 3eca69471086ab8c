import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The XDG autostart entry (freedesktop.org "Desktop Application Autostart
 * Specification") that starts Mailtray at login on Linux desktops.
 */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Mailtray',
    'Comment=Unread mail counts in the tray',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Icon=mailtray',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Quoting per the Desktop Entry Specification, "The Exec key". */
export function quoteExecArgument(argument: string): string {
  if (!/[\s"'\\`$<>|;&*?#()~]/.test(argument) && argument !== '') return argument.replace(/%/g, '%%');
  return `"${argument.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

/** Writes or removes `<configHome>/autostart/mailtray.desktop`. */
export async function setLinuxAutostart(enabled: boolean, options: { configHome: string; command: readonly string[] }): Promise<void> {
  const file = join(options.configHome, 'autostart', 'mailtray.desktop');
  if (!enabled) return rm(file, { force: true });
  await mkdir(join(options.configHome, 'autostart'), { recursive: true });
  await writeFile(file, autostartEntry(options.command));
}
