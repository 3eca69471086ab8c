import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Linux: the tray icon is a StatusNotifierItem registered with the desktop's
 * org.kde.StatusNotifierWatcher. When that service restarts (the panel
 * crashed or was restarted, an extension reloaded), the new one knows no
 * items and the icon is gone until the app registers again. Ferdium rebuilds
 * its tray when the watcher's D-Bus name gets a new owner (its
 * src/lib/DBus.ts, https://github.com/ferdium/ferdium-app/blob/develop/src/lib/DBus.ts).
 * This does the same with no D-Bus library: `dbus-monitor`, which every
 * desktop with a session bus has, reports the name's owner changes.
 */
export const WATCHER_NAME = 'org.kde.StatusNotifierWatcher';

const MATCH = `type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='${WATCHER_NAME}'`;

/**
 * Reads dbus-monitor's text output, a chunk at a time, and calls `onNewOwner`
 * each time the watcher's name gets an owner. A signal reads:
 *   signal time=... sender=org.freedesktop.DBus -> ... member=NameOwnerChanged
 *      string "org.kde.StatusNotifierWatcher"
 *      string ""            (the old owner)
 *      string ":1.42"       (the new one; "" when it went away)
 */
export class NameOwnerChanges {
  #pending = '';
  #args: string[] | undefined;
  readonly #onNewOwner: () => void;

  constructor(onNewOwner: () => void) {
    this.#onNewOwner = onNewOwner;
  }

  push(chunk: string): void {
    const lines = (this.#pending + chunk).split('\n');
    this.#pending = lines.pop() ?? '';
    for (const line of lines) this.#line(line);
  }

  #line(line: string): void {
    if (/^\S/.test(line)) {
      this.#args = /\bmember=NameOwnerChanged\b/.test(line) ? [] : undefined;
      return;
    }
    const string = /^\s+string "(.*)"\s*$/.exec(line);
    if (!this.#args || !string) return;
    this.#args.push(string[1]!);
    if (this.#args.length === 3) {
      const [name, , newOwner] = this.#args;
      this.#args = undefined;
      if (name === WATCHER_NAME && newOwner !== '') this.#onNewOwner();
    }
  }
}

export interface WatcherWatch {
  stop(): void;
}

/**
 * Calls `onRestart` whenever org.kde.StatusNotifierWatcher gets a new owner on
 * the session bus. Without dbus-monitor or a session bus it quietly does
 * nothing: the tray then works as before, it just is not rebuilt.
 */
export function watchStatusNotifierWatcher(onRestart: () => void, env: NodeJS.ProcessEnv = process.env): WatcherWatch {
  let child: ChildProcess | undefined;
  try {
    child = spawn('dbus-monitor', ['--session', MATCH], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return { stop() {} };
  }
  const changes = new NameOwnerChanges(onRestart);
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => changes.push(chunk));
  child.on('error', () => { child = undefined; });
  return {
    stop() {
      // Only a child that started: Node's kill() on one whose spawn failed (before its
      // 'error' event) signals whatever pid its handle holds, once 0, our own process group.
      if (child?.pid !== undefined) child.kill();
      child = undefined;
    },
  };
}
