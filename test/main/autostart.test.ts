import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, quoteExecArgument, setLinuxAutostart } from '../../main/autostart.ts';
import { launchCommand } from '../../main/launch-command.ts';

describe('launch at login on Linux', () => {
  it('writes an autostart entry that runs the app, and removes it when turned off', async () => {
    const configHome = await mkdtemp(join(tmpdir(), 'mailtray-xdg-'));
    try {
      await setLinuxAutostart(true, { configHome, command: ['/opt/Mailtray/mailtray'] });
      const file = join(configHome, 'autostart', 'mailtray.desktop');
      expect(await readFile(file, 'utf8')).toContain('Exec=/opt/Mailtray/mailtray\n');
      await setLinuxAutostart(false, { configHome, command: [] });
      await expect(stat(file)).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(configHome, { recursive: true, force: true });
    }
  });

  it('quotes paths with spaces and escapes what the spec says to escape', () => {
    expect(quoteExecArgument('/home/ann/My Apps/Mailtray.AppImage')).toBe('"/home/ann/My Apps/Mailtray.AppImage"');
    expect(quoteExecArgument('100%')).toBe('100%%');
    expect(quoteExecArgument('a"b$c')).toBe('"a\\"b\\$c"');
    expect(autostartEntry(['/usr/bin/electron', '/src/mailtray'])).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });

  it('starts the AppImage, the installed binary, or Electron with the app folder, each without V8\'s memory reducer', () => {
    const where = { appImage: undefined, isPackaged: false, execPath: '/src/node_modules/electron/dist/electron', appPath: '/src/mailtray' };
    expect(autostartEntry(launchCommand({ ...where, appImage: '/home/ann/Apps/Mailtray.AppImage' })))
      .toContain('Exec=/home/ann/Apps/Mailtray.AppImage --js-flags=--no-memory-reducer\n');
    expect(launchCommand({ ...where, isPackaged: true, execPath: '/opt/Mailtray/mailtray' })).toEqual(['/opt/Mailtray/mailtray', '--js-flags=--no-memory-reducer']);
    expect(launchCommand(where)).toEqual(['/src/node_modules/electron/dist/electron', '--js-flags=--no-memory-reducer', '/src/mailtray']);
  });
});
