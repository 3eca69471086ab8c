import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor, type Translator } from '../../common/i18n/translator.ts';
import type { OAuthEndpoints } from '../../common/mail-providers.ts';
import { realTimers } from '../../common/timers.ts';
import { signInWithBrowser, type SignInOutcome } from '../../main/oauth/loopback-sign-in.ts';
import { signInPage } from '../../main/oauth/sign-in-page.ts';
import { eventually } from '../helpers/eventually.ts';
import { FakeTimers } from '../helpers/fake-timers.ts';
import { appClientId, startOAuthServer, type OAuthServer } from '../helpers/oauth-server.ts';
import { launchChromium, outputDir } from '../renderer/window-harness.ts';
import { FakeShell } from './support/fake-shell.ts';

/** The test provider as a preset would describe it. */
const endpointsOf = (oauth: OAuthServer): OAuthEndpoints => ({
  issuer: oauth.issuer,
  authorizationUrl: oauth.authorizationUrl,
  tokenUrl: oauth.tokenUrl,
  mailScope: 'mail offline_access',
  identityScope: 'openid email',
  // oidc-provider, like the OpenID spec, grants offline_access only when consent is asked.
  authorizationParams: { prompt: 'consent' },
});

const english = translatorFor('en');
/** An outcome as the window shows it in English: its message worded. */
const inEnglish = (outcome: SignInOutcome) => (outcome.ok ? outcome : { ...outcome, message: english.say(outcome.message) });

describe('the browser tab\'s page after a sign-in', () => {
  it('speaks the app\'s language, with its lang and dir, and escapes what it shows', () => {
    const korean = translatorFor('ko');
    const page = signInPage(korean, korean.t('signIn.signedIn'), [korean.t('signIn.doneAs', { address: '"ann"<ann@example.com>' }), korean.t('signIn.closeTab')]);
    expect(page).toContain('<html lang="ko" dir="ltr">');
    expect(page).toContain('<title>Mailtray: 로그인됨</title>');
    expect(page).toContain('<p>Mailtray에 로그인했습니다: &quot;ann&quot;&lt;ann@example.com&gt; 이 탭을 닫아도 됩니다.</p>');

    const arabic = translatorFor('ar');
    const refused = signInPage(arabic, arabic.t('signIn.notSignedIn'), [arabic.say({ key: 'account.signIn.refused', values: { error: 'access_denied: <b>no</b>' } })]);
    expect(refused).toContain('<html lang="ar" dir="rtl">');
    expect(refused).toContain('<h1>لم يتم تسجيل الدخول</h1>');
    expect(refused).toContain('رفض المزوّد تسجيل الدخول (access_denied: &lt;b&gt;no&lt;/b&gt;)؛ لم يُحفظ شيء.');
    expect(refused).not.toContain('<b>');
  });

  it('leaves no English in the pseudo-locale', () => {
    const pseudo = translatorFor('en-XA');
    const page = signInPage(pseudo, pseudo.t('signIn.notSignedIn'), [pseudo.t('signIn.wrongState'), pseudo.t('signIn.closeTab')]);
    const text = page.replace(/<style>[\s\S]*<\/style>|<[^>]*>/g, ' ').replace('Mailtray', '');
    expect(text).not.toMatch(/[a-z]{3,}/);
  });
});

