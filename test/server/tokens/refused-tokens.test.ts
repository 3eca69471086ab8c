import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { RefusalLog } from '../../../server/tokens/refused-tokens.ts';
import { startServer } from '../../../server/run/start.ts';
import { testConfig, tokens } from '../../helpers/count-server.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';

function recordingLog() {
  const lines: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  return { lines, info: (fields: object, msg: string) => { lines.push({ fields: fields as Record<string, unknown>, msg }); } };
}

describe('refused tokens in the log', () => {
  it('logs one line a minute per address, then says how many it left out', () => {
    const timers = new FakeTimers(0);
    const log = recordingLog();
    const refusals = new RefusalLog(log, timers);
    for (let i = 0; i < 50; i += 1) {
      refusals.note('203.0.113.7', 'this token is not known to the server', 'GET /v1/counts');
      timers.advance(1000);
    }
    expect(log.lines).toHaveLength(1);
    timers.advance(10_000);
    refusals.note('203.0.113.7', 'this token is not known to the server', 'GET /v1/counts');
    expect(log.lines).toHaveLength(2);
    expect(log.lines[1]!.fields).toEqual({
      address: '203.0.113.7', reason: 'this token is not known to the server', where: 'GET /v1/counts', notLoggedSince: 49,
    });
  });

  it('logs at most 20 lines a minute however many addresses try', () => {
    const timers = new FakeTimers(0);
    const log = recordingLog();
    const refusals = new RefusalLog(log, timers);
    for (let i = 0; i < 1000; i += 1) refusals.note(`198.51.100.${i % 250}.${i}`, 'no token', 'PUT /v1/mailboxes/x');
    expect(log.lines).toHaveLength(20);
    timers.advance(60_000);
    refusals.note('192.0.2.1', 'no token', 'PUT /v1/mailboxes/x');
    expect(log.lines.at(-1)!.fields.notLoggedSince).toBe(980);
  });

  it('a server logs a refused token at info with the client\'s address, never the token', async () => {
    const lines: string[] = [];
    const running = await startServer({
      config: parseConfig(testConfig()),
      logger: { level: 'info', stream: { write: (line: string) => { lines.push(line); } } },
    });
    try {
      const wrong = 'a-token-that-was-revoked-0123';
      const response = await fetch(`${running.url}/v1/counts`, { headers: { Authorization: `Bearer ${wrong}` } });
      expect(response.status).toBe(401);
      expect((await fetch(`${running.url}/v1/counts`, { headers: { Authorization: `Bearer ${tokens.ann}` } })).status).toBe(200);
      const refused = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'refused a request for its token');
      expect(refused).toEqual([expect.objectContaining({ level: 30, address: '127.0.0.1', where: 'GET /v1/counts' })]);
      expect(lines.join('')).not.toContain(wrong);
    } finally {
      await running.stop();
    }
  });
});
