import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Language } from '../../common/i18n/languages.ts';
import type { AppStatus, ConnectionStatus, ServerLabel, ServerStatusView, SettingsInput, SettingsView } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { bundledServer, countsOf, mailbox, now, someSettings, status } from './window-fixtures.ts';

// More than one server (issue 22) in the window: the mail view grouped by server, each group with its
// own state (one server down greys out its own group only), and the servers' list in Settings.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const office: ServerLabel = { mode: 'remote', label: 'counts.office.example', isInsecure: false };
const home: ServerLabel = { mode: 'remote', label: 'counts.home.example', isInsecure: false };
const several: ServerLabel = { mode: 'several', label: 'Office, Home', isInsecure: false, servers: 3 };
const down: ConnectionStatus = { state: 'retrying', server: home, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 };

const server = (key: string, name: string, connection: ConnectionStatus, total: number, confirmedAt: number | null = null): ServerStatusView => ({
  key, name, connection, total, countsConfirmedAt: confirmedAt,
});

/** The bundled server and Office live, Home retrying: "partial". Two servers have a mailbox "work". */
const partial: AppStatus = status({ state: 'partial', server: several, live: 2, of: 3 }, {
  countsConfirmedAt: now - 5 * 60_000,
  servers: [
    server('bundled', '', { state: 'live', server: bundledServer }, 3),
    server('s1', 'Office', { state: 'live', server: office }, 5),
    server('s2', 'Home', down, 2, now - 5 * 60_000),
  ],
});
const counts = countsOf([
  mailbox('work', 'Work', 3, { server: 'bundled' }),
  mailbox('s1/work', 'Work', 5, { server: 's1', colour: '#188038' }),
  mailbox('s1/team', 'Team', 0, { server: 's1' }),
  mailbox('s2/work', 'Work', 2, { server: 's2' }),
]);
const servers: SettingsView['servers'] = {
  bundled: { enabled: true },
  remotes: [
    { key: 's1', name: 'Office', url: 'https://counts.office.example', hasToken: true, enabled: true },
    { key: 's2', name: 'Home', url: 'https://counts.home.example', hasToken: true, enabled: true },
  ],
};

function setup(language: Exclude<Language, 'en-XA'> = 'en'): FakeSetup {
  return {
    snapshot: { counts, status: partial, language: { choice: language, chosen: language, system: language } },
    settings: { ...someSettings, servers, general: { ...someSettings.general, language } },
  };
}

const groupOf = (page: Page, key: string) => page.locator(`.server-group[data-server="${key}"]`);

