import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOOR_PARTS, floorOf, measureFloor, Tally, type FloorFigures } from '../../bench/redis-floor.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';

// npm run bench:redis-floor: what the Redis exchange alone costs, the floor under the Redis rows.
describe('the Redis floor bench', () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });

  it('runs every part on a real Redis, each receiver getting every change exactly once, and reports each part\'s CPU', async () => {
    const { figures, problems } = await measureFloor(redis.url, { mailboxes: 10, changes: 40, rate: 400 });
    expect(problems).toEqual([]);
    expect(Object.keys(figures).sort()).toEqual([...FLOOR_PARTS].sort());
    for (const part of FLOOR_PARTS) expect(figures[part], part).toBeGreaterThanOrEqual(0);
    // Sending the script and reading its message cannot cost less than the pacing that sends nothing.
    expect(figures.raw).toBeGreaterThan(0);
  }, 60_000);

  it('says so when a change message arrives twice, or some never arrive', () => {
    const tally = new Tally(3);
    const message = (id: string, version: number, total: number) => `e1 ${id} \n${total}\n${version} {"name":"${id}","count":${version}}`;
    tally.message(message('m1', 1, 1));
    tally.message(message('m2', 1, 2));
    tally.message(message('m1', 1, 2));
    expect(tally.check()).toEqual(['m1@1 arrived twice', '2 distinct changes arrived of 3']);
    const fine = new Tally(2);
    fine.message(message('m1', 1, 1));
    fine.message(message('m1', 2, 2));
    expect(fine.check()).toEqual([]);
  });

  it('says when a message names ids without the state, as an older server publishes it', () => {
    const tally = new Tally(1);
    tally.message('e1 m1 ');
    expect(tally.check()[0]).toMatch(/^a change message without its state/);
  });

  it('puts the floor at the memory store plus the exchange over the pacing, and one message more per further instance', () => {
    const figures: FloorFigures = { pacing: 0.1, raw: 0.5, 'raw-receive': 0.2, client: 0.7, 'client-receive': 0.25, store: 0.75 };
    const floor = floorOf(0.6, figures);
    expect(floor.raw.x1).toBeCloseTo(1.0);
    expect(floor.raw.x2).toBeCloseTo(1.2);
    expect(floor.client.x1).toBeCloseTo(1.2);
    expect(floor.client.x2).toBeCloseTo(1.45);
  });
});
