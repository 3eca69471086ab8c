import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Language } from '../../common/i18n/languages.ts';
import type { CountsView } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { countsOf, live, mailbox, now, someSettings, withMessages } from './window-fixtures.ts';

// The window in every shipped language: worded from the catalogue, `lang` and `dir` set, laid out
// for long German words and mirrored for Arabic, CJK glyphs drawn; and re-worded in place when the
// language is changed in Settings.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

/** Mailboxes named in Korean and Arabic beside the usual ones, with messages and a failing account. */
const mixedMailboxes: CountsView = countsOf([
  ...withMessages.mailboxes,
  mailbox('inbox-ko', '받은편지함', 21, {
    messages: [{ id: 'k1', from: '김민지 <minji@example.kr>', subject: '내일 회의 자료', date: new Date(now - 5 * 60_000).toISOString() }],
  }),
  mailbox('work-ar', 'العمل', 2, { changedAt: new Date(now - 3 * 3_600_000).toISOString() }),
  mailbox('ann', 'Ann (old account)', 0, {
    state: 'error', error: 'IMAP login failed for ann@example.com: wrong password', errorKind: 'auth',
  }),
]);

function speaking(language: Language, counts: CountsView = mixedMailboxes): FakeSetup {
  return {
    snapshot: { counts, status: live, language: { choice: language, chosen: language, system: 'ko' } },
    settings: { ...someSettings, general: { ...someSettings.general, language } },
  };
}

