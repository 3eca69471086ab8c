import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';
import { eventually } from '../helpers/eventually.ts';
import { remoteSettings, startAppUnderTest, type AppOptions } from './support/app-under-test.ts';

// The language follows the system, or the setting, and a change applies at once: the tray is
// drawn again in the new language when the settings are saved, the next notification speaks it,
// and the window is told (language:changed) so that it speaks it too. No restart.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function countServer(): Promise<AppServer> {
  const server = await startAppServer();
  cleanups.push(() => server.stop());
  return server;
}

const startApp = (options: AppOptions = {}) => startAppUnderTest(cleanups, options);

/** The saved settings with another language; the token left out keeps the saved one, so the same server goes on being polled. */
function withLanguage(server: AppServer, language: NonNullable<SettingsInput['general']['language']>): SettingsInput {
  return { ...remoteSettings(server), servers: { bundled: { enabled: false }, remotes: [{ key: 's1', name: 'Counts', url: server.url, enabled: true }] }, general: { launchAtLogin: false, language } };
}

describe('the language of the tray and the notifications', () => {
  it('switches to the language saved in the settings at once: the tray at the save, the next notification, and the window is told', async () => {
    const server = await countServer();
    await server.setCount('work', 3);
    const { app, shell } = await startApp({ settings: remoteSettings(server) });
    await eventually(() => shell.tray?.tooltip.includes('Work: 3'));
    expect(app.snapshot().language).toEqual({ choice: 'system', chosen: 'en', system: 'en' });

    const traysBefore = shell.trays.length;
    expect(app.saveSettings(withLanguage(server, 'ko')).ok).toBe(true);
    expect(shell.trays.length).toBe(traysBefore + 1);
    expect(shell.tray!.tooltip).toBe('Mailtray: 읽지 않은 메일 3통\nWork: 3통\nHome: 메일 수 확인 중');
    expect(shell.tray!.menu.map((item) => (item.type === 'item' ? item.label : '---'))).toEqual([
      'Mailtray 열기', '설정…', '---', 'Work - 3통', 'Home - …', '---', '지금 확인', '알림 일시 중지', '---', 'Mailtray 종료',
    ]);
    expect(shell.payloads('language:changed').at(-1)).toEqual({ choice: 'ko', chosen: 'ko', system: 'en' });
    expect(app.snapshot().language).toEqual({ choice: 'ko', chosen: 'ko', system: 'en' });

    await server.setCount('work', 5);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications[0]).toMatchObject({ title: 'Work에 새 메일 2통', body: '읽지 않은 메일 총 5통', actions: [{ kind: 'open', label: '열기' }] });
  });

  it('follows the system\'s language when set to System: German for a system preferring de-DE, and English once English is chosen', async () => {
    const server = await countServer();
    await server.setCount('work', 3);
    const { app, shell } = await startApp({ settings: remoteSettings(server), systemLanguages: ['de-DE', 'en-US'] });
    await eventually(() => shell.tray?.tooltip.includes('Work: 3'));
    expect(shell.tray!.tooltip).toBe('Mailtray: 3 ungelesen\nWork: 3\nHome: Anzahl wird ermittelt');
    expect(app.snapshot().language).toEqual({ choice: 'system', chosen: 'de', system: 'de' });

    await server.setCount('work', 4);
    await eventually(() => shell.notifications.length === 1, 10_000);
    expect(shell.notifications[0]).toMatchObject({ title: '1 neue Nachricht in Work', body: 'Insgesamt 4 ungelesene Nachrichten' });

    expect(app.saveSettings(withLanguage(server, 'en')).ok).toBe(true);
    expect(shell.tray!.tooltip).toBe('Mailtray: 4 unread\nWork: 4\nHome: waiting for a count');
    expect(shell.payloads('language:changed').at(-1)).toEqual({ choice: 'en', chosen: 'en', system: 'de' });
    expect(app.saveSettings(withLanguage(server, 'system')).ok).toBe(true);
    expect(shell.tray!.tooltip).toBe('Mailtray: 4 ungelesen\nWork: 4\nHome: Anzahl wird ermittelt');
  });
});
