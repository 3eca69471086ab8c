import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as Record<string, Record<string, unknown>>;
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { description: string; desktopName?: string };

// The languages the app ships (issue 21): English, then Korean, German, Japanese, Arabic.
const translated = ['ko', 'de', 'ja', 'ar'] as const;

// electron-builder's own code, so the test sees what `npm run dist` would write, not a copy of its rules.
type DesktopHelper = { computeDesktopEntry(options: unknown): Promise<string> };
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as { LinuxTargetHelper: new (packager: unknown) => DesktopHelper };
const { LangConfigurator, createAddLangsMacro } = require('app-builder-lib/out/targets/nsis/nsisLang') as {
  LangConfigurator: new (options: unknown) => { langs: string[] };
  createAddLangsMacro(generator: { macro(name: string, lines: string[]): void }, langs: { langs: string[] }): void;
};

/** The [Desktop Entry] the Linux packages install, as electron-builder writes it from electron-builder.yml. */
async function desktopEntry(): Promise<Map<string, string>> {
  const linux = config.linux!;
  const packager = {
    appInfo: { productName: 'Mailtray', sanitizedProductName: 'Mailtray', description: pkg.description },
    executableName: linux.executableName,
    info: { metadata: { desktopName: pkg.desktopName } },
    config,
    platformSpecificBuildOptions: linux,
    fileAssociations: [],
  };
  const text = await new LinuxTargetHelper(packager).computeDesktopEntry(linux);
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('[Desktop Entry]');
  return new Map(lines.slice(1).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)] as [string, string];
  }));
}

describe('the installers in the shipped languages', () => {
  it('the Linux desktop entry keeps the product name and translates what it is and how to find it', async () => {
    const entry = await desktopEntry();
    // The product name is a name: "Mailtray" in every language, as the window and the tray say it.
    expect(entry.get('Name')).toBe('Mailtray');
    expect([...entry.keys()].filter((key) => key.startsWith('Name['))).toEqual([]);
    expect(entry.get('Comment')).toBe(config.linux!.description);
    expect(entry.get('GenericName')).toBe('Mail Notifier');
    for (const lang of translated) {
      for (const key of ['GenericName', 'Comment', 'Keywords']) expect(entry.get(`${key}[${lang}]`), `${key}[${lang}]`).toBeTruthy();
      // A list value ends in ";" (Desktop Entry Specification, "localestrings").
      expect(entry.get(`Keywords[${lang}]`)).toMatch(/^[^;]+(;[^;]+)*;$/);
    }
    expect(entry.get('Keywords')).toMatch(/;$/);
  });

  it('the Korean entry uses the words Korean mail users know (GLOSSARY-ko.md)', async () => {
    const entry = await desktopEntry();
    expect(entry.get('Comment[ko]')).toContain('읽지 않은 메일');
    expect(entry.get('Comment[ko]')).toContain('메일함');
    expect(entry.get('Comment[ko]')).toMatch(/몇 통/);
    expect(entry.get('Keywords[ko]')!.split(';')).toEqual(expect.arrayContaining(['메일', '읽지 않은 메일', '받은편지함', '알림']));
  });

  it('every translated key is a locale key of the spec, and every value one line', async () => {
    for (const [key, value] of await desktopEntry()) {
      expect(key).toMatch(/^[A-Za-z0-9-]+(\[[a-z]{2,3}(_[A-Z]{2})?\])?$/);
      expect(value).not.toMatch(/[\r\n]/);
    }
  });

  it('the Windows installer is one NSIS installer in the shipped languages, English first', () => {
    const nsis = config.nsis!;
    expect(nsis.multiLanguageInstaller).toBe(true);
    const langs = new LangConfigurator(nsis).langs;
    expect(langs).toEqual(['en_US', 'ko_KR', 'de_DE', 'ja_JP', 'ar_SA']);
    const macros: string[] = [];
    createAddLangsMacro({ macro: (_name, lines) => macros.push(...lines) }, { langs });
    expect(macros).toEqual(['English', 'Korean', 'German', 'Japanese', 'Arabic'].map((name) => `!insertmacro MUI_LANGUAGE "${name}"`));
  });
});
