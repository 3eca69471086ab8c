import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Secrets } from '../secrets.ts';
import { migrateSettings } from '../settings/migrate.ts';
import { SCHEMA_KEYWORDS, settingsSchema } from '../settings/schema.ts';
import { Settings } from '../settings/settings.ts';
import type { SettingsFile } from '../settings/settings-file.ts';
import { defaultSettings, type StoredSettings } from '../settings/stored-settings.ts';

/** Why the app's settings file could not be used, in a sentence for the terminal. */
export class SettingsFileError extends Error {}

const ajv = new Ajv({ allErrors: true, useDefaults: true, keywords: SCHEMA_KEYWORDS });
const validate = ajv.compile<StoredSettings>({ type: 'object', properties: settingsSchema });

/**
 * A settings file kept in memory: the app's Settings write to it (a migrated
 * layout, a snooze, a rotated refresh token), and none of that reaches the
 * disk. The app owns its file; `mailtray watch` beside it must not change it.
 */
export function memorySettingsFile(initial: StoredSettings): SettingsFile {
  let store = initial;
  return {
    get store() {
      return store;
    },
    set store(value) {
      store = value;
    },
  };
}

/**
 * The app's settings, read from `path` and never written: the file is read
 * once, migrated in memory as the app would (settings/migrate.ts) and checked
 * against the app's schema. A missing or broken file is a `SettingsFileError`.
 */
export function readAppSettings(path: string, secrets: Secrets): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SettingsFileError(code === 'ENOENT'
      ? `no settings file at ${path}: start the Mailtray app once, or pass --settings FILE, or --server URL with --token`
      : `cannot read the settings file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SettingsFileError(`the settings file ${path} is not JSON: ${(error as Error).message}`);
  }
  // As electron-store does: the defaults under what the file holds, then the schema's check.
  const stored = { ...defaultSettings(), ...migrateSettings(raw, secrets) };
  if (!validate(stored)) {
    const where = validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()).slice(0, 3).join('; ');
    throw new SettingsFileError(`the settings file ${path} is not one this version of Mailtray reads (${where})`);
  }
  return new Settings(memorySettingsFile(stored), secrets);
}

/** Settings with nothing saved: what `--server` uses where the app has no settings file. */
export function defaultAppSettings(secrets: Secrets): Settings {
  return new Settings(memorySettingsFile(defaultSettings()), secrets);
}

/**
 * The same settings, polling `url` with `token` instead of what they say (kept
 * in memory only). A server the app follows at the same address keeps its key,
 * name and mailbox settings; another is named after its host, under a key no
 * saved server has, and the plain ids' mailbox settings apply to its mailboxes
 * of the same id, as they did when the app had one id space.
 */
export function withRemoteServer(settings: Settings, secrets: Secrets, url: string, token: string): Settings {
  const stored = settings.stored;
  const known = stored.servers.remotes.find((r) => originOf(r.url) !== undefined && originOf(r.url) === originOf(url));
  let key = known?.key;
  let mailboxes = stored.mailboxes;
  let hooks = stored.hooks;
  if (key === undefined) {
    let n = 1;
    while (stored.servers.remotes.some((r) => r.key === `s${n}`)) n += 1;
    key = `s${n}`;
    const plain = (stored.mailboxes ?? []).filter((m) => !m.id.includes('/'));
    mailboxes = [...plain, ...plain.map((m) => ({ ...m, id: `${key}/${m.id}` }))];
    // The hook's ticked mailboxes too: ticked by plain id, it runs for that id on this server.
    if (hooks && hooks.mailboxes !== 'all') {
      const ticked = hooks.mailboxes.filter((id) => !id.includes('/'));
      hooks = { ...hooks, mailboxes: [...ticked, ...ticked.map((id) => `${key}/${id}`)] };
    }
  }
  const name = known?.name ?? hostOf(url);
  const servers = { bundled: { enabled: false }, remotes: [{ key, name, url, token: secrets.seal(token), enabled: true }] };
  return new Settings(memorySettingsFile({ ...stored, servers, ...(mailboxes ? { mailboxes } : {}), ...(hooks ? { hooks } : {}) }), secrets);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
