import { describe, expect, test } from 'vitest';
import { connectionSummary, type ConnectionStatus, type ServerLabel } from '../../../common/connection.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { Mailbox } from '../../../common/protocol.ts';
import {
  appMailboxId, mergedMailboxes, overallConfirmedAt, overallConnection, serverViews, splitMailboxId, type ServerState,
} from '../../../main/connection/servers-state.ts';

const remote = (label: string): ServerLabel => ({ mode: 'remote', label, isInsecure: false });
const bundled: ServerLabel = { mode: 'bundled', label: 'bundled server', isInsecure: false };
const box = (id: string, count: number): Mailbox => ({ id, name: id, count, state: 'ok', changedAt: '2026-12-05T08:00:00.000Z' });

function server(key: string, connection: ConnectionStatus, mailboxes: Mailbox[] = [], confirmedAt: number | null = null): ServerState {
  return { key, name: key === 'bundled' ? '' : key.toUpperCase(), connection, mailboxes, confirmedAt };
}
const live = (label: ServerLabel): ConnectionStatus => ({ state: 'live', server: label });
const offline = (label: ServerLabel): ConnectionStatus => ({ state: 'offline', server: label });
const retrying = (label: ServerLabel, nextTryAt: number): ConnectionStatus => ({ state: 'retrying', server: label, nextTryAt, reason: 'refused' });
const refused = (label: ServerLabel): ConnectionStatus => ({ state: 'auth-failed', server: label, reason: 'token refused' });
const connecting = (label: ServerLabel): ConnectionStatus => ({ state: 'connecting', server: label });

describe('mailbox ids across servers', () => {
  test.each([
    ['bundled', 'work', 'work'],
    ['s1', 'work', 's1/work'],
    ['s2', 'work', 's2/work'],
    ['s12', 'ann@example.com', 's12/ann@example.com'],
  ])('%s and %s make %s, and back', (key, id, appId) => {
    expect(appMailboxId(key, id)).toBe(appId);
    expect(splitMailboxId(appId)).toEqual({ serverKey: key, id });
  });

  test('two servers with a mailbox of the same id show two mailboxes, each with its server', () => {
    const merged = mergedMailboxes([
      server('bundled', live(bundled), [box('work', 1)]),
      server('s1', live(remote('a.example')), [box('work', 2)]),
      server('s2', offline(remote('b.example')), [box('work', 3)]),
    ]);
    expect(merged.map((m) => [m.id, m.server, m.count])).toEqual([['work', 'bundled', 1], ['s1/work', 's1', 2], ['s2/work', 's2', 3]]);
  });
});

describe('one connection state for several servers', () => {
  const a = remote('a.example');
  const b = remote('b.example');
  const c = remote('c.example');
  // [what, the servers' states, the state shown, and for partial: live of]
  const table: Array<[string, ConnectionStatus[], ConnectionStatus['state'], [number, number]?]> = [
    ['one server: its own state', [offline(a)], 'offline'],
    ['all live', [live(bundled), live(a), live(b)], 'live'],
    ['one of three offline', [live(bundled), offline(a), live(b)], 'partial', [2, 3]],
    ['one live, one refusing its token', [live(a), refused(b)], 'partial', [1, 2]],
    ['one live, one still connecting', [live(a), connecting(b)], 'partial', [1, 2]],
    ['all offline', [offline(a), offline(b)], 'offline'],
    ['none live, one retrying', [offline(a), retrying(b, 5000), connecting(c)], 'retrying'],
    ['none live, one refusing, one connecting', [refused(a), connecting(b)], 'auth-failed'],
    ['all connecting', [connecting(a), connecting(b)], 'connecting'],
  ];
  test.each(table)('%s', (_what, states, expected, liveOf) => {
    const overall = overallConnection(states.map((connection, i) => server(`s${i + 1}`, connection)));
    expect(overall.state).toBe(expected);
    if (liveOf) expect(overall).toMatchObject({ live: liveOf[0], of: liveOf[1] });
  });

  test('retrying several: the soonest try is the one shown', () => {
    const overall = overallConnection([server('s1', retrying(a, 9000)), server('s2', retrying(b, 4000))]);
    expect(overall).toMatchObject({ state: 'retrying', nextTryAt: 4000 });
  });

  test('a server over plain http among several still warns', () => {
    const insecure = { ...b, isInsecure: true };
    expect(overallConnection([server('s1', live(a)), server('s2', live(insecure))]).server.isInsecure).toBe(true);
  });

  test('in words: partial says how many are live, in each language', () => {
    const overall = overallConnection([server('bundled', live(bundled)), server('s1', offline(a)), server('s2', live(b))]);
    expect(connectionSummary(overall, translatorFor('en'))).toBe("Live: 2 of 3 servers; the others' counts may be out of date");
    expect(connectionSummary(overall, translatorFor('ko'))).toBe('실시간 연결됨: 서버 3개 중 2개. 나머지 서버의 메일 수는 최신이 아닐 수 있습니다');
    const all = overallConnection([server('s1', live(a)), server('s2', live(b))]);
    expect(connectionSummary(all, translatorFor('en'))).toBe('Live: all 2 servers');
  });
});

describe('when the counts were last all confirmed', () => {
  test.each<[string, ServerState[], number | null]>([
    ['one server: its own moment', [server('s1', offline(remote('a')), [], 100)], 100],
    ['several, all live: the older of their last answers', [server('s1', live(remote('a')), [], 100), server('s2', live(remote('b')), [], 200)], 100],
    ['several, all live, one yet to answer: not yet (null)', [server('s1', live(remote('a')), [], 100), server('s2', live(remote('b')))], null],
    ['none followed: null', [], null],
    ['several, two down: the older of theirs', [
      server('s1', offline(remote('a')), [], 300), server('s2', live(remote('b')), [], 100), server('s3', offline(remote('c')), [], 200),
    ], 200],
  ])('%s', (_what, servers, expected) => {
    expect(overallConfirmedAt(servers)).toBe(expected);
  });
});

test("each server's total counts only the mailboxes in the total", () => {
  const views = serverViews([
    server('bundled', live(bundled), [box('work', 2), box('news', 40)]),
    server('s1', offline(remote('a')), [box('work', 5)], 100),
  ], (id) => id !== 'news');
  expect(views.map((v) => [v.key, v.total, v.connection.state, v.countsConfirmedAt])).toEqual([
    ['bundled', 2, 'live', null], ['s1', 5, 'offline', 100],
  ]);
});
