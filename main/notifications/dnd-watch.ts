import { existsSync } from 'node:fs';
import { watchLinuxDoNotDisturb } from './dnd-linux.ts';

/** A running watch of the desktop's Do Not Disturb. */
export interface DoNotDisturbWatch {
  /** Resolves once the first state was read (or found unreadable). */
  ready: Promise<void>;
  stop(): void;
}

/** Starts watching; `onChange(isOn)` is called each time Do Not Disturb goes on or off (the first call only when it starts on). */
export type WatchDoNotDisturb = (onChange: (isOn: boolean) => void) => DoNotDisturbWatch;

/**
 * How the app reads Do Not Disturb on each platform, or undefined where it cannot:
 * - Linux: over the session bus (dnd-linux.ts), given its address.
 * - Windows: SHQueryUserNotificationState (shell32) tells Focus Assist / Do not
 *   disturb, but only native code can call it (Mattermost ships a native
 *   module for it, windows-focus-assist); Mailtray has no native module, so
 *   it is not read. Windows itself holds the app's toasts in the notification
 *   centre, silently, while Do not disturb is on.
 * - macOS: since macOS 12 an app cannot read whether a Focus is on (the old
 *   `com.apple.notificationcenterui` doNotDisturb default is gone; Intents'
 *   INFocusStatusCenter needs native code and an entitlement, and says only
 *   whether notifications of the app would be silenced). macOS holds the
 *   app's notifications itself while a Focus is on.
 */
export function desktopDoNotDisturb(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): WatchDoNotDisturb | undefined {
  const address = platform === 'linux' ? sessionBusAddress(env) : undefined;
  if (address === undefined) return undefined;
  return (onChange) => watchLinuxDoNotDisturb(address, onChange);
}

/** The session bus: DBUS_SESSION_BUS_ADDRESS, else systemd's per-user bus where it exists. */
export function sessionBusAddress(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DBUS_SESSION_BUS_ADDRESS) return env.DBUS_SESSION_BUS_ADDRESS;
  const runtime = env.XDG_RUNTIME_DIR;
  return runtime && existsSync(`${runtime}/bus`) ? `unix:path=${runtime}/bus` : undefined;
}
