import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { storeKinds, useStore } from '../../helpers/stores.ts';

describe.each(storeKinds)('on the %s store', (kind) => {
  const stores = useStore(kind);
  let server: TestServer;
  beforeAll(async () => { server = await stores.start({ compat: { getPhp: true } }); });
  afterAll(async () => { await server.stop(); });

  const getPhp = (query: string) => fetch(`${server.url}/get.php?${query}`);

  // docs/protocol.md, "Health, metrics and the seed note's protocol": "GET /get.php".
  describe('/get.php, the seed note\'s protocol', () => {
    it('answers the count as text at once when it differs from mailCount, with CORS open', async () => {
      await server.setCount('ann', 4);
      const response = await getPhp('userID=ann&mailCount=0');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.text()).toBe('4');
    });

    it('holds while the count equals mailCount and answers the new count when it changes', async () => {
      await server.setCount('bob', 2);
      const changes = await server.metric('mailtray_polls_ended_total{how="change"}');
      const held = getPhp('userID=bob&mailCount=2').then((r) => r.text());
      await eventually(async () => (await server.heldPolls()) === 1);
      await server.setCount('bob', 3);
      expect(await held).toBe('3');
      // Held until the change, and ended by it.
      expect(await server.metric('mailtray_polls_ended_total{how="change"}')).toBe(changes + 1);
    });

    it('refuses a userID or mailCount its client could not have meant', async () => {
      expect((await getPhp('userID=../etc&mailCount=1')).status).toBe(400);
      expect((await getPhp('userID=ann&mailCount=lots')).status).toBe(400);
      expect((await getPhp('mailCount=1')).status).toBe(400);
    });
  });
});
