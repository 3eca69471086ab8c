import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import Conf from 'conf';
import { expect } from 'vitest';
import type { Timers } from '../../../common/timers.ts';
import type { WatchDoNotDisturb } from '../../../main/notifications/dnd-watch.ts';
import { countsClient, type RequestCounts } from '../../../main/connection/counts-client.ts';
import type { SettingsInput } from '../../../main/ipc-contract.ts';
import { MailtrayApp } from '../../../main/mailtray-app.ts';
import { Settings } from '../../../main/settings/settings.ts';
import { settingsFileOptions } from '../../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../../main/settings/stored-settings.ts';
import type { UpdaterSeat } from '../../../main/updates/update-engine.ts';
import type { AppServer } from '../../helpers/count-server.ts';
import { fakeSecrets } from './fake-secrets.ts';
import { FakeShell } from './fake-shell.ts';
import { processSpawner } from './process-spawner.ts';

export const workAccount = {
  id: 'work', name: 'Work', host: '127.0.0.1', port: 9, security: 'tls' as const, // nothing listens: fails without leaving the machine
  user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' as const, password: 'hunter2', webUrl: 'https://mail.example.com/work',
};

export function remoteSettings(server: AppServer, overrides: Partial<SettingsInput> = {}): SettingsInput {
  return {
    servers: { bundled: { enabled: false }, remotes: [{ name: 'Counts', url: server.url, token: server.token, enabled: true }] },
    accounts: [workAccount],
    notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    general: { launchAtLogin: false },
    // The remote server's "work" mailbox (its id carries the server's key) opens its web address, as the account's would.
    mailboxes: [{ id: 's1/work', webUrl: workAccount.webUrl }],
    ...overrides,
  };
}

export interface AppOptions {
  settings?: SettingsInput;
  platform?: NodeJS.Platform;
  dir?: string;
  /** The app's clock, for tests that step through time without sleeping. */
  timers?: Timers;
  /** The OS's "is there a network?", as Electron's net.isOnline() answers it. */
  isOnline?: () => boolean;
  requestCounts?: RequestCounts;
  /** The backoff's jitter (0 by default: the shortest waits). */
  random?: () => number;
  /** Rises within this long make one notification (2 s by default, as in the app). */
  burstMs?: number;
  /** The system's preferred languages, as the shell reports them (`['en-US']` by default). */
  systemLanguages?: string[];
  /** Where the shipped sounds are ('build/sounds' by default, as in development). */
  soundsFolder?: string;
  /** How long the attention cue lasts (3 s by default, as in the app). */
  cueMs?: number;
  /** Who updates this copy and electron-updater's stand-in app (test/helpers/update-feed.ts); a copy run from the source tree by default. */
  updaterSeat?: UpdaterSeat;
  /** Reads the desktop's Do Not Disturb (never on by default). */
  doNotDisturb?: WatchDoNotDisturb;
  /** The app's log lines (stderr by default, as in the app). */
  log?: (line: string) => void;
}

/**
 * The app's core as main/electron/main.ts builds it, with the fake shell,
 * settings in a temporary folder and the bundled server in a worker thread.
 * Started; `cleanups` gets what stops it and removes the folder.
 */
export async function startAppUnderTest(cleanups: Array<() => Promise<void>>, options: AppOptions = {}) {
  const dir = options.dir ?? await mkdtemp(join(tmpdir(), 'mailtray-app-'));
  const secrets = fakeSecrets();
  const settings = new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir }), secrets);
  if (options.settings) expect(settings.save(options.settings).ok).toBe(true);
  const shell = new FakeShell(options.platform);
  if (options.systemLanguages) shell.systemLanguages = options.systemLanguages;
  if (options.updaterSeat) shell.seat = options.updaterSeat;
  const { spawn, children: serverProcesses } = processSpawner();
  const app = new MailtrayApp({
    shell, settings, requestCounts: options.requestCounts ?? countsClient(axios.create()), spawnServer: spawn, random: options.random ?? (() => 0),
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.isOnline ? { isOnline: options.isOnline } : {}),
    ...(options.burstMs === undefined ? {} : { burstMs: options.burstMs }),
    ...(options.soundsFolder === undefined ? {} : { soundsFolder: options.soundsFolder }),
    ...(options.cueMs === undefined ? {} : { cueMs: options.cueMs }),
    ...(options.doNotDisturb ? { doNotDisturb: options.doNotDisturb } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  cleanups.push(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });
  app.start();
  return { app, shell, serverProcesses, settings, dir };
}
