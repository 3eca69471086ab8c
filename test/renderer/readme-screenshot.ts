/**
 * `npm run screenshot`: writes docs/screenshot.png, the window as the README
 * shows it (light theme, a few mailboxes, live), at 2x for sharp text.
 */
import { fileURLToPath } from 'node:url';
import { buildWindow, launchChromium, openWindow, serveFolder } from './window-harness.ts';
import { countsOf, english, live, mailbox, now, someSettings } from './window-fixtures.ts';

const target = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

const counts = countsOf([
  mailbox('work', 'Work', 3, {
    changedAt: minutesAgo(2), webUrl: 'https://mail.example.com/', opensIn: 'browser', canMarkRead: true, colour: '#1a73e8',
    messages: [
      { id: 'w3', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: minutesAgo(2) },
      { id: 'w2', from: 'Bob Jones <bob@example.com>', subject: 'Re: the quarterly report', date: minutesAgo(25) },
    ],
  }),
  mailbox('home', 'Home', 1, { changedAt: minutesAgo(47) }),
  mailbox('support', 'Support (shared)', 12, { changedAt: minutesAgo(0.2) }),
  mailbox('lists', 'Mailing lists', 0, { changedAt: minutesAgo(180), isMuted: true }),
  mailbox('old', 'Old account', 0, { state: 'error', error: 'IMAP login failed for ann@example.com: wrong password', errorKind: 'auth' }),
]);

const built = await buildWindow();
const served = await serveFolder(built.dir);
const browser = await launchChromium();
try {
  const window = await openWindow(browser, served.url, { snapshot: { counts, status: live, language: english }, settings: someSettings }, {
    colorScheme: 'light', width: 420, height: 600, paused: true, scale: 2,
  });
  await window.page.locator('.mailbox').nth(4).waitFor();
  await window.page.screenshot({ path: target });
  if (window.problems.length > 0) throw new Error(`the window reported problems: ${window.problems.join('; ')}`);
  await window.close();
  console.log(`wrote ${target}`);
} finally {
  await browser.close();
  await served.close();
  await built.remove();
}
