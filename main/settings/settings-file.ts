import type { Options as ConfOptions, Schema } from 'conf';
import type { Secrets } from '../secrets.ts';
import { migrateSettings } from './migrate.ts';
import { SCHEMA_KEYWORDS, settingsSchema } from './schema.ts';
import { defaultSettings, type StoredSettings } from './stored-settings.ts';

/** The part of electron-store (and of conf, which it wraps) the app uses: the whole store at once. */
export interface SettingsFile {
  get store(): StoredSettings;
  set store(value: StoredSettings);
}

/**
 * Options for electron-store in the app and for conf in tests: the schema
 * checks every write, and `deserialize` migrates an old file as it is read,
 * before the schema sees it.
 */
export function settingsFileOptions(secrets: Secrets): ConfOptions<StoredSettings> {
  return {
    schema: settingsSchema as unknown as Schema<StoredSettings>,
    // The schema carries the form's sentences (ajv-errors' errorMessage); conf's own ajv need only accept the keyword.
    ajvOptions: { keywords: SCHEMA_KEYWORDS },
    defaults: defaultSettings(),
    deserialize: (text: string) => migrateSettings(JSON.parse(text), secrets),
    // A hand-broken file is reported, not silently emptied.
    clearInvalidConfig: false,
    // Read once and kept: without it every read parses, migrates and checks the
    // file again, and the app reads settings on every count it renders.
    cache: true,
  };
}
