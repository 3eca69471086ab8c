import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../../../server/store/memory-store.ts';
import { ImapAccount } from '../../../../server/sources/imap/imap-account.ts';
import { parseImapConfig } from '../../../../server/sources/imap/imap-config.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';
import { silentLogger } from '../../../../server/log.ts';
import { freePort } from '../../../helpers/dovecot.ts';
import { FakeTimers } from '../../../helpers/fake-timers.ts';

describe('an IMAP account that cannot reach its server', () => {
  it('backs off from 1 s up to 5 min, saying each time when it tries again', async () => {
    const port = await freePort();
    const store = new MemoryStore();
    const timers = new FakeTimers();
    const config = parseImapConfig(checkedEntry({
      type: 'imap', host: '127.0.0.1', port, user: 'ann', password: 'pw', mailbox: 'ann',
    }), 'sources[0]', {});
    // random() just below 1: each delay sits at the top of its range.
    const account = new ImapAccount(config, { store, log: silentLogger }, { timers, random: () => 0.9999 });
    await account.start();

    const delays: number[] = [];
    const errors: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      await vi.waitFor(() => expect(timers.pending.size).toBe(1), { timeout: 10_000 });
      delays.push(timers.delays()[0]!);
      errors.push((await store.snapshot(['ann'])).mailboxes[0]!.error!);
      timers.runNext();
    }
    await vi.waitFor(() => expect(timers.pending.size).toBe(1), { timeout: 10_000 });
    await account.stop();

    expect(delays.map((ms) => Math.round(ms / 1000))).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    expect(errors[0]).toBe(`cannot connect to 127.0.0.1:${port}: connection refused; retrying in 1 s`);
    expect(errors[9]).toBe(`cannot connect to 127.0.0.1:${port}: connection refused; retrying in 5 min`);
    expect(account.state()).toBe('error');
    expect(timers.pending.size).toBe(0);
  });
});
