import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.ts';

/** A mail host's config: `n` users, each with a client token and a mailbox. */
function hostConfig(n: number): { clients: Array<{ name: string; token: string; mailboxes: string[] }>; mailboxes: unknown[] } {
  const ids = Array.from({ length: n }, (_, i) => `user${i}@example.org`);
  return {
    clients: ids.map((id, i) => ({ name: `client-${i}`, token: `token-of-user-${i}-0123456789`, mailboxes: [id] })),
    mailboxes: ids.map((id) => ({ id, name: id })),
  };
}

/** The faster of two loads, in ms: the machine is shared, so one slow run says little. */
function loadMs(raw: unknown): number {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    parseConfig(raw);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('a mail host with 100,000 users', () => {
  it('loads 100,000 clients and mailboxes in time linear in their number', { timeout: 120_000 }, () => {
    const small = loadMs(hostConfig(10_000));
    const large = loadMs(hostConfig(100_000));
    // Ten times the entries: about ten times the time. Comparing every entry with
    // every other (as before) made it a hundred times.
    expect(large / small).toBeLessThan(40);
  });

  it('still finds a name used twice among 100,000, and a token given twice', { timeout: 120_000 }, () => {
    const raw = hostConfig(100_000);
    raw.clients[99_999]!.name = 'client-5';
    expect(() => parseConfig(raw)).toThrow('clients[99999].name: "client-5" is used twice');
    const few = hostConfig(10);
    few.clients[9]!.token = few.clients[3]!.token;
    expect(() => parseConfig(few)).toThrow('clients[9].token: the same token is given to another client');
  });
});
