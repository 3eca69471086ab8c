import { describe, expect, it } from 'vitest';
import { playCommand, soundOfNotification, soundPlan, type MailboxSound, type SoundPlan } from '../../../main/notifications/notification-sound.ts';

describe('which sound a notification makes', () => {
  const folder = '/opt/Mailtray/resources/sounds';
  it.each([
    ['no choice, sound on: the system\'s', {}, true, { kind: 'system' }],
    ['no choice, sound off: none', {}, false, { kind: 'none' }],
    ['"as under Notifications" follows the switch', { sound: 'default' }, false, { kind: 'none' }],
    ['none, though the switch is on', { sound: 'none' }, true, { kind: 'none' }],
    ['the system\'s, though the switch is off', { sound: 'system' }, false, { kind: 'system' }],
    ['a shipped sound is its file in the app\'s sounds folder', { sound: 'chime' }, false, { kind: 'file', path: `${folder}/chime.wav` }],
    ['a chosen file', { sound: 'file', soundFile: '/home/ann/ding.ogg' }, false, { kind: 'file', path: '/home/ann/ding.ogg' }],
    ['a file chosen as the sound but not set: the system\'s, not silence', { sound: 'file' }, false, { kind: 'system' }],
    ['a file kept while another sound is chosen is not played', { sound: 'bell', soundFile: '/home/ann/ding.ogg' }, true, { kind: 'file', path: `${folder}/bell.wav` }],
  ] as Array<[string, MailboxSound, boolean, SoundPlan]>)('%s', (_name, mailbox, soundOn, plan) => {
    expect(soundPlan(mailbox, soundOn, folder)).toEqual(plan);
  });

  it('finds the shipped sounds in a Windows folder too', () => {
    expect(soundPlan({ sound: 'drop' }, true, 'C:\\Program Files\\Mailtray\\resources\\sounds'))
      .toEqual({ kind: 'file', path: 'C:\\Program Files\\Mailtray\\resources\\sounds\\drop.wav' });
  });

  it('a notification of several mailboxes sounds as the first one that makes a sound', () => {
    expect(soundOfNotification([{ kind: 'none' }, { kind: 'file', path: '/a.wav' }, { kind: 'system' }])).toEqual({ kind: 'file', path: '/a.wav' });
    expect(soundOfNotification([{ kind: 'none' }, { kind: 'none' }])).toEqual({ kind: 'none' });
  });
});

describe('how each desktop plays a file', () => {
  it.each([
    ['darwin', '/Users/ann/ding.aiff', { command: 'afplay', args: ['/Users/ann/ding.aiff'] }],
    ['linux', '/home/ann/ding.ogg', { command: 'paplay', args: ['/home/ann/ding.ogg'] }],
    ['win32', "C:\\Users\\Ann O'Neil\\ding.wav", {
      command: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-Command', "(New-Object Media.SoundPlayer 'C:\\Users\\Ann O''Neil\\ding.wav').PlaySync()"],
    }],
  ] as const)('%s', (platform, path, command) => {
    expect(playCommand(platform, path)).toEqual(command);
  });
});
