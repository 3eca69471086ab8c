import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../bench/load.ts';
import { goalsFor, markdownTable, median, missesOf, ratio, type Row } from '../../bench/summary.ts';

function result(target: string, figures: { p99: number; cpuMs: number; kib: number; delivered?: number; expected?: number; stale?: number; errors?: string[] }): LoadResult {
  const expected = figures.expected ?? 4000;
  return {
    target,
    heldPolls: 1000,
    deliveries: figures.delivered ?? expected,
    expectedDeliveries: expected,
    extraDeliveries: 0,
    extraAnswers: [],
    stalePolls: figures.stale ?? 0,
    errors: figures.errors ?? [],
    latencyMs: { p50: figures.p99 / 4, p99: figures.p99, max: figures.p99 * 2 },
    bytesPerHeldPoll: figures.kib * 1024,
    idleCpuSeconds: 0,
    cpuSecondsPerChange: figures.cpuMs / 1000,
    changeSeconds: 5,
    cpuByProcess: [],
  };
}
/** The cells of the table's row for `label`. */
const cellsOf = (table: string, label: string) => table.split('\n').find((line) => line.startsWith(`| ${label} |`))!.split(' | ').slice(1);

describe('what npm run bench concludes from its rounds', () => {
  it('takes the middle of an odd number of rounds and the mean of the middle two of an even number, so one wild round never decides', () => {
    expect(median([40.5, 7.1, 9.3])).toBe(9.3);
    expect(median([115, 17, 20, 30])).toBe(25);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('divides Mailtray\'s figure by nchan\'s, and gives no ratio where nchan measured nothing', () => {
    expect(ratio(7.5, 1.5)).toBe(5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, NaN)).toBeNaN();
  });

  it('judges the goal at 10,000 and 15,000 polls and the fan-out only, as issue 14 states it', () => {
    expect(goalsFor({ kind: 'steady', polls: 1000 })).toEqual({});
    expect(goalsFor({ kind: 'steady', polls: 10_000 })).toEqual({ p99: 1.5, cpu: 2, memory: 1 });
    expect(goalsFor({ kind: 'fanout', polls: 15_000 })).toEqual({ p99: 1 });
  });

  it('prints medians as Mailtray / nchan with ratios, marked met or not where the goal speaks', () => {
    const rows: Row[] = [
      {
        kind: 'steady', polls: 1000,
        mailtray: [result('mailtray', { p99: 7.4, cpuMs: 0.56, kib: 13.1 }), result('mailtray', { p99: 90, cpuMs: 0.5, kib: 13 }), result('mailtray', { p99: 5, cpuMs: 0.6, kib: 14 })],
        nchan: [result('nchan', { p99: 1.2, cpuMs: 0.11, kib: 10.2 }), result('nchan', { p99: 1.1, cpuMs: 0.1, kib: 10.2 }), result('nchan', { p99: 3, cpuMs: 0.12, kib: 10.2 })],
      },
      {
        kind: 'steady', polls: 10_000,
        mailtray: [result('mailtray', { p99: 1.5, cpuMs: 0.3, kib: 9 })],
        nchan: [result('nchan', { p99: 1, cpuMs: 0.1, kib: 10 })],
      },
      {
        kind: 'fanout', polls: 15_000,
        mailtray: [result('mailtray', { p99: 1062, cpuMs: 1740, kib: 16, expected: 150_000 })],
        nchan: [result('nchan', { p99: 724, cpuMs: 450, kib: 10.2, expected: 150_000 })],
      },
    ];
    const table = markdownTable(rows);
    expect(table.split('\n')[0]).toMatch(/^\| polls held \| p99 change to delivery \(Mailtray \/ nchan\) \| ratio \| CPU per change \|/);
    expect(cellsOf(table, '1,000')).toEqual(['7.40 / 1.20 ms', '6.17x', '0.56 / 0.11 ms', '5.09x', '13.1 / 10.2 KiB', '1.28x', 'yes (12,000) / yes (12,000) |']);
    expect(cellsOf(table, '10,000')).toEqual(['1.50 / 1.00 ms', '1.50x ✓', '0.30 / 0.10 ms', '3.00x ✗', '9.00 / 10.0 KiB', '0.90x ✓', 'yes (4,000) / yes (4,000) |']);
    expect(cellsOf(table, '15,000 on one mailbox (fan-out)')).toEqual(['1,062 / 724 ms', '1.47x ✗', '1.74 / 0.45 s', '3.87x', '16.0 / 10.2 KiB', '1.57x', 'yes (150,000) / yes (150,000) |']);
  });

  it('puts Mailtray with the poll front off (--front-off) on a line under its row, beside the same nchan, unmarked by the goal', () => {
    const table = markdownTable([{
      kind: 'steady', polls: 10_000,
      mailtray: [result('mailtray', { p99: 1.5, cpuMs: 0.3, kib: 9 })],
      nchan: [result('nchan', { p99: 1, cpuMs: 0.1, kib: 10 })],
      frontOff: [result('mailtray, front off', { p99: 4, cpuMs: 0.9, kib: 40 })],
    }]);
    expect(cellsOf(table, '10,000')).toEqual(['1.50 / 1.00 ms', '1.50x ✓', '0.30 / 0.10 ms', '3.00x ✗', '9.00 / 10.0 KiB', '0.90x ✓', 'yes (4,000) / yes (4,000) |']);
    expect(cellsOf(table, '10,000, poll front off')).toEqual(['4.00 / 1.00 ms', '4.00x', '0.90 / 0.10 ms', '9.00x', '40.0 / 10.0 KiB', '4.00x', 'yes (4,000) / yes (4,000) |']);
    expect(table.split('\n')).toHaveLength(4);
  });

  it('says loudly when a round lost a change, and no ratio is made up without nchan', () => {
    const lossy = result('mailtray', { p99: 2, cpuMs: 0.2, kib: 9, delivered: 3998, stale: 2 });
    expect(missesOf(lossy)).toBe('3998 of 4000 deliveries; 2 polls never saw their mailbox\'s last change');
    expect(missesOf(result('mailtray', { p99: 2, cpuMs: 0.2, kib: 9, errors: ['a poll answered 503'] }))).toBe('a poll answered 503');
    expect(missesOf(result('mailtray', { p99: 2, cpuMs: 0.2, kib: 9 }))).toBeUndefined();
    const table = markdownTable([{ kind: 'steady', polls: 10_000, mailtray: [lossy, result('mailtray', { p99: 2, cpuMs: 0.2, kib: 9 })], nchan: [] }]);
    expect(cellsOf(table, '10,000')).toEqual(['2.00 ms', 'n/a', '0.20 ms', 'n/a', '9.00 KiB', 'n/a', '**NO** (7,998 of 8,000; 1 kind of error) |']);
  });
});