/** Words wider than their box, and sideways scrolling. */
function cutWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut = [...document.querySelectorAll<HTMLElement>('button, [role="tab"], label, legend, .hint, h2, .server-state, .total')]
      .filter((element) => !element.matches('.visually-hidden, .section-panel > .section > legend'))
      .filter((element) => element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.tagName.toLowerCase()}: ${element.textContent}`);
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) cut.push('the page scrolls sideways');
    return cut;
  });
}

async function screenshotWhole(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 420, height: 640 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

describe('the mail view with three servers', () => {
  test('groups the mailboxes by server, each with its name, unread and state; only the server that is down is greyed', async () => {
    const window = await openPage(setup(), { paused: true });
    const { page, fake } = window;
    await groupOf(page, 's2').waitFor();
    expect(await page.locator('.server-group').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-server')))).toEqual(['bundled', 's1', 's2']);
    expect(await page.locator('.server-group .server-name').allTextContents()).toEqual(['Bundled server', 'Office', 'Home']);
    expect(await page.locator('.server-group .server-total').allTextContents()).toEqual(['3 unread', '5 unread', '2 unread']);
    // Three mailboxes called Work, one in each group: never merged into one.
    for (const key of ['bundled', 's1', 's2']) {
      expect(await groupOf(page, key).locator('.mailbox-name').first().textContent()).toBe('Work');
    }
    expect(await groupOf(page, 's1').locator('.mailbox').count()).toBe(2);
    // The total counts them all; the top line says which part is live.
    expect(await page.locator('.total-number').textContent()).toBe('10');
    expect(await page.locator('.connection-text').textContent()).toBe("Live: 2 of 3 servers; the others' counts may be out of date");
    // Home alone is stale, and says why and when it tries again; the other groups keep their live look.
    expect(await page.locator('.server-group.stale').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-server')))).toEqual(['s2']);
    expect(await groupOf(page, 's2').locator('.server-state').textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 8 s');
    expect(await groupOf(page, 's1').locator('.server-state').textContent()).toBe('Live: counts.office.example');
    expect(await groupOf(page, 's2').getAttribute('aria-label')).toBe('Mailboxes on Home');

    // Home comes back: no group is greyed any more.
    const back = status({ state: 'live', server: { ...several } }, {
      servers: partial.servers!.map((s) => (s.key === 's2' ? { ...s, connection: { state: 'live', server: home }, countsConfirmedAt: null } : s)),
    });
    await fake.pushStatus(back);
    await expect.poll(() => page.locator('.server-group.stale').count()).toBe(0);
    expect(await page.locator('.connection-text').textContent()).toBe('Live: all 3 servers');
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('with one server the list is not grouped, as before', async () => {
    const single = status({ state: 'live', server: office }, { servers: [server('s1', 'Office', { state: 'live', server: office }, 5)] });
    const window = await openPage({ ...setup(), snapshot: { ...setup().snapshot, status: single, counts: countsOf([mailbox('s1/work', 'Work', 5, { server: 's1' })]) } });
    const { page } = window;
    await page.locator('.mailbox').first().waitFor();
    expect(await page.locator('.server-group:visible').count()).toBe(0);
    expect(await page.locator('.connection-text').textContent()).toBe('Live: counts.office.example');
    await window.close();
  });
});

describe('the servers in Settings', () => {
  test('lists each remote server with its name; one added, one removed and one renamed are saved as one list, tokens kept', async () => {
    const window = await openPage(setup());
    const { page, fake } = window;
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Server' }).click();
    const remotes = page.locator('fieldset.remote-server');
    expect(await remotes.locator('legend').allTextContents()).toEqual(['Office', 'Home']);
    expect(await page.getByLabel('Bundled server', { exact: true }).isChecked()).toBe(true);

    // Home renamed and switched off, Office removed, a new one added.
    const homeServer = page.locator('fieldset.remote-server[data-server="s2"]');
    await homeServer.getByLabel('Name', { exact: true }).fill('House');
    await homeServer.getByLabel('Follow this server', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Remove Office' }).click();
    expect(await remotes.count()).toBe(1);
    await page.getByRole('button', { name: 'Add a remote server' }).click();
    // The new server's first field has the focus, and its title says it is new until it has a name.
    expect(await page.evaluate(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent)).toBe('New remote server');
    const added = remotes.nth(1);
    await added.getByLabel('Name', { exact: true }).fill('Lists');
    await added.getByLabel('Server address', { exact: true }).fill('https://counts.lists.example');
    await added.getByLabel('Token', { exact: true }).fill('a-token-for-the-lists-0123');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]!.args[0] as SettingsInput;
    expect(saved.servers).toStrictEqual({
      bundled: { enabled: true },
      remotes: [
        // A token left empty is left out: main keeps the saved one.
        { key: 's2', name: 'House', url: 'https://counts.home.example', enabled: false },
        { name: 'Lists', url: 'https://counts.lists.example', token: 'a-token-for-the-lists-0123', enabled: true },
      ],
    });
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('a new server without a token is named beside its field, and nothing is sent', async () => {
    const window = await openPage(setup());
    const { page, fake } = window;
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Server' }).click();
    await page.getByRole('button', { name: 'Add a remote server' }).click();
    const added = page.locator('fieldset.remote-server').nth(2);
    await added.getByLabel('Server address', { exact: true }).fill('https://counts.lists.example');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => added.locator('.field-error:not([hidden])').count()).toBe(1);
    expect(await fake.calls('saveSettings')).toEqual([]);
    await window.close();
  });
});

describe('several servers in every language (screenshots)', () => {
  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the grouped mail view and the servers' settings, nothing cut`, async () => {
      const window = await openPage(setup(language), { paused: true });
      const { page } = window;
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await groupOf(page, 's2').waitFor();
      expect(await cutWords(page)).toEqual([]);
      await screenshotWhole(page, `${outputDir}servers-${language}-mail.png`);
      // The settings' tabs as each language names them: the second tab, then the first section.
      await page.getByRole('tab').nth(1).click();
      await page.getByRole('tablist').nth(1).getByRole('tab').first().click();
      await page.locator('fieldset.remote-server').first().waitFor();
      expect(await cutWords(page)).toEqual([]);
      await screenshotWhole(page, `${outputDir}servers-${language}-settings.png`);
      expect(window.problems).toEqual([]);
      await window.close();
    }, 60_000);
  }
});
