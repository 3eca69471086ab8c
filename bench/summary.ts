/**
 * What `npm run bench` concludes from its rounds: the median of each figure,
 * Mailtray's ratio to nchan's, whether issue 14's goal is met, whether every
 * change was delivered, and the Markdown table for docs/benchmarks.md.
 */
import type { LoadResult } from './load.ts';

/** One line of the table: a load, and the rounds each server ran it. */
export interface Row {
  /** `steady`: one mailbox per poll, changes at a rate; `fanout`: every poll on one mailbox. */
  kind: 'steady' | 'fanout';
  polls: number;
  mailtray: LoadResult[];
  nchan: LoadResult[];
  /** Mailtray with `"http": {"pollFront": false}` (`--front-off`): node:http and Fastify take every connection. */
  frontOff?: LoadResult[];
}

/** Issue 14's goal: Mailtray's figure over nchan's at most this, where the goal speaks of the load. */
export interface Goals { p99?: number; cpu?: number; memory?: number }

export function goalsFor(row: Pick<Row, 'kind' | 'polls'>): Goals {
  if (row.kind === 'fanout') return { p99: 1 }; // at least as fast as nchan
  return row.polls >= 10_000 ? { p99: 1.5, cpu: 2, memory: 1 } : {};
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Mailtray's figure over nchan's; NaN where there is nothing to divide by. */
export function ratio(mailtray: number, nchan: number): number {
  return Number.isFinite(mailtray) && Number.isFinite(nchan) && nchan > 0 ? mailtray / nchan : NaN;
}

export interface Medians { p99Ms: number; cpuSecondsPerChange: number; bytesPerHeldPoll: number }

export function mediansOf(results: readonly LoadResult[]): Medians {
  return {
    p99Ms: median(results.map((r) => r.latencyMs.p99)),
    cpuSecondsPerChange: median(results.map((r) => r.cpuSecondsPerChange)),
    bytesPerHeldPoll: median(results.map((r) => r.bytesPerHeldPoll)),
  };
}

/** What went wrong in a run, in words, or undefined when every change reached every poll of its mailbox, each on its own. */
export function missesOf(result: LoadResult): string | undefined {
  const problems: string[] = [];
  if (result.deliveries !== result.expectedDeliveries) problems.push(`${result.deliveries} of ${result.expectedDeliveries} deliveries`);
  if (result.extraDeliveries > 0) {
    const more = result.extraDeliveries - result.extraAnswers.length;
    problems.push(`${result.extraDeliveries} extra deliver${result.extraDeliveries > 1 ? 'ies' : 'y'} (answers with no new change of the poll's mailbox): `
      + `${result.extraAnswers.join(' | ')}${more > 0 ? ` | and ${more} more` : ''}`);
  }
  if (result.stalePolls > 0) problems.push(`${result.stalePolls} poll${result.stalePolls > 1 ? 's' : ''} never saw their mailbox's last change`);
  problems.push(...result.errors);
  return problems.length > 0 ? problems.join('; ') : undefined;
}

const grouped = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** Two significant decimals for small figures, none for large ones. */
export function figure(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const abs = Math.abs(n);
  return grouped(n, abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}

function ratioCell(mailtray: number, nchan: number, goal: number | undefined): string {
  const r = ratio(mailtray, nchan);
  if (!Number.isFinite(r)) return 'n/a';
  const text = `${r.toFixed(2)}x`;
  return goal === undefined ? text : `${text} ${r <= goal ? '✓' : '✗'}`;
}

function pair(mailtray: number, nchan: number, unit: string, hasNchan: boolean): string {
  return hasNchan ? `${figure(mailtray)} / ${figure(nchan)} ${unit}` : `${figure(mailtray)} ${unit}`;
}

function deliveredCell(results: readonly LoadResult[]): string {
  const delivered = results.reduce((sum, r) => sum + r.deliveries, 0);
  const expected = results.reduce((sum, r) => sum + r.expectedDeliveries, 0);
  const errors = results.reduce((sum, r) => sum + r.errors.length + (r.stalePolls > 0 ? 1 : 0), 0);
  if (results.every((r) => missesOf(r) === undefined)) return `yes (${grouped(delivered, 0)})`;
  return `**NO** (${grouped(delivered, 0)} of ${grouped(expected, 0)}${errors > 0 ? `; ${errors} kind${errors > 1 ? 's' : ''} of error` : ''})`;
}

export function rowLabel(row: Pick<Row, 'kind' | 'polls'>): string {
  return row.kind === 'fanout' ? `${grouped(row.polls, 0)} on one mailbox (fan-out)` : grouped(row.polls, 0);
}

/** The label of the line under a row for Mailtray with the poll front off. */
export const FRONT_OFF = 'poll front off';

/** The table in docs/benchmarks.md: medians of the rounds, Mailtray / nchan, ratios marked ✓ or ✗ where the goal speaks. */
export function markdownTable(rows: readonly Row[]): string {
  const hasNchan = rows.some((row) => row.nchan.length > 0);
  const lines = [
    '| polls held | p99 change to delivery (Mailtray / nchan) | ratio | CPU per change | ratio | memory per held poll | ratio | every change delivered (Mailtray / nchan) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const n = mediansOf(row.nchan);
    const isFanout = row.kind === 'fanout';
    const cpu = (seconds: number) => (isFanout ? seconds : seconds * 1000);
    const line = (label: string, mailtray: readonly LoadResult[], goals: Goals) => {
      const m = mediansOf(mailtray);
      lines.push(`| ${[
        label,
        pair(m.p99Ms, n.p99Ms, 'ms', hasNchan), ratioCell(m.p99Ms, n.p99Ms, goals.p99),
        pair(cpu(m.cpuSecondsPerChange), cpu(n.cpuSecondsPerChange), isFanout ? 's' : 'ms', hasNchan),
        ratioCell(m.cpuSecondsPerChange, n.cpuSecondsPerChange, goals.cpu),
        pair(m.bytesPerHeldPoll / 1024, n.bytesPerHeldPoll / 1024, 'KiB', hasNchan),
        ratioCell(m.bytesPerHeldPoll, n.bytesPerHeldPoll, goals.memory),
        hasNchan ? `${deliveredCell(mailtray)} / ${deliveredCell(row.nchan)}` : deliveredCell(mailtray),
      ].join(' | ')} |`);
    };
    line(rowLabel(row), row.mailtray, goalsFor(row));
    // The goal is the shipped server's, the front on: the line without it is for comparing, unmarked.
    if (row.frontOff && row.frontOff.length > 0) line(`${rowLabel(row)}, ${FRONT_OFF}`, row.frontOff, {});
  }
  return lines.join('\n');
}

export const GOAL_NOTE = 'Goal (issue 14), at 10,000 and 15,000 held polls: p99 at most 1.5x nchan\'s, CPU per change at most 2x, '
  + 'memory per held poll at most 1x; the fan-out at least as fast as nchan (p99 at most 1x). ✓ met, ✗ not met; no mark where the goal does not speak.';
