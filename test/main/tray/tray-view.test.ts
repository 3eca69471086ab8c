import { describe, expect, it } from 'vitest';
import type { AppSnapshot, ConnectionStatus } from '../../../main/ipc-contract.ts';
import { serverLabel } from '../../../main/connection/server-label.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { badgeView, trayMenu, trayView } from '../../../main/tray/tray-view.ts';
import { decodePng } from '../support/decode-png.ts';

const server = serverLabel({ mode: 'bundled' });
const now = new Date(2026, 10, 21, 14, 30).getTime();
const en = translatorFor('en');

function snapshot(total: number, connection: ConnectionStatus = { state: 'live', server }): AppSnapshot {
  return {
    counts: { total, mailboxes: [{ id: 'work', name: 'Work', count: total, state: 'ok', changedAt: '' }] },
    status: { connection, warnings: [], snoozedUntil: null, countsConfirmedAt: null },
    language: { choice: 'system', chosen: 'en', system: 'en' },
  };
}

describe('the tray per platform', () => {
  it('macOS: template images and the count as the menu bar title', () => {
    const view = trayView(snapshot(120), 'darwin', now, en);
    expect(view).toMatchObject({ isTemplate: true, title: '99+' });
    expect(view.images.map((i) => i.scaleFactor)).toEqual([1, 2, 4]);
    expect(trayView(snapshot(3, { state: 'auth-failed', server, reason: 'unknown token' }), 'darwin', now, en).title).toBe('!');
  });

  it('draws the icon in the style chosen in Settings, except in the macOS menu bar, which tints template images itself', () => {
    const inkOf = (png: Buffer) => {
      const image = decodePng(png);
      const colours = new Set<string>();
      for (let i = 0; i < image.rgba.length; i += 4) if (image.rgba[i + 3]! > 0) colours.add(image.rgba.slice(i, i + 3).join(','));
      return [...colours];
    };
    expect(inkOf(trayView(snapshot(3), 'linux', now, en, 'dark-panel').images[0]!.png)).toEqual(['241,243,244']);
    expect(inkOf(trayView(snapshot(3), 'win32', now, en, 'light-panel').images[0]!.png)).toEqual(['32,33,36']);
    expect(inkOf(trayView(snapshot(3), 'linux', now, en, 'colour').images[0]!.png).length).toBeGreaterThan(2);
    expect(inkOf(trayView(snapshot(3), 'darwin', now, en, 'dark-panel').images[0]!.png)).toEqual(['0,0,0']);
  });

  it('Windows: colour icons, no title, and a taskbar overlay with the count', () => {
    const view = trayView(snapshot(7), 'win32', now, en);
    expect(view).toMatchObject({ isTemplate: false, title: '' });
    expect(badgeView(snapshot(7), 'win32', en)).toMatchObject({ count: 7, text: '7', overlay: { description: '7 unread' } });
    expect(badgeView(snapshot(0), 'win32', en).overlay).toBeUndefined();
  });

  it('Linux: the badge count for desktops that show one, no overlay', () => {
    expect(badgeView(snapshot(42), 'linux', en)).toEqual({ count: 42, text: '42', overlay: undefined });
  });

  it('tooltip names the problem when not live', () => {
    const retrying: ConnectionStatus = { state: 'retrying', server, reason: 'server unreachable (connection refused)', nextTryAt: 0 };
    expect(trayView(snapshot(2, retrying), 'linux', now, en).tooltip).toBe('Mailtray: 2 unread\nNot connected: server unreachable (connection refused)\nWork: 2');
  });

  it('a tooltip past the platform limit loses mailbox lines, never the connection problem', () => {
    const retrying: ConnectionStatus = { state: 'retrying', server, reason: 'the bundled server stopped', nextTryAt: 0 };
    const long = snapshot(2, retrying);
    long.counts.mailboxes = Array.from({ length: 10 }, (_, i) => ({ ...long.counts.mailboxes[0]!, id: `m${i}`, name: `Mailbox number ${i}` }));
    const tooltip = trayView(long, 'linux', now, en).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(127);
    expect(tooltip.split('\n')[1]).toBe('Not connected: the bundled server stopped');
    expect(tooltip.endsWith('…')).toBe(true);
  });

  it('marks plain http to another machine as insecure, but not to this one', () => {
    expect(serverLabel({ mode: 'remote', url: 'http://counts.example.com:7300' })).toEqual({ mode: 'remote', label: 'counts.example.com:7300', isInsecure: true });
    expect(serverLabel({ mode: 'remote', url: 'http://localhost:7300' }).isInsecure).toBe(false);
    expect(serverLabel({ mode: 'remote', url: 'http://127.0.0.1:7300' }).isInsecure).toBe(false);
    expect(serverLabel({ mode: 'remote', url: 'https://counts.example.com' }).isInsecure).toBe(false);
  });

  it('a failing mailbox row says why in a few words, and the tooltip keeps its count', () => {
    const view = snapshot(2);
    view.counts.mailboxes.push({ id: 'ann', name: 'Ann', count: 4, state: 'error', changedAt: '', error: 'IMAP login failed for ann@example.com: wrong password', errorKind: 'auth' });
    const { menu, tooltip } = trayView(view, 'linux', now, en);
    expect(menu.map((item) => (item.type === 'item' ? item.label : '---'))).toContain('Ann - login failed');
    expect(tooltip).toContain('Ann: 4, login failed');
  });

  it('a failing mailbox from a server that sends no errorKind says "failing": its sentence is not read', () => {
    const view = snapshot(2);
    view.counts.mailboxes.push({ id: 'ann', name: 'Ann', count: 4, state: 'error', changedAt: '', error: 'IMAP login failed for ann@example.com: wrong password' });
    const { menu, tooltip } = trayView(view, 'linux', now, en);
    expect(menu.map((item) => (item.type === 'item' ? item.label : '---'))).toContain('Ann - failing');
    expect(tooltip).toContain('Ann: 4, failing');
  });

  it('the connection row retries: Retry after a refused token, Retry now while waiting, Check now otherwise', () => {
    const row = (connection: ConnectionStatus) => trayView(snapshot(1, connection), 'linux', now, en).menu
      .find((item) => item.type === 'item' && item.action?.type === 'retry');
    expect(row({ state: 'auth-failed', server, reason: 'unknown token' })).toMatchObject({ label: 'Retry', enabled: true });
    expect(row({ state: 'retrying', server, reason: 'refused', nextTryAt: now + 8000 })).toMatchObject({ label: 'Retry now', enabled: true });
    expect(row({ state: 'live', server })).toMatchObject({ label: 'Check now', enabled: true });
    expect(row({ state: 'offline', server })).toMatchObject({ label: 'Check now', enabled: true });
    expect(row({ state: 'connecting', server })).toMatchObject({ label: 'Check now', enabled: false });
  });

  it('the tooltip says until when notifications are snoozed, and when the counts were last confirmed while not live', () => {
    const at = (hours: number, minutes: number) => new Date(2026, 10, 21, hours, minutes).getTime();
    const offline = snapshot(2, { state: 'offline', server });
    offline.status.countsConfirmedAt = at(14, 2);
    offline.status.snoozedUntil = at(15, 0);
    expect(trayView(offline, 'linux', now, en).tooltip).toBe(
      'Mailtray: 2 unread\nOffline: waiting for the network\nCounts last confirmed 2:02 PM\nNotifications snoozed until 3:00 PM\nWork: 2');
    const live = snapshot(2);
    live.status.countsConfirmedAt = at(14, 2);
    expect(trayView(live, 'linux', now, en).tooltip).toBe('Mailtray: 2 unread\nWork: 2');
    // A snooze into tomorrow names the day; English writes 12-hour times, as Intl has it for `en`.
    live.status.snoozedUntil = new Date(2026, 10, 22, 8, 0).getTime();
    expect(trayView(live, 'linux', now, en).tooltip).toContain('Notifications snoozed until Sun 8:00 AM');
  });

  it('the menu lists up to 15 mailboxes; past that, 14 and a row "And N more…" that opens the window', () => {
    const withMailboxes = (n: number): AppSnapshot => {
      const base = snapshot(0);
      base.counts.mailboxes = Array.from({ length: n }, (_, i) => ({ id: `box-${i}`, name: `Box ${i}`, count: 1, state: 'ok' as const, changedAt: '' }));
      return base;
    };
    const mailboxRows = (n: number) => trayMenu(withMailboxes(n), now, en).filter((item) => item.type === 'item'
      && (item.action?.type === 'mailbox' || item.label.startsWith('And ')));
    expect(mailboxRows(15).map((row) => row.type === 'item' && row.label).at(-1)).toBe('Box 14 - 1');
    expect(mailboxRows(15)).toHaveLength(15);
    const sixteen = mailboxRows(16);
    expect(sixteen).toHaveLength(15);
    expect(sixteen.at(-2)).toMatchObject({ label: 'Box 13 - 1' });
    expect(sixteen.at(-1)).toEqual({ type: 'item', label: 'And 2 more…', action: { type: 'open' }, enabled: true });
  });
});
