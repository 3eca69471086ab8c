import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { Settings } from '../../main/settings/settings.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { fakeSecrets } from './support/fake-secrets.ts';

// The two Do Not Disturb settings (issue 23): optional fields of settings version 4, on when missing.
let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'mailtray-dnd-settings-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

const open = () => {
  const secrets = fakeSecrets();
  return new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir, configName: 'settings' }), secrets);
};
const input = (notifications: Record<string, unknown>): SettingsInput => ({
  servers: { bundled: { enabled: true }, remotes: [] },
  accounts: [],
  notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' }, ...notifications },
  general: { launchAtLogin: false },
} as SettingsInput);

describe("the Do Not Disturb settings", () => {
  it('are missing in a new file (both on, as the notifier reads them) and saved as chosen, kept after a reopen', () => {
    const settings = open();
    expect(settings.stored.notifications.respectDnd).toBeUndefined();
    expect(settings.stored.notifications.tellAfterDnd).toBeUndefined();
    expect(settings.save(input({ respectDnd: true, tellAfterDnd: false })).ok).toBe(true);
    expect(open().view().notifications).toMatchObject({ respectDnd: true, tellAfterDnd: false });
  });

  it('a save from a window that does not send them keeps the saved ones', () => {
    const settings = open();
    expect(settings.save(input({ respectDnd: false, tellAfterDnd: false })).ok).toBe(true);
    expect(settings.save(input({})).ok).toBe(true);
    expect(settings.stored.notifications).toMatchObject({ respectDnd: false, tellAfterDnd: false });
  });

  it('anything but true or false is refused, named by its field, and nothing is saved', () => {
    const settings = open();
    const result = settings.save(input({ respectDnd: 'yes' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['notifications.respectDnd']);
    expect(settings.stored.notifications.respectDnd).toBeUndefined();
  });
});
