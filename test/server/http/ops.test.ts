import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/run/start.ts';
import { startSourceServer } from '../../helpers/source-server.ts';
import { eventually } from '../../helpers/eventually.ts';

const metricsToken = 'metrics-token-0123456789';
let folder: string;
let server: RunningServer | undefined;
beforeEach(async () => { folder = await mkdtemp(join(tmpdir(), 'mailtray-ops-')); });
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(folder, { recursive: true, force: true });
});

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function healthUntil(url: string, init: RequestInit, test: (body: HealthBody) => boolean): Promise<HealthBody> {
  // Asked until it shows it, with a deadline a busy machine does not reach (it was 100 tries 50 ms apart).
  return eventually(async () => {
    const body = await (await fetch(`${url}/healthz`, init)).json() as HealthBody;
    return test(body) && body;
  }, 15_000);
}

interface HealthBody {
  status: string;
  sources?: Array<{ type: string; at: string; state: string; error?: string }>;
}

// docs/protocol.md, "Health, metrics and the seed note's protocol": "GET /healthz" and "GET /metrics".
describe('/healthz and /metrics', () => {
  it('/healthz lists each source with its place, state and error, even one that names no mailbox', async () => {
    const missing = join(folder, 'counts.txt');
    server = await startSourceServer([
      { type: 'counts-file', path: missing, mailboxes: ['alice'] },
      { type: 'counts-file', path: join(folder, 'other.txt') },
    ]);
    const body = await healthUntil(server.url, {}, (b) => b.sources?.every((s) => s.state === 'error') ?? false);
    expect(body).toEqual({
      status: 'ok',
      sources: [
        { type: 'counts-file', at: 'sources[0]', state: 'error', error: `cannot read ${missing}: it does not exist (ENOENT)` },
        { type: 'counts-file', at: 'sources[1]', state: 'error', error: `cannot read ${join(folder, 'other.txt')}: it does not exist (ENOENT)` },
      ],
    });
  });

  it('with metrics.token, /metrics needs that bearer token and /healthz shows sources only to it', async () => {
    server = await startSourceServer([{ type: 'counts-file', path: join(folder, 'counts.txt'), mailboxes: ['alice'] }], { metrics: { token: metricsToken } });
    const open = await fetch(`${server.url}/metrics`);
    expect(open.status).toBe(401);
    expect(open.headers.get('cache-control')).toBe('no-store');
    expect(await open.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fetch(`${server.url}/metrics`, bearer('wrong-token-0123456789'))).status).toBe(401);
    const scraped = await fetch(`${server.url}/metrics`, bearer(metricsToken));
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('mailtray_held_polls');

    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const detailed = await healthUntil(server.url, bearer(metricsToken), (b) => b.sources?.[0]?.state === 'error');
    expect(detailed.sources).toEqual([expect.objectContaining({ type: 'counts-file', at: 'sources[0]', state: 'error' })]);
  });
});