describe('signing in with the system browser through a loopback redirect (RFC 8252), in Chromium', () => {
  let oauth: OAuthServer;
  let browser: Browser;

  beforeAll(async () => {
    oauth = await startOAuthServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await oauth?.stop();
  });

  /**
   * Starts a sign-in whose "system browser" is the shell fake; the test then
   * plays the user in Chromium on the address the app asked to open.
   */
  const startSignIn = (options: { timers?: FakeTimers; signal?: AbortSignal; words?: Translator } = {}) => {
    const shell = new FakeShell();
    let page: Promise<Page> | undefined;
    const outcome = signInWithBrowser({ endpoints: endpointsOf(oauth), clientId: appClientId }, {
      openBrowser: (url) => {
        shell.openExternal(url);
        page = (async () => {
          const tab = await browser.newPage();
          await tab.goto(url);
          return tab;
        })();
      },
      timers: options.timers ?? realTimers,
      words: options.words ?? english,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { shell, outcome, page: async () => eventually(() => page) };
  };

  const logIn = async (page: Page, user: string) => {
    await page.fill('input[name=login]', user);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Continue');
  };

  it('opens the provider in the browser with PKCE and state, and comes back with a refresh token and the address that signed in', async () => {
    const { shell, outcome, page } = startSignIn();
    const tab = await page();
    const asked = new URL(shell.opened[0]!);
    expect(asked.origin + asked.pathname).toBe(oauth.authorizationUrl);
    expect(asked.searchParams.get('code_challenge_method')).toBe('S256');
    expect(asked.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(asked.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    await logIn(tab, 'ann@example.com');
    await tab.click('text=Continue');
    const result = await outcome;
    expect(result).toMatchObject({ ok: true, address: 'ann@example.com' });
    expect((result as { refreshToken: string }).refreshToken.length).toBeGreaterThan(20);

    await tab.waitForSelector('text=You may close this tab');
    expect(await tab.textContent('main')).toBe('Signed inMailtray is signed in as ann@example.com. You may close this tab.');
    await mkdir(outputDir, { recursive: true });
    await tab.screenshot({ path: join(outputDir, 'oauth-signed-in.png') });
    await tab.close();
  });

  it('a denied consent says so, in a sentence, and the tab says so too', async () => {
    const { outcome, page } = startSignIn();
    const tab = await page();
    await logIn(tab, 'bob@example.com');
    await tab.click('text=[ Cancel ]');
    expect(inEnglish(await outcome)).toEqual({
      ok: false, problem: 'denied',
      message: 'Mail access was not allowed at the provider\'s page, so Mailtray cannot count your mail; nothing was saved.',
    });
    await tab.waitForSelector('text=You may close this tab');
    await tab.close();
  });

  it('the tab speaks the app\'s language: Korean when refused, Arabic right to left when signed in', async () => {
    const refused = startSignIn({ words: translatorFor('ko') });
    const refusedTab = await refused.page();
    await logIn(refusedTab, 'bob@example.com');
    await refusedTab.click('text=[ Cancel ]');
    expect((await refused.outcome).ok).toBe(false);
    await refusedTab.waitForSelector('text=이 탭을 닫아도 됩니다.');
    expect(await refusedTab.getAttribute('html', 'lang')).toBe('ko');
    expect(await refusedTab.textContent('main')).toBe('로그인하지 못함'
      + '제공업체 페이지에서 메일 접근을 허용하지 않아 Mailtray가 메일을 셀 수 없습니다. 아무것도 저장되지 않았습니다. 이 탭을 닫아도 됩니다.');
    await refusedTab.close();

    const signedIn = startSignIn({ words: translatorFor('ar') });
    const tab = await signedIn.page();
    await logIn(tab, 'ann@example.com');
    await tab.click('text=Continue');
    expect(await signedIn.outcome).toMatchObject({ ok: true, address: 'ann@example.com' });
    await tab.waitForSelector('text=يمكنك إغلاق علامة التبويب هذه.');
    expect(await tab.evaluate(() => [document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]))
      .toEqual(['ar', 'rtl', 'rtl']);
    expect(await tab.textContent('main')).toBe('تم تسجيل الدخول' + 'سجّل Mailtray الدخول باسم ann@example.com. يمكنك إغلاق علامة التبويب هذه.');
    await mkdir(outputDir, { recursive: true });
    await tab.screenshot({ path: join(outputDir, 'oauth-signed-in-ar.png') });
    await tab.close();
  });

  /** Someone else's answer arriving at the app's loopback port: right shape, wrong state. */
  const forgedAnswer = async (opened: string) => {
    const redirect = new URL(new URL(opened).searchParams.get('redirect_uri')!);
    redirect.searchParams.set('code', 'a-code-from-elsewhere');
    redirect.searchParams.set('state', 'not-the-state-mailtray-sent');
    return fetch(redirect);
  };

  it('an answer with another state is answered 400 and ignored: the real one that follows still signs in', async () => {
    const { shell, outcome, page } = startSignIn();
    const tab = await page();
    let settled = false;
    void outcome.then(() => { settled = true; });
    for (let i = 0; i < 3; i += 1) {
      const response = await forgedAnswer(shell.opened[0]!);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('This answer did not belong to the sign-in Mailtray started, so it was ignored.');
    }
    expect(settled).toBe(false);

    await logIn(tab, 'ann@example.com');
    await tab.click('text=Continue');
    expect(await outcome).toMatchObject({ ok: true, address: 'ann@example.com' });
    await tab.waitForSelector('text=You may close this tab');
    expect(await tab.textContent('main')).toBe('Signed inMailtray is signed in as ann@example.com. You may close this tab.');
    await tab.close();
  });

  it('answers with another state only: the sign-in ends at the timeout, with the timeout\'s words', async () => {
    const timers = new FakeTimers();
    const { shell, outcome, page } = startSignIn({ timers });
    const tab = await page();
    for (let i = 0; i < 3; i += 1) expect((await forgedAnswer(shell.opened[0]!)).status).toBe(400);
    expect(timers.delays()).toEqual([300_000]);
    timers.runNext();
    expect(inEnglish(await outcome)).toEqual({
      ok: false, problem: 'timeout',
      message: 'No sign-in arrived within 5 min; nothing was saved. Press the button again when you are ready.',
    });
    await tab.close();
  });

  it('gives up after 5 minutes without an answer, and closes the loopback port', async () => {
    const timers = new FakeTimers();
    const { shell, outcome, page } = startSignIn({ timers });
    const tab = await page();
    expect(timers.delays()).toEqual([300_000]);
    timers.runNext();
    expect(inEnglish(await outcome)).toEqual({
      ok: false, problem: 'timeout',
      message: 'No sign-in arrived within 5 min; nothing was saved. Press the button again when you are ready.',
    });
    const redirect = new URL(shell.opened[0]!).searchParams.get('redirect_uri')!;
    await expect(fetch(redirect)).rejects.toThrow();
    await tab.close();
  });

  it('stops at once when the user cancels in the app', async () => {
    const abort = new AbortController();
    const { outcome, page } = startSignIn({ signal: abort.signal });
    const tab = await page();
    abort.abort();
    expect(inEnglish(await outcome)).toEqual({ ok: false, problem: 'cancelled', message: 'Sign-in cancelled; nothing was saved.' });
    await tab.close();
  });
});
