import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePng } from './support/decode-png.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

// electron-builder's own config reader and validator (what `electron-builder` runs before packaging).
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add() {} };

type Targets = { target: string[]; icon: string };

describe('electron-builder.yml', () => {
  it('is valid against electron-builder\'s configuration schema', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('is checked for real: a misspelt option is refused', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    await expect(validateConfiguration({ ...config, linux: { targt: ['AppImage'] } }, quietLogger)).rejects.toThrow(/configuration\.linux/);
  });

  it('builds AppImage and deb, NSIS and dmg, each with the app icon', async () => {
    const config = await getConfig(root, 'electron-builder.yml', null);
    expect((config.linux as Targets).target).toEqual(['AppImage', 'deb']);
    expect((config.win as Targets).target).toEqual(['nsis']);
    expect((config.mac as Targets).target).toEqual(['dmg']);
    for (const platform of ['linux', 'win', 'mac'] as const) {
      expect(existsSync(`${root}/${(config[platform] as Targets).icon}`), platform).toBe(true);
    }
    // macOS and Windows icons are made from one PNG of at least 512 px.
    expect(decodePng(readFileSync(`${root}/build/icon.png`)).width).toBeGreaterThanOrEqual(512);
    expect(JSON.stringify(config.files)).toContain('"dist/**/*"');
  });
});
