import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { eventually } from '../helpers/eventually.ts';
import { answerBody, startHostileServer } from '../helpers/hostile-server.ts';
import { startAppUnderTest } from './support/app-under-test.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const changedAt = '2026-11-21T08:00:00.000Z';
const late = 'this server reports new mail late; checking for it every 60 s';

async function windowCountsFrom(body: string) {
  const server = await startHostileServer(body);
  cleanups.push(() => server.close());
  const settings: SettingsInput = {
    servers: { bundled: { enabled: false }, remotes: [{ url: server.url, token: 'a-token-for-a-late-server', enabled: true }] },
    accounts: [],
    notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    general: { launchAtLogin: false },
  };
  const { shell } = await startAppUnderTest(cleanups, { settings });
  return eventually(() => shell.payloads('counts:changed').find((c) => c.mailboxes.length > 0), 20_000);
}

describe("a mailbox whose source works but has something to say (the server's note)", () => {
  it('reaches the window beside its count, which stays ok and in the total', async () => {
    const counts = await windowCountsFrom(answerBody([{ id: 'work', name: 'Work', count: 4, state: 'ok', changedAt, note: late }]));
    expect(counts.total).toBe(4);
    expect(counts.mailboxes).toEqual([{ id: 's1/work', server: 's1', name: 'Work', count: 4, state: 'ok', changedAt, note: late }]);
  });

  it('is cut to the length of an error sentence when a server sends a long one, and an empty one is no note', async () => {
    const counts = await windowCountsFrom(answerBody([
      { id: 'work', name: 'Work', count: 1, state: 'ok', changedAt, note: 'late '.repeat(10_000) },
      { id: 'home', name: 'Home', count: 2, state: 'ok', changedAt, note: '  ' },
    ]));
    const [work, home] = counts.mailboxes;
    expect(work!.note!.length).toBeLessThanOrEqual(300);
    expect(work!.note!.endsWith('…')).toBe(true);
    expect(home).not.toHaveProperty('note');
  });
});
