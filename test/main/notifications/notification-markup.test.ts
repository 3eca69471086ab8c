import { afterEach, describe, expect, it, test } from 'vitest';
import { escapeMarkup } from '../../../common/markup.ts';
import { notificationForPlatform } from '../../../main/notifications/notification-markup.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { newMailText } from '../../../main/notifications/notification-text.ts';
import { startAppServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { remoteSettings, startAppUnderTest } from '../support/app-under-test.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const hostileSubject = '<a href="smb://x/y">Invoice</a> & more';
const escapedSubject = '&lt;a href=&quot;smb://x/y&quot;&gt;Invoice&lt;/a&gt; &amp; more';

/** What a markup parser (Pango, Qt) makes of an escaped body: the text again. */
const unescape = (markup: string) => markup.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) =>
  ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!);

describe('notification text on Linux notification servers that read the body as markup', () => {
  test.each([
    ['linux', `${escapedSubject} — Work`],
    ['darwin', `${hostileSubject} — Work`],
    ['win32', `${hostileSubject} — Work`],
  ] as const)('on %s the body of a new message with a markup subject is %j', (platform, body) => {
    const text = newMailText([{ id: 'work', name: 'Work', added: 1, messages: [{ id: '1', from: 'Mallory <m@example.com>', subject: hostileSubject }] }], 1, 'sender-and-subject', translatorFor('en'));
    // The title is the spec's plain-text summary, shown as text everywhere: never escaped.
    expect(notificationForPlatform(text, platform)).toEqual({ title: 'Mallory', body });
  });

  it('escapes with the five XML entities only, which GNOME Shell keeps (it shows "&#39;" as written)', () => {
    expect(escapeMarkup(`Don't say "a < b & c > d"`)).toBe('Don&apos;t say &quot;a &lt; b &amp; c &gt; d&quot;');
  });

  it('cuts before it escapes: the limits count what the person reads, and no escape is cut in half', () => {
    const subject = 'R&D <budget> & "Q4" plans for the whole team, the board and everyone else who asked about it';
    const text = newMailText([{ id: 'work', name: 'Work', added: 1, messages: [{ id: '1', from: 'Ann <ann@example.com>', subject }] }], 1, 'sender-and-subject', translatorFor('en'));
    const linux = notificationForPlatform(text, 'linux');
    expect(text.body.length).toBeLessThan(subject.length);
    expect(linux.body).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    expect(unescape(linux.body)).toBe(text.body);
  });
});

describe('a new message whose subject is markup, from a real count server to the notification the app gives Electron', () => {
  for (const [platform, body] of [['linux', `${escapedSubject} — Work`], ['darwin', `${hostileSubject} — Work`], ['win32', `${hostileSubject} — Work`]] as const) {
    it(`on ${platform} carries ${platform === 'linux' ? 'the escaped' : 'the plain'} subject`, async () => {
      const server = await startAppServer();
      cleanups.push(() => server.stop());
      await server.setCount('work', 0);
      const { shell } = await startAppUnderTest(cleanups, { settings: remoteSettings(server, { accounts: [] }), platform, burstMs: 50 });
      await eventually(() => shell.payloads('counts:changed').some((c) => c.mailboxes.some((m) => m.id === 's1/work' && m.state === 'ok')));

      const put = await server.put('work', { count: 1, messages: [{ id: 'm1', from: 'Mallory <mallory@example.com>', subject: hostileSubject }] });
      expect(put.status).toBe(200);
      await eventually(() => shell.notifications.length === 1, 10_000);
      expect(shell.notifications[0]).toMatchObject({ title: 'Mallory', body });
      // The window shows the subject as text, as the server sent it, on every platform.
      expect(shell.payloads('counts:changed').at(-1)!.mailboxes.find((m) => m.id === 's1/work')!.messages![0]!.subject).toBe(hostileSubject);
    });
  }
});
