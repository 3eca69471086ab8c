import type { SoundChoice } from '../ipc-contract.ts';

/** The sounds shipped with the app (build/sounds/, made by scripts/make-sounds.ts). */
export const APP_SOUNDS = ['chime', 'bell', 'drop'] as const;
export type AppSound = (typeof APP_SOUNDS)[number];

/**
 * What a notification sounds like: nothing, the notification's own sound
 * (the desktop's: macOS's and Windows's default, the Linux notification
 * server's, which may be none), or a file the app plays beside a silent
 * notification.
 */
export type SoundPlan = { kind: 'none' } | { kind: 'system' } | { kind: 'file'; path: string };

/** A mailbox's sound setting as saved: its choice, and the file it names for 'file'. */
export interface MailboxSound {
  sound?: SoundChoice;
  soundFile?: string;
}

/**
 * The sound for a notification: the mailbox's choice, or for 'default' the
 * global switch (on: the system's). A chosen file that is not set falls back
 * to the system's sound rather than to silence: the user asked for a sound.
 */
export function soundPlan(mailbox: MailboxSound, soundOn: boolean, soundsFolder: string): SoundPlan {
  const choice = mailbox.sound ?? 'default';
  switch (choice) {
    case 'default':
      return soundOn ? { kind: 'system' } : { kind: 'none' };
    case 'none':
      return { kind: 'none' };
    case 'system':
      return { kind: 'system' };
    case 'file':
      return mailbox.soundFile ? { kind: 'file', path: mailbox.soundFile } : { kind: 'system' };
    default:
      return { kind: 'file', path: joinPath(soundsFolder, `${choice}.wav`) };
  }
}

/** The loudest wish of several mailboxes in one notification: the first one's, as it is listed first. */
export function soundOfNotification(plans: readonly SoundPlan[]): SoundPlan {
  return plans.find((plan) => plan.kind !== 'none') ?? { kind: 'none' };
}

/**
 * How each desktop plays a sound file without a library or a window: macOS
 * ships `afplay`; Windows PowerShell's `Media.SoundPlayer` plays WAV;
 * Linux desktops run PulseAudio or PipeWire, whose `paplay` plays any format
 * libsndfile reads (Debian: pulseaudio-utils, which pipewire-pulse also pulls in).
 */
export function playCommand(platform: NodeJS.Platform, path: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'afplay', args: [path] };
  if (platform === 'win32') {
    // A single-quoted PowerShell string: only ' itself needs doubling.
    const quoted = `'${path.replaceAll("'", "''")}'`;
    return { command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', `(New-Object Media.SoundPlayer ${quoted}).PlaySync()`] };
  }
  return { command: 'paplay', args: [path] };
}

function joinPath(folder: string, file: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${file}` : `${folder}${separator}${file}`;
}
