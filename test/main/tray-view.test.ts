import { describe, expect, it } from 'vitest';
import type { AppSnapshot, ConnectionStatus } from '../../main/ipc-contract.ts';
import { serverLabel } from '../../main/server-label.ts';
import { badgeView, trayView } from '../../main/tray-view.ts';

const server = serverLabel({ mode: 'bundled' });

function snapshot(total: number, connection: ConnectionStatus = { state: 'live', server }): AppSnapshot {
  return {
    counts: { total, mailboxes: [{ id: 'work', name: 'Work', count: total, state: 'ok', changedAt: '' }] },
    status: { connection, warnings: [], snoozedUntil: null },
  };
}

describe('the tray per platform', () => {
  it('macOS: template images and the count as the menu bar title', () => {
    const view = trayView(snapshot(120), 'darwin');
    expect(view).toMatchObject({ isTemplate: true, title: '99+' });
    expect(view.images.map((i) => i.scaleFactor)).toEqual([1, 2, 4]);
    expect(trayView(snapshot(3, { state: 'auth-failed', server, reason: 'unknown token' }), 'darwin').title).toBe('!');
  });

  it('Windows: colour icons, no title, and a taskbar overlay with the count', () => {
    const view = trayView(snapshot(7), 'win32');
    expect(view).toMatchObject({ isTemplate: false, title: '' });
    expect(badgeView(snapshot(7), 'win32')).toMatchObject({ count: 7, text: '7', overlay: { description: '7 unread' } });
    expect(badgeView(snapshot(0), 'win32').overlay).toBeUndefined();
  });

  it('Linux: the badge count for desktops that show one, no overlay', () => {
    expect(badgeView(snapshot(42), 'linux')).toEqual({ count: 42, text: '42', overlay: undefined });
  });

  it('tooltip names the problem when not live', () => {
    const retrying: ConnectionStatus = { state: 'retrying', server, reason: 'server unreachable (connection refused)', nextTryAt: 0 };
    expect(trayView(snapshot(2, retrying), 'linux').tooltip).toBe('Mailtray: 2 unread\nNot connected: server unreachable (connection refused)\nWork: 2');
  });

  it('a tooltip past the platform limit loses mailbox lines, never the connection problem', () => {
    const retrying: ConnectionStatus = { state: 'retrying', server, reason: 'the bundled server stopped', nextTryAt: 0 };
    const long = snapshot(2, retrying);
    long.counts.mailboxes = Array.from({ length: 10 }, (_, i) => ({ ...long.counts.mailboxes[0]!, id: `m${i}`, name: `Mailbox number ${i}` }));
    const tooltip = trayView(long, 'linux').tooltip;
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
});
