import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { startTestServer, tokens, type CountsBody } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';

/** A mail host's config: `n` users, each with a client token and a mailbox. */
function hostConfig(n: number): { clients: Array<{ name: string; token: string; mailboxes: string[] }>; mailboxes: unknown[] } {
  const ids = Array.from({ length: n }, (_, i) => `user${i}@example.org`);
  return {
    clients: ids.map((id, i) => ({ name: `client-${i}`, token: `token-of-user-${i}-0123456789`, mailboxes: [id] })),
    mailboxes: ids.map((id) => ({ id, name: id })),
  };
}

/**
 * The least CPU time this thread spent on one of `runs` loads, in ms. CPU time,
 * not elapsed time: what the load itself costs, which other processes on a busy
 * machine do not add to (elapsed time made the ratio fail at load average 20).
 */
function loadCpuMs(raw: unknown, runs: number): number {
  let least = Infinity;
  for (let run = 0; run < runs; run++) {
    const before = process.threadCpuUsage();
    parseConfig(raw);
    const spent = process.threadCpuUsage(before);
    least = Math.min(least, (spent.user + spent.system) / 1000);
  }
  return least;
}

describe('a mail host with 100,000 users', () => {
  it('loads 100,000 clients and mailboxes with work linear in their number', { timeout: 120_000 }, () => {
    const small = loadCpuMs(hostConfig(10_000), 3);
    const large = loadCpuMs(hostConfig(100_000), 2);
    console.info(`config load, CPU time: 10,000 entries ${small.toFixed(0)} ms, 100,000 entries ${large.toFixed(0)} ms (x${(large / small).toFixed(1)})`);
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

describe('answers that cost what changed, at 100,000 mailboxes', () => {
  it('a "*" client and a client listing all 100,000 get only the one that changed, in a small answer', { timeout: 120_000 }, async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `user${i}@example.org`);
    const server = await startTestServer({
      clients: [
        { name: 'ops', token: tokens.ops, mailboxes: '*' },
        { name: 'long-list', token: tokens.ann, mailboxes: ids },
      ],
      mailboxes: ids.map((id) => ({ id })),
    });
    try {
      const [all, listed] = await Promise.all([tokens.ops, tokens.ann].map((token) => server.counts(token, '?delta=1')));
      expect(all!.mailboxes).toHaveLength(100_000);
      expect(listed!.mailboxes).toHaveLength(100_000);
      const held = [tokens.ops, tokens.ann].map((token, i) =>
        server.poll(token, `?delta=1&wait=30&since=${[all, listed][i]!.cursor}`).then(async (r) => r.text()));
      await eventually(async () => (await server.heldPolls()) === 2);
      await server.setCount('user4711@example.org', 3);
      for (const text of await Promise.all(held)) {
        const body = JSON.parse(text) as CountsBody & { delta: boolean };
        expect(body.delta).toBe(true);
        expect(body.mailboxes.map((m) => [m.id, m.count])).toEqual([['user4711@example.org', 3]]);
        expect(text.length).toBeLessThan(400);
      }
    } finally {
      await server.stop();
    }
  });
});
