import type { Secrets } from '../secrets.ts';
import { defaultSettings, SETTINGS_VERSION, type StoredSettings } from './stored-settings.ts';

/**
 * Version 0: the prototype's flat file, before accounts and a version field:
 * `{ "serverUrl": "...", "token": "<plain>", "notify": true,
 *    "quietHours": "22:00-07:00", "launchAtLogin": false }`.
 */
interface SettingsV0 {
  serverUrl?: unknown;
  token?: unknown;
  notify?: unknown;
  quietHours?: unknown;
  launchAtLogin?: unknown;
}

/**
 * Brings a settings file read from disk to the current layout. Each step
 * takes one version to the next, so a file of any age walks the whole way.
 * A file newer than this app is left as it is (the schema then decides).
 */
export function migrateSettings(raw: unknown, secrets: Secrets): StoredSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return defaultSettings();
  let settings = raw as Record<string, unknown>;
  if (settings.version === undefined) settings = fromV0(settings as SettingsV0, secrets) as unknown as Record<string, unknown>;
  // Later steps go here: if (settings.version === 1) settings = fromV1(settings); ...
  return settings as unknown as StoredSettings;
}

export function needsMigration(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && (raw as { version?: unknown }).version !== SETTINGS_VERSION;
}

function fromV0(old: SettingsV0, secrets: Secrets): StoredSettings {
  const settings = defaultSettings();
  const url = typeof old.serverUrl === 'string' ? old.serverUrl.trim() : '';
  if (/^https?:\/\//.test(url)) {
    settings.server = { mode: 'remote', url, token: typeof old.token === 'string' && old.token ? secrets.seal(old.token) : '' };
  }
  if (typeof old.notify === 'boolean') settings.notifications.enabled = old.notify;
  const quiet = typeof old.quietHours === 'string' ? /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(old.quietHours) : null;
  if (quiet) settings.notifications.quietHours = { enabled: true, start: quiet[1]!, end: quiet[2]! };
  if (typeof old.launchAtLogin === 'boolean') settings.general.launchAtLogin = old.launchAtLogin;
  return settings;
}
