import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAIN_PROCESS_SWITCHES } from '../../main/launch-command.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

// electron-builder's published configuration schema (the one its docs give editors as "$schema",
// and the one it validates a config against before packaging), checked here with ajv.
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
const config = parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as Record<string, unknown>;

type Targets = { target: string[]; icon: string };

describe('electron-builder.yml', () => {
  it('is valid against electron-builder\'s configuration schema', () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is checked for real: a misspelt option is refused', () => {
    expect(validate({ ...config, linux: { targt: ['AppImage'] } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
  });

  it('builds AppImage and deb, NSIS, and dmg with the zip macOS updates install from, each with the app icon', () => {
    expect((config.linux as Targets).target).toEqual(['AppImage', 'deb']);
    expect((config.win as Targets).target).toEqual(['nsis']);
    expect((config.mac as Targets).target).toEqual(['dmg', 'zip']);
    for (const platform of ['linux', 'win', 'mac'] as const) {
      expect(existsSync(`${root}/${(config[platform] as Targets).icon}`), platform).toBe(true);
    }
    // macOS and Windows icons are made from one PNG of at least 512 px.
    expect(PNG.sync.read(readFileSync(`${root}/build/icon.png`)).width).toBeGreaterThanOrEqual(512);
    expect(config.files).toContain('dist/**/*');
  });

  it('publishes updates to a generic (static HTTPS) feed, the provider the update tests read from a loopback server', () => {
    expect(config.publish).toMatchObject({ provider: 'generic', channel: 'latest' });
    expect(new URL((config.publish as { url: string }).url).protocol).toBe('https:');
  });

  it('packs the app into an asar and flips the fuses that keep the installed app from running other code', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      // ELECTRON_RUN_AS_NODE would make the signed binary a general Node.
      runAsNode: false,
      // NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) could preload any script into main.
      enableNodeOptionsEnvironmentVariable: false,
      // --inspect and SIGUSR1 would open a debugger on the main process.
      enableNodeCliInspectArguments: false,
      // The asar is checked against the hash built into the binary (macOS and Windows).
      enableEmbeddedAsarIntegrityValidation: true,
      // No app folder beside the asar is loaded instead of it.
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // The window is served from mailtray://, not file://.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('starts the main process with the switches Mailtray gives wherever it writes the command (no V8 memory reducer)', () => {
    expect(MAIN_PROCESS_SWITCHES).toEqual(['--js-flags=--no-memory-reducer']);
    expect((config.linux as { executableArgs?: string[] }).executableArgs).toEqual(MAIN_PROCESS_SWITCHES);
    const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts: Record<string, string> };
    // npm start runs the set-up first, then `npm run app`, which starts Electron.
    expect(pkg.scripts.start).toMatch(/npm run app$/);
    expect(pkg.scripts.app).toMatch(new RegExp(`electron ${MAIN_PROCESS_SWITCHES.join(' ')} \\.$`));
  });

  it('names an author, so `npm run dist` does not warn and the deb has a maintainer', () => {
    const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { author?: { name?: string; email?: string } };
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  });
});
