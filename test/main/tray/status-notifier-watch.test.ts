import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { NameOwnerChanges, watchStatusNotifierWatcher, WATCHER_NAME } from '../../../main/tray/status-notifier-watch.ts';
import { eventually } from '../../helpers/eventually.ts';

const signal = (name: string, oldOwner: string, newOwner: string) => [
  'signal time=1.5 sender=org.freedesktop.DBus -> destination=(null destination) serial=5 path=/org/freedesktop/DBus; interface=org.freedesktop.DBus; member=NameOwnerChanged',
  `   string "${name}"`, `   string "${oldOwner}"`, `   string "${newOwner}"`, '',
].join('\n');

describe("dbus-monitor's report of the watcher's name", () => {
  test('a new owner is a restart; the owner leaving, or another name, is not', () => {
    let restarts = 0;
    const changes = new NameOwnerChanges(() => { restarts += 1; });
    changes.push(signal(WATCHER_NAME, '', ':1.42'));
    expect(restarts).toBe(1);
    changes.push(signal(WATCHER_NAME, ':1.42', ''));
    changes.push(signal('org.example.Other', '', ':1.7'));
    expect(restarts).toBe(1);
    // dbus-monitor's output arrives in pieces that need not end at a line.
    const text = signal(WATCHER_NAME, '', ':1.43');
    for (const piece of [text.slice(0, 40), text.slice(40, 200), text.slice(200)]) changes.push(piece);
    expect(restarts).toBe(2);
    // Other signals in between do not confuse it.
    changes.push('signal time=2 sender=org.freedesktop.DBus -> destination=:1.0 serial=2 path=/; member=NameAcquired\n   string ":1.0"\n');
    changes.push(signal(WATCHER_NAME, ':1.43', ':1.44'));
    expect(restarts).toBe(3);
  });
});

// A real session bus of its own, and gdbus taking the watcher's name as a restarted panel would.
describe('on a real D-Bus session bus', () => {
  let dir: string;
  let daemon: ChildProcess;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailtray-dbus-'));
    const address = `unix:path=${join(dir, 'bus')}`;
    daemon = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => daemon.stdout!.once('data', resolve));
    env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address };
  });
  afterAll(async () => {
    daemon.kill();
    await rm(dir, { recursive: true, force: true });
  });

  const takeName = (name: string) => spawnSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus',
    '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.RequestName', name, '0'], { env, encoding: 'utf8' });

  test('the tray is rebuilt each time org.kde.StatusNotifierWatcher comes back, and not for other names', async () => {
    let restarts = 0;
    const watch = watchStatusNotifierWatcher(() => { restarts += 1; }, env);
    try {
      // dbus-monitor needs a moment to become a monitor: keep restarting the watcher until it is heard.
      await eventually(() => { expect(takeName(WATCHER_NAME).status).toBe(0); return restarts >= 1; }, 10_000);
      // Let the reports of those tries arrive before counting anew.
      let settled = -1;
      await eventually(async () => {
        if (settled === restarts) return true;
        settled = restarts;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return false;
      });
      const before = restarts;
      expect(takeName('org.example.NotTheWatcher').status).toBe(0);
      expect(takeName(WATCHER_NAME).status).toBe(0);
      await eventually(() => restarts === before + 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(restarts).toBe(before + 1);
    } finally {
      watch.stop();
    }
  });

  test('without dbus-monitor it does nothing, says nothing, and signals no process when stopped', async () => {
    // Node's kill() on a child whose spawn failed sends SIGTERM to whatever pid its handle
    // holds; once that was 0, and the whole test run was terminated.
    const kill = vi.spyOn(ChildProcess.prototype, 'kill');
    try {
      const watch = watchStatusNotifierWatcher(() => { throw new Error('called'); }, { ...env, PATH: '/nonexistent' });
      watch.stop();
      // Its spawn error comes a moment later, and is taken (an unheard 'error' would fail the run).
      await new Promise((resolve) => setImmediate(resolve));
      watch.stop();
      expect(kill).not.toHaveBeenCalled();
    } finally {
      kill.mockRestore();
    }
  });
});
