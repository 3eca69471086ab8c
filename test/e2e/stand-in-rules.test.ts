// The start-up rules the stand-in Electron enforces (test/e2e/stand-in/startup-rules.ts),
// each broken once: the shipped-app test relies on them to fail when the app gets one wrong.
import { describe, expect, it } from 'vitest';
import { StartupRuleBroken, StartupRules } from './stand-in/startup-rules.ts';

describe('the stand-in Electron\'s start-up rules', () => {
  it('refuses protocol.registerSchemesAsPrivileged after ready, and a second call before it', () => {
    const late = new StartupRules();
    late.becomeReady();
    expect(() => late.registerPrivileged(['mailtray'])).toThrow(/registerSchemesAsPrivileged was called after ready/);
    const twice = new StartupRules();
    twice.registerPrivileged(['mailtray']);
    expect(() => twice.registerPrivileged(['other'])).toThrow(/a second time/);
    expect(twice.isPrivileged('mailtray')).toBe(true);
  });

  it('refuses windows, sessions, protocol handlers and utility processes before ready', () => {
    const rules = new StartupRules();
    expect(() => rules.requireReady('new BrowserWindow()')).toThrow(StartupRuleBroken);
    expect(() => rules.handleScheme('mailtray')).toThrow(/protocol.handle\('mailtray'\) was used before the app was ready/);
    rules.becomeReady();
    expect(() => rules.requireReady('utilityProcess.fork')).not.toThrow();
    rules.handleScheme('mailtray');
    expect(() => rules.handleScheme('mailtray')).toThrow(/called twice/);
  });

  it('refuses a second ipcMain.handle for one channel', () => {
    const rules = new StartupRules();
    rules.handleChannel('state:get');
    expect(() => rules.handleChannel('state:get')).toThrow("Attempted to register a second handler for 'state:get'");
  });

  it('refuses moving userData after the single-instance lock was taken in it', () => {
    const rules = new StartupRules();
    rules.setUserData('/profile/a');
    rules.takeLock('/profile/a');
    expect(() => rules.setUserData('/profile/a')).not.toThrow();
    expect(() => rules.setUserData('/profile/b')).toThrow(/after app.requestSingleInstanceLock\(\); the lock stays in \/profile\/a/);
  });
});