/** Screenshots the whole window as if it were that tall. */
async function screenshotWhole(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 420, height: 640 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

/**
 * Words that do not fit their box: a tab, button, label or legend whose text is wider than it
 * (a German compound cut off), and the page scrolling sideways.
 */
function cutWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut = [...document.querySelectorAll<HTMLElement>('button, [role="tab"], label, legend, .hint, option, summary, .total')]
            // Texts only for screen readers are 1 px wide on purpose.
      .filter((element) => !element.matches('.visually-hidden, .section-panel > .section > legend'))
      .filter((element) => element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.tagName.toLowerCase()}: ${element.textContent}`);
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) cut.push('the page scrolls sideways');
    return cut;
  });
}

/** Settings tab name, General and Accounts section names, as each language words them. */
const sectionNames: Record<Exclude<Language, 'en-XA'>, { settings: string; general: string; accounts: string }> = {
  en: { settings: 'Settings', general: 'General', accounts: 'Accounts' },
  ko: { settings: '설정', general: '일반', accounts: '계정' },
  de: { settings: 'Einstellungen', general: 'Allgemein', accounts: 'Konten' },
  ja: { settings: '設定', general: '一般', accounts: 'アカウント' },
  ar: { settings: 'الإعدادات', general: 'عام', accounts: 'الحسابات' },
};

describe('the window in Korean, German, Japanese and Arabic', () => {
  for (const language of ['ko', 'de', 'ja', 'ar'] as const) {
    for (const zoom of [1, 2]) {
      test(`${language} at ${zoom * 100}%: lang and dir set, nothing cut, every section shown (screenshots)`, async () => {
        const window = await openPage(speaking(language), { zoom });
        const { page } = window;
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
        await page.locator('.mailbox').first().waitFor();
        expect(await cutWords(page)).toEqual([]);
        await screenshotWhole(page, `${outputDir}language-${language}-mail-${zoom * 100}.png`);

        const names = sectionNames[language];
        await page.getByRole('tab', { name: names.settings }).click();
        await page.getByRole('tab', { name: names.general }).click();
        expect(await cutWords(page)).toEqual([]);
        await screenshotWhole(page, `${outputDir}language-${language}-settings-general-${zoom * 100}.png`);
        await page.getByRole('tab', { name: names.accounts }).click();
        await page.locator('details.account').first().locator(':scope > summary').click();
        expect(await cutWords(page)).toEqual([]);
        await screenshotWhole(page, `${outputDir}language-${language}-settings-accounts-${zoom * 100}.png`);
        expect(window.problems).toEqual([]);
        await window.close();
      }, 60_000);
    }
  }

  test('Korean: the total, the counts and the title read as Korean mail clients say them', async () => {
    const window = await openPage(speaking('ko'));
    const { page } = window;
    await expect.poll(() => page.locator('.total').textContent()).toBe('읽지 않은 메일 39통');
    expect(await page.locator('.total-number').textContent()).toBe('39');
    expect(await page.title()).toBe('Mailtray - 읽지 않은 메일 39통');
    const korean = page.locator('.mailbox[data-mailbox="inbox-ko"]');
    expect(await korean.locator('.mailbox-count').getAttribute('aria-label')).toBe('읽지 않은 메일 21통');
    expect(await korean.locator('.mailbox-state').textContent()).toBe('2분 전 변경됨');
    // A failing mailbox: the reason in Korean first, then the server's own sentence, marked as English.
    const failing = page.locator('.mailbox[data-mailbox="ann"]');
    expect(await failing.locator('.mailbox-reason').textContent()).toBe('로그인 실패 ');
    expect(await failing.locator('.mailbox-state-text').getAttribute('lang')).toBe('en');
    expect(await failing.locator('.mailbox-advice').textContent()).toBe('설정에서 이 계정의 사용자 이름과 비밀번호를 확인하세요.');
    await window.close();
  });

  test('Arabic: the layout mirrors, numbers and addresses stay left to right, plurals take their Arabic forms', async () => {
    const window = await openPage(speaking('ar'));
    const { page } = window;
    const row = page.locator('.mailbox[data-mailbox="work"]');
    await row.waitFor();
    const nameBox = (await row.locator('.mailbox-name').boundingBox())!;
    const countBox = (await row.locator('.mailbox-count').boundingBox())!;
    // Right to left: the name starts at the right edge, the count sits at the left.
    expect(countBox.x + countBox.width).toBeLessThan(nameBox.x);
    const tabs = await page.getByRole('tab').evaluateAll((elements) => elements.slice(0, 2).map((tab) => tab.getBoundingClientRect().x));
    expect(tabs[0]).toBeGreaterThan(tabs[1]!);
    // The Arabic plural forms: two (رسالتان) and few (3 to 10) and many (11 to 99).
    expect(await row.locator('.mailbox-count').getAttribute('aria-label')).toBe('3 رسائل غير مقروءة');
    expect(await page.locator('.mailbox[data-mailbox="work-ar"] .mailbox-count').getAttribute('aria-label')).toBe('رسالتان غير مقروءتين');
    expect(await page.locator('.mailbox[data-mailbox="inbox-ko"] .mailbox-count').getAttribute('aria-label')).toBe('21 رسالة غير مقروءة');
    // The server's English sentence with an address in it keeps its own direction.
    expect(await page.locator('.mailbox[data-mailbox="ann"] .mailbox-state-text').getAttribute('dir')).toBe('ltr');
    await page.getByRole('tab', { name: 'الإعدادات' }).click();
    await page.getByRole('tab', { name: 'الحسابات' }).click();
    expect(await page.locator('.account-subtitle').first().getAttribute('dir')).toBe('ltr');
    expect(await page.getByLabel('خادم IMAP').getAttribute('dir')).toBe('ltr');
    await window.close();
  });
});

describe('changing the language in Settings', () => {
  test('re-words the open window at once, without a reload, and keeps what is not saved in place', async () => {
    const window = await openPage(speaking('en', countsOf(withMessages.mailboxes)));
    const { page, fake } = window;
    await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'General' }).click();
    const select = page.getByLabel('Language');
    // The system's language in its own name; each language in its own name.
    expect(await select.locator('option').allTextContents()).toEqual(['System (한국어)', 'English', '한국어', 'Deutsch', '日本語', 'العربية']);
    await select.selectOption('ko');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect((await fake.calls('saveSettings'))[0]?.args[0]).toMatchObject({ general: { language: 'ko' } });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.getByRole('tab').first().textContent()).toBe('메일');
    expect(await page.getByRole('button', { name: '저장' }).isVisible()).toBe(true);
    expect(await page.getByLabel('언어').locator('option').first().textContent()).toBe('시스템 (한국어)');
    expect(await page.locator('.save-message').textContent()).toBe('저장했습니다. 변경 사항이 바로 적용됩니다.');
    await page.getByRole('tab', { name: '메일', exact: true }).click();
    await expect.poll(() => page.locator('.total').textContent()).toBe('읽지 않은 메일 16통');
    // And on to Arabic, pushed by main (a change from the tray or the system): right to left at once.
    await fake.pushLanguage({ choice: 'system', chosen: 'ar', system: 'ar' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('tab').first().textContent()).toBe('البريد');
    expect(window.problems).toEqual([]);
    await window.close();
  });
});

describe('the pseudo-locale over the whole window', () => {
  test('leaves no unaccented English outside what the servers and the user wrote', async () => {
    const window = await openPage(speaking('en-XA', countsOf(withMessages.mailboxes)));
    const { page } = window;
    await page.locator('.mailbox').first().waitFor();
    const texts: string[] = [];
    const collect = async () => {
      texts.push(...await page.evaluate(() => {
        const found: string[] = [document.title];
        for (const element of document.querySelectorAll<HTMLElement>('body *')) {
          if (element.closest('[hidden]') || element.closest('body [dir="ltr"]')) continue;
          for (const node of element.childNodes) if (node.nodeType === Node.TEXT_NODE) found.push(node.textContent ?? '');
          for (const name of ['aria-label', 'title', 'placeholder']) {
            const value = element.getAttribute(name);
            if (value !== null) found.push(value);
          }
        }
        return found;
      }));
    };
    await collect();
    await page.getByRole('tab').nth(1).click();
    const sections = page.locator('.section-tabs [role="tab"]');
    for (let i = 0; i < await sections.count(); i += 1) {
      await sections.nth(i).click();
      await page.evaluate(() => { for (const details of document.querySelectorAll('details')) details.open = true; });
      await collect();
    }
    // What the user and the servers wrote, and names that are the same in every language.
    const data = [
      ...withMessages.mailboxes.flatMap((m) => [m.name, ...(m.messages ?? []).flatMap((message) => [message.from, message.subject])]),
      'Alice Smith', 'Jones, Bob', 'Dad', 'Work', 'Home', 'ann@example.com', 'imap.example.com', 'https://mail.example.com', 'mail.example.com', 'INBOX',
      // The folder picker's folders, named by the (fake) server as Dovecot names them.
      'Sent', 'Drafts', 'Junk', 'Trash', 'Archive', 'Lists', 'Dovecot',
      'Microsoft 365 (Graph)', 'Fastmail (JMAP)', 'Gmail / Google Workspace', 'Outlook.com / Microsoft 365', 'iCloud', 'Yahoo', 'Fastmail', 'Naver Mail', 'Daum / Kakao Mail', 'English', 'Deutsch', 'STARTTLS', 'TLS',
    ].filter((datum) => datum !== '').sort((a, b) => b.length - a.length);
    // Times come from Intl, which formats the pseudo-locale as English: "2 min. ago", "10:30 AM".
    const intlTimes = /\b\d+ (sec|min|hr|day|days)\.? ago\b|\byesterday\b|\b(AM|PM)\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g;
    const english = texts
      .map((text) => data.reduce((rest, datum) => rest.split(datum).join(' '), text).replace(intlTimes, ' '))
      .filter((text) => /[A-Za-z]{3,}/.test(text));
    expect([...new Set(english)]).toEqual([]);
    await window.close();
  }, 60_000);
});
