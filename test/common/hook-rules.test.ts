import { describe, expect, it } from 'vitest';
import { hookProgramRule, keepsHookRule, shortcutProblem } from '../../common/hook-rules.ts';

describe('the global shortcut, in Electron\'s accelerator syntax', () => {
  it.each([
    '', 'CommandOrControl+Shift+M', 'CmdOrCtrl+Alt+1', 'Ctrl+Alt+Delete', 'Super+M', 'Alt+F4', 'F13', 'F24', 'MediaPlayPause',
    'Control+Plus', 'Ctrl++', 'Ctrl+/', 'Shift+Alt+num5', 'ctrl+shift+m', 'Option+Space', 'Meta+Esc', 'Shift+F13',
  ])('takes "%s"', (text) => {
    expect(shortcutProblem(text)).toBeUndefined();
  });

  it.each([
    ['a plain letter, taken from every other program', 'M'],
    ['Shift and a letter: typing a capital', 'Shift+M'],
    ['a plain F-key most programs use', 'F5'],
    ['a modifier alone', 'Ctrl+Shift'],
    ['a modifier twice', 'Ctrl+Ctrl+M'],
    ['two keys', 'Ctrl+M+N'],
    ['a key Electron does not know', 'Ctrl+Hyper'],
    ['a modifier Electron does not know', 'Hyper+M'],
    ['spaces in place of +', 'Ctrl M'],
    ['a trailing +', 'Ctrl+'],
    ['F25', 'Ctrl+F25'],
  ])('refuses %s ("%s") with the shortcut\'s sentence', (_, text) => {
    expect(shortcutProblem(text)).toEqual({ key: 'hooks.check.shortcut' });
  });
});

describe('the hook\'s program is a whole path', () => {
  it.each(['/usr/local/bin/on-new-mail', 'C:\\Tools\\on-new-mail.exe', 'D:/tools/x.exe', '\\\\server\\share\\x.exe'])('takes %s', (path) => {
    expect(keepsHookRule(hookProgramRule, path)).toBe(true);
  });
  it.each(['on-new-mail', './on-new-mail', '~/bin/x', 'bin/x', '/a\0b'])('refuses %s', (path) => {
    expect(keepsHookRule(hookProgramRule, path)).toBe(false);
  });
});
